/**
 * Drain: a node the ASG is terminating leaves every target group (DeregisterTargets), its connections drain, then
 * CONTINUE lets the termination go on. Idempotent like launch: deregistering twice is fine, completing an action that
 * no longer exists counts as done, and only a completion that found its action notifies.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { LifecycleWaitState } from "../../events/lifecycle-continuation.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import { OWN_METRICS } from "../../ports/metrics.ts";
import { completeAction, hookTimeoutSeconds, retryTransient } from "../lifecycle/action-calls.ts";
import type { Invocation, LifecycleOutcome } from "../lifecycle/invocation.ts";
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

  // Deregistering first, whatever the state: it is idempotent, and a node on its way out must leave the LB.
  await deregisterEverywhere(deps, cluster, instanceId, invocation);
  state.deregisteredAt ??= deps.clock.now();

  const group = await retryTransient(
    deps,
    "DescribeAutoScalingGroups",
    () => deps.fleet.describeGroup(action.groupName),
    {
      remainingMs: invocation.remainingMs,
    },
  );
  const lifecycleState = group?.instances.find((i) => i.instanceId === instanceId)?.lifecycleState;
  if (lifecycleState === undefined || TERMINATE_DONE_STATES.has(lifecycleState))
    return { status: "already-done", instanceId, detail: `instance is ${lifecycleState ?? "gone"}: deregistered` };

  const hookTimeout = await hookTimeoutSeconds(deps, cluster, state);
  const waited = await waitUntilDrained({ deps, cluster, state, invocation, hookTimeoutSeconds: hookTimeout });
  let detail = "drained";
  switch (waited.kind) {
    case "handed-over":
      return { status: "handed-over", instanceId, handovers: waited.handovers, reason: state.lastReason ?? "draining" };
    case "sweep-left":
      return { status: "waiting", instanceId, reason: state.lastReason ?? "draining" };
    case "action-gone":
      return { status: "already-done", instanceId, detail: "lifecycle action no longer exists" };
    case "bound-reached":
      detail = `still draining after ${waited.boundSeconds} s; continuing`;
      break;
    case "drained":
      break;
  }

  const result = await completeAction(deps, action, "CONTINUE", invocation);
  if (result === "not-found")
    return { status: "already-done", instanceId, detail: "lifecycle action already completed" };
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
