/** `resume`: remove the pause tag, so the scaler decides for the cluster again from its next run. */
import { decodePause, PAUSE_TAG } from "../../domain/tags.ts";
import type { ResumeRequest } from "../../events/operator-request.ts";
import { loadGroup } from "./cluster-state.ts";
import type { ActionContext } from "./context.ts";
import type { PauseResponse } from "./types.ts";

export async function resumeAction(ctx: ActionContext, request: ResumeRequest): Promise<PauseResponse> {
  const { deps, cluster } = ctx;
  const group = await loadGroup(deps, cluster);
  if (!decodePause(group.tags[PAUSE_TAG]).paused)
    return { ok: true, action: "resume", cluster: cluster.name, changed: false, paused: { paused: false } };

  await deps.fleet.deleteTags(cluster.autoScalingGroupName, [PAUSE_TAG]);
  await deps.notifier.notify({
    kind: "manual-action",
    cluster: cluster.name,
    at: deps.clock.now(),
    requestId: ctx.requestId,
    action: "resume",
    by: request.requestedBy,
    reason: request.reason,
  });
  return { ok: true, action: "resume", cluster: cluster.name, changed: true, paused: { paused: false } };
}
