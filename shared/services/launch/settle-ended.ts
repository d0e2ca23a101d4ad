/**
 * The launch action ended without us (a duplicate completed it, or the hook timed out): the instance's state decides.
 * Going into service (a duplicate finished first) → leave its registration alone; terminating or gone → deregister
 * it, so that no target points at a node that is going away. The deregistration retries transient failures within
 * the invocation's time left, like every other target-group call of the launch.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import type { Invocation, LifecycleOutcome } from "../lifecycle/invocation.ts";
import { LAUNCH_DONE_STATES } from "../lifecycle/invocation.ts";
import { deregisterEverywhere } from "../lifecycle/target-groups.ts";

export async function settleEndedLaunch(
  deps: AutoscalerDeps,
  cluster: ClusterConfig,
  instanceId: string,
  invocation: Pick<Invocation, "remainingMs">,
): Promise<LifecycleOutcome> {
  const group = await deps.fleet.describeGroup(cluster.autoScalingGroupName);
  const lifecycleState = group?.instances.find((i) => i.instanceId === instanceId)?.lifecycleState;
  if (lifecycleState !== undefined && LAUNCH_DONE_STATES.has(lifecycleState))
    return { status: "already-done", instanceId, detail: `action already completed; instance is ${lifecycleState}` };
  await deregisterEverywhere(deps, cluster, instanceId, invocation);
  return {
    status: "already-done",
    instanceId,
    detail: `action had ended and the instance is ${lifecycleState ?? "gone"}: deregistered`,
  };
}
