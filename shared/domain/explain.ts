/**
 * A decision in plain words, for the CLI (`dp-autoscaler decide`, `ctl explain`) and operators:
 *
 *   prod: scale-out 4 → 6 nodes (at 2025-06-02T14:05:00.000Z)
 *   signals ask for 7
 *     cpu 90 % rising 4 %/min, 112 % expected in 5.5 min vs target 70 % on 4 nodes → 7
 *     …
 *   guardrails, in the order they applied
 *     control-plane-capacity  capped   7 → 6  the control plane serves at most 6 DP nodes: 7 → 6
 */
import type { Decision } from "./decision.ts";

export function formatDecision(d: Decision): string {
  const head =
    d.action === "hold"
      ? `${d.cluster}: hold at ${d.currentDesired} nodes`
      : `${d.cluster}: ${d.action} ${d.currentDesired} → ${d.desired} nodes`;
  const lines = [`${head} (at ${new Date(d.at).toISOString()})`, `signals ask for ${d.recommended}`];
  for (const r of d.reasons) lines.push(`  ${r.note}`);
  if (d.reasons.length === 0) lines.push("  (no signal)");
  if (d.guardrails.length === 0) {
    lines.push("guardrails: none fired");
  } else {
    lines.push("guardrails, in the order they applied");
    const width = Math.max(...d.guardrails.map((g) => g.name.length));
    for (const g of d.guardrails) {
      lines.push(`  ${g.name.padEnd(width)}  ${g.effect.padEnd(7)}  ${g.from} → ${g.to}  ${g.detail}`);
    }
  }
  return lines.join("\n");
}
