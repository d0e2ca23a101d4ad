/**
 * Drain: a node the ASG is terminating leaves every target group (DeregisterTargets), its connections drain, then
 * CONTINUE lets the termination go on. Idempotent like launch: deregistering twice is fine, completing an action that
 * no longer exists counts as done, and only a completion that found its action notifies.
 *
 * Live state decides, not the message: the instance's lifecycle state is read before anything is deregistered, and
 * a node the group shows serving and not terminating (`InService`, `Pending*`: a forged, corrupted or misrouted
 * message) is never touched. A node the group no longer lists is leaving: for a warm pool (the terminate action's
 * destination), or gone; it is deregistered and its action completed, never left to the hook's timeout.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { LifecycleWaitState } from "../../events/lifecycle-continuation.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import { OWN_METRICS } from "../../ports/metrics.ts";
import {
  completeAction,
  globalTimeoutMs,
  Heartbeater,
  hookExpired,
  hookTimeoutSeconds,
} from "../lifecycle/action-calls.ts";
import type { Invocation, LifecycleOutcome } from "../lifecycle/invocation.ts";
import { isTerminatingState } from "../lifecycle/invocation.ts";
import { announceExpiredHook, lifecycleStateOf } from "../lifecycle/live-state.ts";
import { deregisterEverywhere } from "../lifecycle/target-groups.ts";
import { waitUntilDrained } from "./wait-drained.ts";

/** States in which the terminate action is already over. */
const TERMINATE_DONE_STATES = new Set(["Terminating:Proceed", "Terminated"]);

export async function runDrain(
  deps: AutoscalerDeps,
  cluster: ClusterConfig,
  state: LifecycleWaitState,
  invocation: Invocation,
): Promise<LifecycleOutcome> {
  const { action } = state;
  const { instanceId } = action;

  // A state that says "not leaving" may be a read from just before the termination began: read again, briefly.
  const leaving = (s: string | undefined) => s === undefined || isTerminatingState(s);
  const { lifecycleState } = await lifecycleStateOf(deps, action.groupName, instanceId, invocation, leaving);
  if (!leaving(lifecycleState)) {
    deps.logger.error("drain refused: the group shows the instance serving, not terminating; nothing deregistered", {
      cluster: cluster.name,
      instanceId,
      lifecycleState,
      handovers: state.handovers,
      sweep: state.sweep,
    });
    return { status: "ignored", reason: `instance is ${lifecycleState}, not terminating: not deregistered` };
  }

  // Deregistering first: a node on its way out must leave the LB (idempotent).
  await deregisterEverywhere(deps, cluster, instanceId, invocation);
  state.deregisteredAt ??= deps.clock.now();
  if (lifecycleState !== undefined && TERMINATE_DONE_STATES.has(lifecycleState))
    return { status: "already-done", instanceId, detail: `instance is ${lifecycleState}: deregistered` };

  const hookTimeout = await hookTimeoutSeconds(deps, cluster, state);
  if (deps.clock.now() - action.startedAt >= globalTimeoutMs(hookTimeout))
    return actionEnded(deps, cluster, state, invocation, hookTimeout, "past the hook's global timeout");
  const toWarmPool = lifecycleState === undefined && action.destination === "WarmPool";
  if (lifecycleState === undefined && !toWarmPool) {
    // Not listed and not going to a warm pool: gone, or leaving in a way we cannot watch. Complete what is left.
    const result = await completeAction(deps, action, "CONTINUE", invocation);
    if (result === "not-found") return { status: "already-done", instanceId, detail: "instance is gone: deregistered" };
    return continued(deps, cluster, state, invocation, "not listed by the group any more: deregistered");
  }

  const beats = new Heartbeater(deps, state, hookTimeout, invocation.remainingMs);
  let detail = toWarmPool ? "drained (to the warm pool)" : "drained";
  try {
    const waited = await waitUntilDrained({
      deps,
      cluster,
      state,
      invocation,
      hookTimeoutSeconds: hookTimeout,
      beats,
    });
    switch (waited.kind) {
      case "handed-over":
        return {
          status: "handed-over",
          instanceId,
          handovers: waited.handovers,
          reason: state.lastReason ?? "draining",
        };
      case "sweep-left":
        return { status: "waiting", instanceId, reason: state.lastReason ?? "draining" };
      case "action-gone":
        return actionEnded(deps, cluster, state, invocation, hookTimeout, "lifecycle action no longer exists");
      case "bound-reached":
        detail = `still draining after ${waited.boundSeconds} s; continuing`;
        break;
      case "drained":
        break;
    }
  } finally {
    await beats.settle();
  }

  const result = await completeAction(deps, action, "CONTINUE", invocation);
  if (result === "not-found")
    return actionEnded(deps, cluster, state, invocation, hookTimeout, "lifecycle action already completed");
  return continued(deps, cluster, state, invocation, detail);
}

async function continued(
  deps: AutoscalerDeps,
  cluster: ClusterConfig,
  state: LifecycleWaitState,
  invocation: Invocation,
  detail: string,
): Promise<LifecycleOutcome> {
  const { instanceId } = state.action;
  const now = deps.clock.now();
  const secondsDraining = Math.round((now - (state.deregisteredAt ?? now)) / 1000);
  deps.logger.info("node drained", { cluster: cluster.name, instanceId, secondsDraining, detail });
  deps.publisher.publish(
    cluster.name,
    [{ name: OWN_METRICS.secondsDraining, unit: "Seconds", value: secondsDraining }],
    now,
  );
  await deps.notifier.notify({
    kind: "node-drained",
    cluster: cluster.name,
    at: now,
    requestId: invocation.requestId,
    instanceId,
    secondsDraining,
  });
  return { status: "continued", instanceId, detail };
}

/** The action ended without our CONTINUE: a duplicate's, or the hook's timeout (then announced as an error). */
async function actionEnded(
  deps: AutoscalerDeps,
  cluster: ClusterConfig,
  state: LifecycleWaitState,
  invocation: Invocation,
  hookTimeout: number,
  detail: string,
): Promise<LifecycleOutcome> {
  if (hookExpired(state, deps.clock.now(), hookTimeout))
    await announceExpiredHook(deps, cluster, "drain", state, invocation, "the hook's default result applied");
  return { status: "already-done", instanceId: state.action.instanceId, detail };
}
