/**
 * control-plane-outage — the breaker is open: launches keep being abandoned because new DP nodes cannot get their
 * configuration from the control plane. Adding nodes would only churn instances; removing nodes would shrink a fleet
 * that cannot be grown back. So the size freezes in both directions — bounds included — until the breaker closes.
 */
import type { GuardrailFiring } from "../decision.ts";
import { fire } from "./firing.ts";
import type { GuardrailRule, RuleContext } from "./types.ts";

export function controlPlaneOutage(ctx: RuleContext, desired: number): GuardrailFiring | null {
  const b = ctx.obs.breaker;
  if (!b.open) return null;
  const since = b.openedAt !== undefined ? ` since ${new Date(b.openedAt).toISOString()}` : "";
  const why = b.lastReason ? `; last: ${b.lastReason}` : "";
  return fire(
    "control-plane-outage",
    ctx,
    desired,
    ctx.current,
    `control-plane breaker open${since} (${b.abandons.length} launches abandoned${why}): no scale-out or scale-in, the size stays at ${ctx.current} (signals ask for ${desired})`,
  );
}

export const controlPlaneOutageRule: GuardrailRule = {
  name: "control-plane-outage",
  freezes: true,
  apply: controlPlaneOutage,
};
