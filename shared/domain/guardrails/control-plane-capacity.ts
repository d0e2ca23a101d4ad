/**
 * control-plane-capacity — never more DP nodes than the control plane is configured to serve
 * (`controlPlane.maxDataPlanes`); the last rule, so nothing after it can exceed it.
 */
import type { GuardrailFiring } from "../decision.ts";
import { fire } from "./firing.ts";
import type { GuardrailRule, RuleContext } from "./types.ts";

export function controlPlaneCapacity(ctx: RuleContext, desired: number): GuardrailFiring | null {
  const cap = ctx.cluster.controlPlane.maxDataPlanes;
  if (cap === undefined || desired <= cap) return null;
  return fire(
    "control-plane-capacity",
    ctx,
    desired,
    cap,
    `the control plane serves at most ${cap} DP nodes: ${desired} → ${cap}`,
  );
}

export const controlPlaneCapacityRule: GuardrailRule = {
  name: "control-plane-capacity",
  freezes: false,
  apply: controlPlaneCapacity,
};
