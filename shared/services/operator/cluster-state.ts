/** What every operator action reads first: the cluster's group, its bounds, its nodes by state. */
import type { ClusterConfig } from "../../config/schema.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import type { GroupInstance, GroupState } from "../../ports/fleet.ts";
import type { Bounds, NodesByState } from "./types.ts";
import { OperatorRefusalError } from "./types.ts";

/** The cluster's Auto Scaling group, or a `group_not_found` refusal. */
export async function loadGroup(deps: Pick<AutoscalerDeps, "fleet">, cluster: ClusterConfig): Promise<GroupState> {
  const group = await deps.fleet.describeGroup(cluster.autoScalingGroupName);
  if (group === undefined)
    throw new OperatorRefusalError(
      "group_not_found",
      `cluster ${cluster.name}: Auto Scaling group "${cluster.autoScalingGroupName}" not found`,
      "cluster",
    );
  return group;
}

/**
 * The sizes a person may set: the same limits the scaler obeys (the min-nodes, max-nodes and control-plane-capacity
 * guardrails), so a manual size is never one the scaler would immediately undo for being out of bounds.
 */
export function boundsOf(cluster: ClusterConfig, group: Pick<GroupState, "min" | "max">): Bounds {
  const controlPlaneMax = cluster.controlPlane.maxDataPlanes;
  const bounds: Bounds = {
    floor: Math.max(cluster.minNodes, group.min),
    ceiling: Math.min(cluster.maxNodes, group.max, controlPlaneMax ?? Number.POSITIVE_INFINITY),
    configMin: cluster.minNodes,
    configMax: cluster.maxNodes,
    groupMin: group.min,
    groupMax: group.max,
  };
  if (controlPlaneMax !== undefined) bounds.controlPlaneMax = controlPlaneMax;
  return bounds;
}

/** "the control plane's capacity 8", "the group's max 10", "maxNodes 10": which limit set the ceiling. */
export function ceilingSource(b: Bounds): string {
  if (b.controlPlaneMax !== undefined && b.controlPlaneMax === b.ceiling)
    return `the control plane's capacity ${b.ceiling}`;
  if (b.groupMax === b.ceiling && b.groupMax < b.configMax) return `the Auto Scaling group's max ${b.ceiling}`;
  return `maxNodes ${b.ceiling}`;
}

export function floorSource(b: Bounds): string {
  return b.groupMin > b.configMin ? `the Auto Scaling group's min ${b.floor}` : `minNodes ${b.floor}`;
}

/** Groups instances the way a person thinks of them during a scale-out. */
export function nodesByState(instances: GroupInstance[]): NodesByState {
  const out: NodesByState = { launching: [], waitingForControlPlane: [], inService: [], draining: [], other: [] };
  for (const i of instances) {
    const s = i.lifecycleState;
    if (s === "Pending" || s === "Pending:Proceed") out.launching.push(i.instanceId);
    else if (s === "Pending:Wait") out.waitingForControlPlane.push(i.instanceId);
    else if (s === "InService") out.inService.push(i.instanceId);
    else if (s.startsWith("Terminating")) out.draining.push(i.instanceId);
    else out.other.push(`${i.instanceId} (${s})`);
  }
  return out;
}
