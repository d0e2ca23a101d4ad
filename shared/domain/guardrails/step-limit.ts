/**
 * step-limit — bounded change per decision, HPA `behavior` style where the larger of the two policies wins:
 * scale-out adds at most max(maxStepNodes, ceil(maxStepPercent % × current)); scale-in removes at most
 * max(maxStepNodes, floor(maxStepPercent % × current)).
 */
import type { GuardrailFiring } from "../decision.ts";
import { fmt, nodes } from "../format.ts";
import { fire } from "./firing.ts";
import type { GuardrailRule, RuleContext } from "./types.ts";

// 10 % of 30 is 3, not ceil(3.0000000000000004) = 4.
const EPSILON = 1e-9;

/** Most nodes one scale-out may add to `current`. */
export function scaleOutStep(current: number, maxStepNodes: number, maxStepPercent: number): number {
  return Math.max(maxStepNodes, Math.ceil((maxStepPercent * current) / 100 - EPSILON));
}

/** Most nodes one scale-in may remove from `current`. */
export function scaleInStep(current: number, maxStepNodes: number, maxStepPercent: number): number {
  return Math.max(maxStepNodes, Math.floor((maxStepPercent * current) / 100 + EPSILON));
}

export function stepLimit(ctx: RuleContext, desired: number): GuardrailFiring | null {
  const c = ctx.current;
  const sc = ctx.cluster.scaling;
  if (desired > c) {
    const { maxStepNodes, maxStepPercent } = sc.scaleOut;
    const step = scaleOutStep(c, maxStepNodes, maxStepPercent);
    if (desired - c <= step) return null;
    return fire(
      "step-limit",
      ctx,
      desired,
      c + step,
      `scale-out adds at most ${nodes(step)} (the larger of ${maxStepNodes} and ${fmt(maxStepPercent)} % of ${c}): ${desired} → ${c + step}`,
    );
  }
  if (desired < c) {
    const { maxStepNodes, maxStepPercent } = sc.scaleIn;
    const step = scaleInStep(c, maxStepNodes, maxStepPercent);
    if (c - desired <= step) return null;
    return fire(
      "step-limit",
      ctx,
      desired,
      c - step,
      `scale-in removes at most ${nodes(step)} (the larger of ${maxStepNodes} and ${fmt(maxStepPercent)} % of ${c}): ${desired} → ${c - step}`,
    );
  }
  return null;
}

export const stepLimitRule: GuardrailRule = { name: "step-limit", freezes: false, apply: stepLimit };
