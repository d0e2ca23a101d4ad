/**
 * The launch action ended without us (a duplicate completed it, or the hook timed out): the instance's state decides.
 *
 * - Going into service (`Pending:Proceed`, `InService`: a duplicate finished first) → leave its registration alone.
 * - Terminating or gone → deregister it, so that no target points at a node that is going away.
 * - Still `Pending:Wait` although Auto Scaling just said the action is over: a **stale read** (DescribeAutoScalingGroups
 *   is eventually consistent). It is read again (3 times, 2 s apart); if it still says so, the registration is left
 *   alone. Deregistering on a stale read would leave a node that a duplicate just CONTINUEd InService and out of the
 *   load balancer, silently; leaving it is safe either way — a node whose action really timed out is terminated by
 *   Auto Scaling, and the drain function deregisters every terminating node first.
 *
 * An action that ran out of time under us (no heartbeat for the hook's whole timeout, or past its global timeout) is
 * announced as an error (`announceExpiredHook`), and counted for the CP-outage breaker when the node's last words
 * named the control plane (the hook's default ABANDON then ended a control-plane failure).
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { LifecycleWaitState } from "../../events/lifecycle-continuation.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import { breakerOnAbandon } from "../breaker/breaker-service.ts";
import { hookExpired } from "../lifecycle/action-calls.ts";
import type { Invocation, LifecycleOutcome } from "../lifecycle/invocation.ts";
import { isTerminatingState, LAUNCH_DONE_STATES, LAUNCH_WAIT_STATE } from "../lifecycle/invocation.ts";
import { announceExpiredHook, lifecycleStateOf } from "../lifecycle/live-state.ts";
import { deregisterEverywhere } from "../lifecycle/target-groups.ts";

export async function settleEndedLaunch(
  deps: AutoscalerDeps,
  cluster: ClusterConfig,
  instanceId: string,
  invocation: Pick<Invocation, "remainingMs" | "requestId">,
  wait?: { state: LifecycleWaitState; hookTimeoutSeconds: number },
): Promise<LifecycleOutcome> {
  const { lifecycleState } = await lifecycleStateOf(
    deps,
    cluster.autoScalingGroupName,
    instanceId,
    invocation,
    (s) => s !== LAUNCH_WAIT_STATE,
  );
  if (wait && hookExpired(wait.state, deps.clock.now(), wait.hookTimeoutSeconds)) {
    const what = lifecycleState === undefined ? "the instance is gone" : `the instance is ${lifecycleState}`;
    await announceExpiredHook(deps, cluster, "launch", wait.state, invocation, what);
    if (wait.state.lastReasonCpRelated && (lifecycleState === undefined || isTerminatingState(lifecycleState)))
      await breakerOnAbandon(deps, cluster, {
        instanceId,
        reason: `lifecycle hook timed out: ${wait.state.lastReason ?? "no reason"}`,
        cpRelated: true,
        requestId: invocation.requestId,
      });
  }
  if (lifecycleState !== undefined && LAUNCH_DONE_STATES.has(lifecycleState))
    return { status: "already-done", instanceId, detail: `action already completed; instance is ${lifecycleState}` };
  if (lifecycleState === LAUNCH_WAIT_STATE) {
    deps.logger.warn("the action is over but the group still lists the instance as waiting: registration left as is", {
      cluster: cluster.name,
      instanceId,
    });
    return {
      status: "already-done",
      instanceId,
      detail: "action already completed; the group still reads Pending:Wait (stale): registration left as is",
    };
  }
  await deregisterEverywhere(deps, cluster, instanceId, invocation);
  return {
    status: "already-done",
    instanceId,
    detail: `action had ended and the instance is ${lifecycleState ?? "gone"}: deregistered`,
  };
}
