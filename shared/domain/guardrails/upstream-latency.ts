/**
 * upstream-latency — the upstream is the bottleneck when its latency is above its threshold while the gateway's own
 * latency is not: more gateway nodes would only add load to the upstream, so scale-out is blocked. When both are
 * high the gateway may be short too: scale-out is allowed but by at most `bothHighMaxStepNodes`. Needs a fresh newest
 * point of both latencies; without them the rule does not fire (it cannot tell whose fault it is).
 */
import type { GuardrailFiring } from "../decision.ts";
import { fmt } from "../format.ts";
import { freshNewest } from "../signals/freshness.ts";
import { fire } from "./firing.ts";
import type { GuardrailRule, RuleContext } from "./types.ts";

export function upstreamLatency(ctx: RuleContext, desired: number): GuardrailFiring | null {
  const cfg = ctx.cluster.guardrails.upstreamLatency;
  if (cfg === undefined || desired <= ctx.current) return null;
  const staleAfterMs = ctx.cluster.scaling.staleAfterSeconds * 1000;
  const inputs = ctx.obs.guardrailInputs;
  const upstream = freshNewest(inputs.upstreamLatencyMs, ctx.now, staleAfterMs);
  const gateway = freshNewest(inputs.gatewayLatencyMs, ctx.now, staleAfterMs);
  if (upstream === undefined || gateway === undefined) return null;
  if (upstream.v <= cfg.upstreamThresholdMs) return null;
  const up = `upstream latency ${fmt(upstream.v)} ms > ${fmt(cfg.upstreamThresholdMs)} ms`;
  if (gateway.v <= cfg.gatewayThresholdMs) {
    return fire(
      "upstream-latency",
      ctx,
      desired,
      ctx.current,
      `${up} while gateway latency ${fmt(gateway.v)} ms ≤ ${fmt(cfg.gatewayThresholdMs)} ms: the upstream is the bottleneck, scale-out ${desired} → ${ctx.current} blocked`,
    );
  }
  const capped = ctx.current + cfg.bothHighMaxStepNodes;
  if (desired <= capped) return null;
  return fire(
    "upstream-latency",
    ctx,
    desired,
    capped,
    `${up} and gateway latency ${fmt(gateway.v)} ms > ${fmt(cfg.gatewayThresholdMs)} ms: scale out by at most ${cfg.bothHighMaxStepNodes}, ${desired} → ${capped}`,
  );
}

export const upstreamLatencyRule: GuardrailRule = { name: "upstream-latency", freezes: false, apply: upstreamLatency };
