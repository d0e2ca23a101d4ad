/**
 * The scaler's own CloudWatch metrics (`OWN_METRICS` in `shared/ports/metrics.ts`), published as EMF once per
 * decision. `RecommendedCapacity` is read back for the scale-in stabilisation window, so it must be the signals'
 * recommendation *before* the guardrails (`Decision.recommended`): recording the stabilised size instead would feed
 * the window its own maximum and never let the cluster scale in. `InServiceNodes` is read back too: it tells the
 * observer how many nodes each signal datapoint was measured on (see `shared/services/observe/in-service.ts`).
 */
import type { Decision } from "../../domain/decision.ts";
import { guardrailBlocksMetric, OWN_METRICS, type OwnMetric } from "../../ports/metrics.ts";

export type ApplyOutcome = "unchanged" | "set" | "contention";

/** `inService`: the nodes in service when the decision observed the group (omitted: not published). */
export function decisionMetrics(decision: Decision, applied: ApplyOutcome, inService?: number): OwnMetric[] {
  const count = (name: string, value: number): OwnMetric => ({ name, unit: "Count", value });
  const metrics: OwnMetric[] = [
    { name: OWN_METRICS.recommended, unit: "None", value: decision.recommended },
    { name: OWN_METRICS.desired, unit: "None", value: applied === "set" ? decision.desired : decision.currentDesired },
    count(OWN_METRICS.scaleOut, decision.action === "scale-out" ? 1 : 0),
    count(OWN_METRICS.scaleIn, decision.action === "scale-in" ? 1 : 0),
    count(OWN_METRICS.hold, decision.action === "hold" ? 1 : 0),
    count(OWN_METRICS.capacityChanges, applied === "set" ? 1 : 0),
  ];
  if (inService !== undefined) metrics.push({ name: OWN_METRICS.inService, unit: "Count", value: inService });
  if (applied === "contention") metrics.push(count(OWN_METRICS.contention, 1));
  for (const g of decision.guardrails)
    if (g.effect === "blocked") metrics.push(count(guardrailBlocksMetric(g.name), 1));
  return metrics;
}
