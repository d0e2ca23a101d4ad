/** The policies a run can use, by name. */
import type { PolicyName } from "../types.ts";
import type { SimPolicy } from "../world.ts";
import { hpaPolicy } from "./hpa.ts";
import { oraclePolicy } from "./oracle.ts";
import { oursPolicy } from "./ours.ts";
import { predictivePolicy } from "./predictive.ts";
import { staticPolicy } from "./static.ts";
import { stepPolicy } from "./step.ts";
import { targetTrackingPolicy } from "./target-tracking.ts";

const FACTORIES: Record<PolicyName, () => SimPolicy> = {
  ours: oursPolicy,
  "target-tracking": targetTrackingPolicy,
  predictive: predictivePolicy,
  step: stepPolicy,
  hpa: hpaPolicy,
  static: staticPolicy,
  oracle: oraclePolicy,
};

export class UnknownPolicyError extends Error {
  override readonly name = "UnknownPolicyError";
  constructor(
    readonly policy: string,
    readonly known: string[],
  ) {
    super(`unknown policy "${policy}" (known: ${known.join(", ")})`);
  }
}

export function availablePolicies(): PolicyName[] {
  return Object.keys(FACTORIES) as PolicyName[];
}

export function createPolicy(name: string): SimPolicy {
  const factory = FACTORIES[name as PolicyName];
  if (!factory) throw new UnknownPolicyError(name, availablePolicies());
  return factory();
}
