import { OWN_METRICS } from "../../ports/metrics.ts";
import { breakerOnReady } from "../breaker/breaker-service.ts";
import { completeAction } from "../lifecycle/action-calls.ts";
import type { LifecycleOutcome, LifecycleStepInput } from "../lifecycle/invocation.ts";
import { LAUNCH_DONE_STATES, LAUNCH_WAIT_STATE } from "../lifecycle/invocation.ts";
import { lifecycleStateOf } from "../lifecycle/live-state.ts";
import { registerEverywhere } from "../lifecycle/target-groups.ts";
import { settleEndedLaunch } from "./settle-ended.ts";
import { waitUntilHealthy } from "./wait-healthy.ts";

/** The only lifecycle states in which a launching node may be registered: its launch action is (or just was) ours. */
const REGISTRABLE = new Set([LAUNCH_WAIT_STATE, "Pending:Proceed"]);

export async function registerAndContinue(input: LifecycleStepInput): Promise<LifecycleOutcome> {
  const { deps, cluster, state, invocation } = input;
  const { instanceId } = state.action;
  // Live state decides, right before the call: never register a node that is not launching (a forged or stale
  // continuation, a node already terminating, one a duplicate already put in service).
  const { lifecycleState } = await lifecycleStateOf(deps, cluster.autoScalingGroupName, instanceId, invocation);
  if (lifecycleState === undefined || !REGISTRABLE.has(lifecycleState)) {
    if (lifecycleState !== undefined && LAUNCH_DONE_STATES.has(lifecycleState))
      return { status: "already-done", instanceId, detail: `instance is already ${lifecycleState}: not registered` };
    deps.logger.warn("not registering: the instance is not launching", { instanceId, lifecycleState });
    return settleEndedLaunch(deps, cluster, instanceId, invocation, input);
  }
  await registerEverywhere(deps, cluster, instanceId, invocation);
  state.registeredAt ??= deps.clock.now();
  const registeredAt = state.registeredAt;

  let detail = "registered";
  if (cluster.readiness.waitForHealthy) {
    const healthy = await waitUntilHealthy(input);
    switch (healthy.kind) {
      case "handed-over":
        return { status: "handed-over", instanceId, handovers: healthy.handovers, reason: "waiting for healthy" };
      case "sweep-left":
        return { status: "waiting", instanceId, reason: `registered, not healthy yet: ${healthy.states}` };
      case "action-gone":
        return settleEndedLaunch(deps, cluster, instanceId, invocation, input);
      case "timeout":
        // The node itself answered ready; an LB check that disagrees is the LB's business (it will not route to an
        // unhealthy target). Abandoning here would churn the fleet on a health-check misconfiguration.
        deps.logger.warn("targets not healthy within healthyTimeoutSeconds; continuing", {
          instanceId,
          states: healthy.states,
        });
        detail = `registered, not healthy after ${cluster.readiness.healthyTimeoutSeconds} s (${healthy.states})`;
        break;
      case "healthy":
        detail = "registered and healthy";
    }
  }

  const result = await completeAction(deps, state.action, "CONTINUE", invocation);
  if (result === "not-found") return settleEndedLaunch(deps, cluster, instanceId, invocation, input);

  const now = deps.clock.now();
  const startedAt = state.action.startedAt;
  const secondsToReady = round1(((state.firstReadyAt ?? registeredAt) - startedAt) / 1000);
  const secondsToRegistered = round1((registeredAt - startedAt) / 1000);
  deps.logger.info("node ready and registered", {
    cluster: cluster.name,
    instanceId,
    secondsToReady,
    secondsToRegistered,
    attempts: state.attempts,
    detail,
  });
  deps.publisher.publish(
    cluster.name,
    [
      { name: OWN_METRICS.secondsToReady, unit: "Seconds", value: secondsToReady },
      { name: OWN_METRICS.secondsToRegistered, unit: "Seconds", value: secondsToRegistered },
    ],
    now,
  );
  await deps.notifier.notify({
    kind: "node-ready",
    cluster: cluster.name,
    at: now,
    requestId: invocation.requestId,
    instanceId,
    secondsToReady,
    secondsToRegistered,
  });
  await breakerOnReady(deps, cluster, { instanceId, requestId: invocation.requestId });
  return { status: "continued", instanceId, detail };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
