/**
 * `pause` and `resume`: stop and restart automatic decisions for a cluster by tagging its group (`PAUSE_TAG`,
 * who/why/since); the scaler's `paused` guardrail reads the tag. Pausing a paused cluster changes nothing and keeps the
 * first pause's who and why; resuming removes the tag, so the scaler decides for the cluster again from its next run.
 */
import { decodePause, encodePause, PAUSE_TAG } from "../../domain/tags.ts";
import type { PauseRequest, ResumeRequest } from "../../events/operator-request.ts";
import { loadGroup } from "./cluster-state.ts";
import type { ActionContext, PauseResponse } from "./types.ts";

/*
 * `pause`: stop automatic decisions for a cluster by tagging its group (`PAUSE_TAG`, who/why/since); the scaler's
 * `paused` guardrail reads the tag. Pausing a paused cluster changes nothing and keeps the first pause's who and why.
 */
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
    ...(ctx.caller.arn !== undefined ? { callerArn: ctx.caller.arn } : {}),
    reason: request.reason,
  });
  return { ok: true, action: "pause", cluster: cluster.name, changed: true, paused: decodePause(value) };
}

/* `resume`: remove the pause tag, so the scaler decides for the cluster again from its next run. */
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
    ...(ctx.caller.arn !== undefined ? { callerArn: ctx.caller.arn } : {}),
    reason: request.reason,
  });
  return { ok: true, action: "resume", cluster: cluster.name, changed: true, paused: { paused: false } };
}
