/**
 * Giving up on a launching node: deregister it from every target group first (never leave a node half-registered,
 * e.g. after a crash between RegisterTargets and CompleteLifecycleAction), then ABANDON (the ASG terminates and
 * replaces it). Only an ABANDON that found its action notifies and counts toward the CP-outage breaker, so duplicates
 * and retries do not announce or count the same node twice.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { LifecycleWaitState } from "../../events/lifecycle-continuation.ts";
import { breakerOnAbandon } from "../breaker/breaker-service.ts";
import type { AutoscalerDeps } from "../deps.ts";
import { actionRef } from "../lifecycle/action-ref.ts";
import type { Invocation } from "../lifecycle/invocation.ts";
import type { LifecycleOutcome } from "../lifecycle/outcome.ts";
import { deregisterEverywhere } from "../lifecycle/target-groups.ts";

export async function abandonLaunch(
  deps: AutoscalerDeps,
  cluster: ClusterConfig,
  state: LifecycleWaitState,
  invocation: Invocation,
  why: { reason: string; cpRelated: boolean },
): Promise<LifecycleOutcome> {
  const { instanceId } = state.action;
  await deregisterEverywhere(deps, cluster, instanceId);
  const result = await deps.fleet.completeLifecycleAction(actionRef(state.action), "ABANDON");
  const now = deps.clock.now();
  const secondsWaited = Math.round((now - state.action.startedAt) / 1000);
  deps.logger.warn("launch abandoned", {
    cluster: cluster.name,
    instanceId,
    reason: why.reason,
    cpRelated: why.cpRelated,
    attempts: state.attempts,
    secondsWaited,
    completion: result,
  });
  if (result === "completed") {
    deps.publisher.publish(cluster.name, [{ name: "LaunchesAbandoned", unit: "Count", value: 1 }], now);
    await deps.notifier.notify({
      kind: "node-abandoned",
      cluster: cluster.name,
      at: now,
      requestId: invocation.requestId,
      instanceId,
      lastReason: why.reason,
      secondsWaited,
    });
    await breakerOnAbandon(deps, cluster, { ...why, requestId: invocation.requestId });
  }
  return { status: "abandoned", instanceId, reason: why.reason };
}
