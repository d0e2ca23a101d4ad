/**
 * missing-data — a signal has no usable data (empty, stale, or measured on no node). Fail safe against overload:
 * never scale in (the missing signal might be the one under pressure); scaling out on the signals that are present is
 * allowed. With no usable signal at all, hold (and the rule is listed, so the operator is alerted).
 */
import type { GuardrailFiring } from "../decision.ts";
import { fire } from "./firing.ts";
import type { GuardrailRule, RuleContext } from "./types.ts";

export function missingData(ctx: RuleContext, desired: number): GuardrailFiring | null {
  // All missing (or no signal at all, which a valid config never allows): nothing to decide on.
  if (ctx.missing.length >= ctx.signalCount) {
    const which = ctx.signalCount === 0 ? "no signal" : `no usable data from any signal (${ctx.missing.join(", ")})`;
    return fire("missing-data", ctx, desired, ctx.current, `${which}: hold at ${ctx.current}`);
  }
  if (ctx.missing.length === 0) return null;
  if (desired >= ctx.current) return null;
  return fire(
    "missing-data",
    ctx,
    desired,
    ctx.current,
    `no usable data from ${ctx.missing.join(", ")}: never scale in on missing data, ${desired} → ${ctx.current}`,
  );
}

export const missingDataRule: GuardrailRule = { name: "missing-data", freezes: false, apply: missingData };
