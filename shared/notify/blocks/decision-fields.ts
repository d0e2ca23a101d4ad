/** The parts of a `Decision` that scale messages show: the signal that decided, and the guardrails with their numbers. */
import type { Decision, GuardrailFiring, SignalReason } from "../../domain/decision.ts";
import { escapeInline } from "../escape.ts";

/** The signal whose proposal set the recommendation (the highest proposal); undefined when none proposed. */
export function decidingSignal(decision: Decision): SignalReason | undefined {
  let best: SignalReason | undefined;
  for (const r of decision.reasons) {
    if (r.proposal === null) continue;
    if (best === undefined || (best.proposal ?? -1) < r.proposal) best = r;
  }
  return best;
}

function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

function withUnit(v: number, unit: string): string {
  if (unit === "") return formatNumber(v);
  return unit === "%" ? `${formatNumber(v)} %` : `${formatNumber(v)} ${unit}`;
}

/** "cpu 84.0 % vs target 70 % → 6 nodes", mrkdwn-safe. */
export function describeSignal(r: SignalReason): string {
  const value = r.value === null ? "no data" : withUnit(r.value, r.unit);
  const proposal = r.proposal === null ? "" : ` → ${r.proposal} nodes`;
  return escapeInline(`${r.signal} ${value} vs target ${withUnit(r.target, r.unit)}${proposal}`);
}

/** "bandwidth-ceiling blocked 4 → 6 held at 4: aggregate 9.2 Gbps ≥ 90 % of 10 Gbps", mrkdwn-safe. */
export function describeGuardrail(g: GuardrailFiring): string {
  return escapeInline(`${g.name} (${g.effect} ${g.from} → ${g.to}): ${g.detail}`, 400);
}

/** "scale out", "scale in" or "hold". */
export function actionWords(decision: Decision): string {
  if (decision.action === "scale-out") return "scale out";
  if (decision.action === "scale-in") return "scale in";
  return "hold";
}
