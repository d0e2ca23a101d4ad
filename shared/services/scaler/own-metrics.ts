/**
 * The scaler's own CloudWatch metrics (`OWN_METRICS` in `shared/ports/metrics.ts`), published as EMF once per
 * decision. `RecommendedCapacity` is read back for the scale-in stabilisation window, so it must be the signals'
 * recommendation *before* the guardrails (`Decision.recommended`): recording the stabilised size instead would feed
 * the window its own maximum and never let the cluster scale in. `InServiceNodes` is read back too: it tells the
 * observer how many nodes each signal datapoint was measured on (see `shared/services/observe/in-service.ts`). The
 * rest are for people: the cluster's dashboard (`infra/dp-cluster.yml`) and the digest (`shared/services/digest/`).
 */
import type { Decision } from "../../domain/decision.ts";
import {
  guardrailBlocksMetric,
  OWN_METRICS,
  type OwnMetric,
  signalTargetMetric,
  signalValueMetric,
} from "../../ports/metrics.ts";

export type ApplyOutcome = "unchanged" | "set" | "contention";

/** What the decision's observation saw of the group besides the decision (each omitted: not published). */
export interface ObservedGroup {
  /** The nodes in service. */
  inService?: number;
  /** Whether the control-plane-outage breaker was open. */
  breakerOpen?: boolean;
}

export function decisionMetrics(decision: Decision, applied: ApplyOutcome, observed: ObservedGroup = {}): OwnMetric[] {
  const { inService, breakerOpen } = observed;
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
  if (breakerOpen !== undefined)
    metrics.push({ name: OWN_METRICS.breakerOpen, unit: "None", value: breakerOpen ? 1 : 0 });
  for (const r of decision.reasons) {
    if (r.value === null) continue;
    metrics.push({ name: signalValueMetric(r.signal), unit: "None", value: r.value });
    metrics.push({ name: signalTargetMetric(r.signal), unit: "None", value: r.target });
  }
  for (const g of decision.guardrails)
    if (g.effect === "blocked") metrics.push(count(guardrailBlocksMetric(g.name), 1));
  return metrics;
}
