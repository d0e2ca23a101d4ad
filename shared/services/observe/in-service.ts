/**
 * Per-node values measured on the right nodes. Two facts CloudWatch's AWS/EC2 by-group averages hide:
 * - they average over every instance that REPORTS — booting (Pending:Wait) and draining (Terminating:Wait) ones too,
 *   which serve nothing — so while nodes launch or drain the average is diluted: the load is ≈ average × reporting
 *   instances (the `SampleCount` of the same metric: one datapoint per instance per period at the monitoring
 *   interval — of the newest periods, only those arrived so far, hence never fewer than the nodes in service:
 *   `reportingInstances`), and per node in service it is that ÷ the nodes in service then;
 * - the nodes in service change from one period to the next; the decision trends the cluster load (value × nodes),
 *   so each point carries the nodes it was measured on (`Point.n`), read back from the scaler's own
 *   `InServiceNodes` metric (one datapoint per decision).
 * A period without a known in-service count (a first deployment, or the scaler's EMF not delivered yet) still knows
 * how many instances its value was averaged over when the metric's own `SampleCount` is there: the point keeps its
 * value and gets that count as `n`, so its load (v × n) stays what was measured. Spreading it over the nodes in
 * service now instead would grow the load with every node that joins while CloudWatch has nothing newer: repeated
 * alarms on unchanged data escalated 2 → 3 → 4 → 6 → 8 → 10. Only a point with neither count gets no `n` (the
 * decision then assumes the nodes now).
 */
import type { Point } from "../../domain/observation.ts";

/** The scaler's own `InServiceNodes` (Average per period) by period start; counts are rounded to whole nodes. */
export function nodesByTime(points: readonly Point[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const p of points) if (Number.isFinite(p.v) && p.v >= 0) m.set(p.t, Math.round(p.v));
  return m;
}

/**
 * How many instances each period's average is really over, as far as the load goes: never fewer than the nodes in
 * service then, since every one of them reports. CloudWatch aggregates the datapoints that have ARRIVED — each
 * instance's comes on its own delay (a late one minutes after the others) and a few never come — so the newest
 * periods' `SampleCount` may count only some instances, and their average is over those: × that partial count ÷ the
 * nodes in service would read a half-reported minute as half the load. Floored at the nodes in service, a partial
 * period reads as the average of the instances that have reported. (Completing the count from the periods before
 * was tried: it also "completes" a count that fell because instances left — abandoned or terminated — and cost
 * more instance-hours and more overload minutes on faults-mix and nasa-launch-day; docs/BENCHMARKS.md.)
 */
export function reportingInstances(
  reporting: ReadonlyMap<number, number>,
  inService: ReadonlyMap<number, number>,
): Map<number, number> {
  const out = new Map<number, number>();
  for (const [t, r] of reporting) out.set(t, Math.max(r, inService.get(t) ?? 0));
  return out;
}

/**
 * Each per-node average of `points` as a value per node in service at its time, with that count as `n`.
 * `reporting` (instances that reported, by period) undoes the dilution: v × reporting ÷ in service. Without it the
 * value is kept (a metric the instances in service report themselves). A period with no in-service count but a
 * reporting count keeps its value, measured on `n` = the instances that reported.
 */
export function perNodeInService(
  points: readonly Point[],
  inService: ReadonlyMap<number, number>,
  reporting?: ReadonlyMap<number, number>,
): Point[] {
  return points.map((p) => {
    const n = inService.get(p.t);
    const r = reporting?.get(p.t);
    const reported = r !== undefined && r > 0 ? r : undefined;
    if (n === undefined || n <= 0) return reported === undefined ? { t: p.t, v: p.v } : { t: p.t, v: p.v, n: reported };
    return { t: p.t, v: reported !== undefined ? (p.v * reported) / n : p.v, n };
  });
}

/**
 * A cluster total per node in service at each point's time (`n` = that count); a period without a known count is
 * spread over `fallbackNodes` and gets no `n`.
 */
export function totalPerNodeInService(
  points: readonly Point[],
  inService: ReadonlyMap<number, number>,
  fallbackNodes: number,
): Point[] {
  return points.map((p) => {
    const n = inService.get(p.t);
    return n !== undefined && n > 0 ? { t: p.t, v: p.v / n, n } : { t: p.t, v: p.v / fallbackNodes };
  });
}
