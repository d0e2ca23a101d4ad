/**
 * Heart-beating a lifecycle action so that the hook's timeout never ends a wait we are still deciding. The timeout is
 * the hook's own (DescribeLifecycleHooks), or the cluster's `lifecycle.heartbeatTimeoutSeconds` when the hook cannot be
 * read. A heartbeat is due once half the timeout has passed since the last one (or since the action started, when we
 * do not know of any): one poll interval of lateness still leaves half the timeout spare.
 *
 * A sweep (the scaler's reconcile pass for an action whose event was lost) heartbeats on every pass: it cannot know the
 * last heartbeat (the poller's are not readable back from Auto Scaling), and for a terminating action often not even
 * when the wait began (then `startedAt` is the sweep's own time, so the age it sees is zero). Sweeps only come for
 * actions already waiting past the grace period, once a minute, and a heartbeat is idempotent: one cheap call per
 * stuck action per minute keeps it from timing out before a later sweep can decide it, even when that sweep fails.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { LifecycleWaitState } from "../../events/lifecycle-continuation.ts";
import type { AutoscalerDeps } from "../deps.ts";
import { actionRef } from "./action-ref.ts";
import { retryTransient } from "./retry-transient.ts";

export async function hookTimeoutSeconds(
  deps: Pick<AutoscalerDeps, "fleet" | "logger">,
  cluster: ClusterConfig,
  state: LifecycleWaitState,
): Promise<number> {
  try {
    const hooks = await deps.fleet.describeLifecycleHooks(state.action.groupName);
    const hook = hooks.find((h) => h.name === state.action.hookName);
    if (hook) return hook.heartbeatTimeoutSeconds;
  } catch (error) {
    deps.logger.warn("could not read the lifecycle hooks; using the configured heartbeat timeout", { error });
  }
  return cluster.lifecycle.heartbeatTimeoutSeconds;
}

export function heartbeatDue(state: LifecycleWaitState, now: number, timeoutSeconds: number): boolean {
  if (state.sweep) return true;
  const last = state.lastHeartbeatAt ?? state.action.startedAt;
  return now - last >= (timeoutSeconds * 1000) / 2;
}

/**
 * Heartbeats when due. `not-found` means the action no longer exists (completed by a duplicate, timed out, or the
 * instance is gone): the caller stops waiting. A transient failure is retried with backoff within the time left
 * (`retry-transient.ts`); one that persists is logged and retried at the next poll.
 */
export async function heartbeatIfDue(
  deps: Pick<AutoscalerDeps, "fleet" | "logger" | "clock">,
  state: LifecycleWaitState,
  timeoutSeconds: number,
  remainingMs?: () => number,
): Promise<"not-due" | "recorded" | "not-found" | "failed"> {
  if (!heartbeatDue(state, deps.clock.now(), timeoutSeconds)) return "not-due";
  try {
    const r = await retryTransient(
      deps,
      "lifecycle heartbeat",
      () => deps.fleet.recordLifecycleActionHeartbeat(actionRef(state.action)),
      remainingMs ? { remainingMs } : {},
    );
    if (r === "recorded") state.lastHeartbeatAt = deps.clock.now();
    return r;
  } catch (error) {
    deps.logger.warn("lifecycle heartbeat failed; will retry at the next poll", {
      instanceId: state.action.instanceId,
      error,
    });
    return "failed";
  }
}
