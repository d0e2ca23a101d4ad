/**
 * Acts on a decision: `SetDesiredCapacity` to the absolute size, only when it differs from the size observed. Never
 * "+N": two invocations that observed the same state set the same number, so duplicates and races are harmless.
 * Auto Scaling refusing because another change is under way (`ScalingActivityInProgress`, `ResourceContention`) is
 * not a failure: the next tick observes again and converges.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { Decision } from "../../domain/decision.ts";
import type { FleetPort } from "../../ports/fleet.ts";
import type { ApplyOutcome } from "./own-metrics.ts";

const CONTENTION_CODES = new Set([
  "ScalingActivityInProgress",
  "ScalingActivityInProgressFault",
  "ResourceContention",
  "ResourceContentionFault",
]);

/** Recognises contention by its AWS code or the adapters' `AwsContentionError`, without importing the adapters. */
export function isContention(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { name?: unknown; code?: unknown };
  return e.name === "AwsContentionError" || (typeof e.code === "string" && CONTENTION_CODES.has(e.code));
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
