/**
 * Pure arithmetic on CloudWatch series. An empty series is "no data" and stays empty through every operation — it
 * never becomes a series of zeros.
 */
import type { Point } from "../../domain/observation.ts";

export function mapValues(points: readonly Point[], f: (v: number) => number): Point[] {
  return points.map((p) => ({ t: p.t, v: f(p.v) }));
}

/** A `Sum` over a period → a per-second rate. */
export function perSecond(points: readonly Point[], periodSeconds: number): Point[] {
  return mapValues(points, (v) => v / periodSeconds);
}

/** EC2 `NetworkIn`/`NetworkOut` (bytes per period) → bits per second. Right for 60 s and 300 s periods alike. */
export function bytesPerPeriodToBitsPerSecond(points: readonly Point[], periodSeconds: number): Point[] {
  return mapValues(points, (v) => (v * 8) / periodSeconds);
}

/**
 * The larger of two series at each timestamp both have. A timestamp only one of them has is left out: the other's
 * absence is not a zero, so the maximum is unknown there.
 */
export function maxAtCommonTimes(a: readonly Point[], b: readonly Point[]): Point[] {
  const other = new Map(b.map((p) => [p.t, p.v]));
  const out: Point[] = [];
  for (const p of a) {
    const w = other.get(p.t);
    if (w !== undefined) out.push({ t: p.t, v: Math.max(p.v, w) });
  }
  return out.sort((x, y) => x.t - y.t);
}

/** Whether a statistic sums over the period (and so needs dividing by it to become a rate). */
export function isSumStat(stat: string): boolean {
  return stat === "Sum";
}
