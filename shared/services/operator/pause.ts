/**
 * `pause`: stop automatic decisions for a cluster by tagging its group (`PAUSE_TAG`, who/why/since); the scaler's
 * `paused` guardrail reads the tag. Pausing a paused cluster changes nothing and keeps the first pause's who and why.
 */
import { decodePause, encodePause, PAUSE_TAG } from "../../domain/tags.ts";
import type { PauseRequest } from "../../events/operator-request.ts";
import { loadGroup } from "./cluster-state.ts";
import type { ActionContext } from "./context.ts";
import type { PauseResponse } from "./types.ts";

export async function pauseAction(ctx: ActionContext, request: PauseRequest): Promise<PauseResponse> {
  const { deps, cluster } = ctx;
  const group = await loadGroup(deps, cluster);
  const current = decodePause(group.tags[PAUSE_TAG]);
  if (current.paused) return { ok: true, action: "pause", cluster: cluster.name, changed: false, paused: current };

  const at = deps.clock.now();
  const value = encodePause({ by: request.requestedBy, reason: request.reason, since: at });
  await deps.fleet.putTags(cluster.autoScalingGroupName, { [PAUSE_TAG]: value });
  await deps.notifier.notify({
    kind: "manual-action",
    cluster: cluster.name,
    at,
    requestId: ctx.requestId,
    action: "pause",
    by: request.requestedBy,
    reason: request.reason,
  });
  return { ok: true, action: "pause", cluster: cluster.name, changed: true, paused: decodePause(value) };
}
