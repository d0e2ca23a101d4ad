/**
 * Acts on a decision: `SetDesiredCapacity` to the absolute size, only when it differs from the size observed. Never
 * "+N": two invocations that observed the same state set the same number, so duplicates and races are harmless.
 * Auto Scaling refusing because another change is under way (`ScalingActivityInProgress`, `ResourceContention`) is
 * not a failure: the next tick observes again and converges.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { Decision } from "../../domain/decision.ts";
import { AwsCallError, AwsContentionError } from "../../ports/errors.ts";
import type { FleetPort } from "../../ports/fleet.ts";
import type { ApplyOutcome } from "./own-metrics.ts";

const CONTENTION_CODES = new Set([
  "ScalingActivityInProgress",
  "ScalingActivityInProgressFault",
  "ResourceContention",
  "ResourceContentionFault",
]);

/** Contention is the fleet port's `AwsContentionError`, or any port error carrying one of the contention codes. */
export function isContention(err: unknown): boolean {
  return err instanceof AwsContentionError || (err instanceof AwsCallError && CONTENTION_CODES.has(err.code));
}

export async function applyDecision(
  fleet: Pick<FleetPort, "setDesiredCapacity">,
  cluster: ClusterConfig,
  decision: Decision,
): Promise<ApplyOutcome> {
  if (decision.desired === decision.currentDesired) return "unchanged";
  try {
    await fleet.setDesiredCapacity(cluster.autoScalingGroupName, decision.desired);
    return "set";
  } catch (err) {
    if (isContention(err)) return "contention";
    throw err;
  }
}
