/**
 * max-nodes — never more nodes than the ceiling: the smaller of the cluster's `maxNodes` and the Auto Scaling group's
 * own maximum (SetDesiredCapacity above it fails). A group above the ceiling (the operator lowered it) is brought
 * down to it at once, not step by step. Runs after min-nodes, so an upper bound wins over a lower one.
 */
import type { GuardrailFiring } from "../decision.ts";
import { fire } from "./firing.ts";
import type { GuardrailRule, RuleContext } from "./types.ts";

export function maxNodes(ctx: RuleContext, desired: number): GuardrailFiring | null {
  const cfgMax = ctx.cluster.maxNodes;
  const asgMax = ctx.obs.group.max;
  const ceiling = Math.min(cfgMax, asgMax);
  if (desired <= ceiling) return null;
  const source = asgMax < cfgMax ? `the Auto Scaling group's maximum ${asgMax}` : `maxNodes ${cfgMax}`;
  return fire("max-nodes", ctx, desired, ceiling, `never more than ${source}: ${desired} → ${ceiling}`);
}

export const maxNodesRule: GuardrailRule = { name: "max-nodes", freezes: false, apply: maxNodes };
