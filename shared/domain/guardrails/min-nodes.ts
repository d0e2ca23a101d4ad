/**
 * min-nodes — never fewer nodes than the floor: the larger of the cluster's `minNodes` and the Auto Scaling group's
 * own minimum (SetDesiredCapacity below it fails). Runs after the blocking rules, so a group below its floor is
 * raised to it even when missing data, a bandwidth ceiling or the upstream would block a scale-out: the floor is the
 * operator's explicit promise. Only paused and an open control-plane breaker stop it.
 */
import type { GuardrailFiring } from "../decision.ts";
import { fire } from "./firing.ts";
import type { GuardrailRule, RuleContext } from "./types.ts";

export function minNodes(ctx: RuleContext, desired: number): GuardrailFiring | null {
  const cfgMin = ctx.cluster.minNodes;
  const asgMin = ctx.obs.group.min;
  const floor = Math.max(cfgMin, asgMin);
  if (desired >= floor) return null;
  const source = asgMin > cfgMin ? `the Auto Scaling group's minimum ${asgMin}` : `minNodes ${cfgMin}`;
  return fire("min-nodes", ctx, desired, floor, `never fewer than ${source}: ${desired} → ${floor}`);
}

export const minNodesRule: GuardrailRule = { name: "min-nodes", freezes: false, apply: minNodes };
