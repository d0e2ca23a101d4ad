/**
 * bandwidth-ceiling — the cluster's aggregate throughput is at a shared ceiling (NAT gateway, load balancer, upstream
 * link): more gateway nodes cannot move more bytes, so scale-out is blocked (and the operator alerted). Reads the
 * newest aggregate-throughput point; with no fresh point the rule does not fire (it cannot tell).
 */
import type { GuardrailFiring } from "../decision.ts";
import { fmt } from "../format.ts";
import { freshNewest } from "../signals/freshness.ts";
import { fire } from "./firing.ts";
import type { GuardrailRule, RuleContext } from "./types.ts";

export function bandwidthCeiling(ctx: RuleContext, desired: number): GuardrailFiring | null {
  const cfg = ctx.cluster.guardrails.bandwidthCeiling;
  if (cfg === undefined || desired <= ctx.current) return null;
  const staleAfterMs = ctx.cluster.scaling.staleAfterSeconds * 1000;
  const newest = freshNewest(ctx.obs.guardrailInputs.aggregateThroughputBps, ctx.now, staleAfterMs);
  if (newest === undefined) return null;
  const limitBps = (cfg.ceilingGbps * 1e9 * cfg.thresholdPercent) / 100;
  if (newest.v < limitBps) return null;
  return fire(
    "bandwidth-ceiling",
    ctx,
    desired,
    ctx.current,
    `aggregate throughput ${fmt(newest.v / 1e9)} Gbps ≥ ${fmt(cfg.thresholdPercent)} % of the ${fmt(cfg.ceilingGbps)} Gbps shared ceiling: more nodes cannot help, scale-out ${desired} → ${ctx.current} blocked`,
  );
}

export const bandwidthCeilingRule: GuardrailRule = {
  name: "bandwidth-ceiling",
  freezes: false,
  apply: bandwidthCeiling,
};
