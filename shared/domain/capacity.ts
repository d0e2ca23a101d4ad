/**
 * How the group's instances count. Launching nodes (Pending, Pending:Wait, Pending:Proceed) are capacity on the way:
 * they are already in the group's desired size but not yet in the measured load. Terminating* nodes are not capacity.
 * Other states (Standby, Detaching, warm-pool Warmed:*) are neither.
 */
import type { NodeView } from "./observation.ts";

export interface CapacityView {
  inService: number;
  launching: number;
  terminating: number;
  /**
   * Nodes in `desired` that do not serve yet: the launching ones plus any the group has not started yet
   * (desired − in service − launching, when positive: SetDesiredCapacity was just called).
   */
  onTheWay: number;
}

export function countCapacity(instances: readonly NodeView[], desired: number): CapacityView {
  let inService = 0;
  let launching = 0;
  let terminating = 0;
  for (const i of instances) {
    const s = i.lifecycleState;
    if (s === "InService") inService++;
    else if (s.startsWith("Pending")) launching++;
    else if (s.startsWith("Terminating")) terminating++;
  }
  const notStarted = Math.max(0, desired - inService - launching);
  return { inService, launching, terminating, onTheWay: launching + notStarted };
}
