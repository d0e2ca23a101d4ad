/**
 * paused — an operator paused the cluster (ASG tag `dp-autoscaler:paused`): the size stays where it is, whatever the
 * signals or the bounds say. Listed on every decision while paused, so "why is it not scaling?" answers itself.
 */
import type { GuardrailFiring } from "../decision.ts";
import { fire } from "./firing.ts";
import type { GuardrailRule, RuleContext } from "./types.ts";

export function paused(ctx: RuleContext, desired: number): GuardrailFiring | null {
  const p = ctx.obs.paused;
  if (!p.paused) return null;
  const by = p.by ? ` by ${p.by}` : "";
  const since = p.since !== undefined ? ` since ${new Date(p.since).toISOString()}` : "";
  const why = p.reason ? ` ("${p.reason}")` : "";
  return fire(
    "paused",
    ctx,
    desired,
    ctx.current,
    `paused${by}${since}${why}: the size stays at ${ctx.current} (signals ask for ${desired})`,
  );
}

export const pausedRule: GuardrailRule = { name: "paused", freezes: true, apply: paused };
