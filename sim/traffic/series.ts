/**
 * The demand a run replays: a request rate on a regular step grid. Within a step the rate is constant — a per-minute
 * trace's count is spread evenly over its minute. Sub-minute variation, when wanted, is made explicit by resampling
 * with seeded noise (`noise.resolutionSeconds` in the spec), which keeps each minute's total.
 */

export interface TrafficSeries {
  /** Epoch ms (UTC) of the first step. */
  startMs: number;
  stepSeconds: number;
  /** Requests per second during each step, scale applied. */
  rps: Float64Array;
  /** Mean bytes a request brings in (client → gateway). */
  bytesInPerRequest: number;
  /** Mean bytes a request sends out (gateway → client). */
  bytesOutPerRequest: number;
  /** Provenance for reports: source, window, scale, bytes per request, and warnings such as logging gaps. */
  notes: string[];
}

/** Epoch ms just after the last step. */
export function seriesEndMs(series: TrafficSeries): number {
  return series.startMs + series.rps.length * series.stepSeconds * 1000;
}

/** Requests per second at `tMs`: the rate of the step holding `tMs`, 0 before the start and from the end on. */
export function rateAt(series: TrafficSeries, tMs: number): number {
  const index = Math.floor((tMs - series.startMs) / (series.stepSeconds * 1000));
  if (index < 0 || index >= series.rps.length) return 0;
  return series.rps[index]!;
}

/** Requests offered in [fromMs, toMs): the integral of the rate, exact across step boundaries. */
export function requestsBetween(series: TrafficSeries, fromMs: number, toMs: number): number {
  const stepMs = series.stepSeconds * 1000;
  const from = Math.max(fromMs, series.startMs);
  const to = Math.min(toMs, seriesEndMs(series));
  if (to <= from) return 0;
  let total = 0;
  let t = from;
  while (t < to) {
    const index = Math.floor((t - series.startMs) / stepMs);
    const stepEnd = Math.min(series.startMs + (index + 1) * stepMs, to);
    total += series.rps[index]! * ((stepEnd - t) / 1000);
    t = stepEnd;
  }
  return total;
}

/** All requests of the series. */
export function totalRequests(series: TrafficSeries): number {
  let sum = 0;
  for (const v of series.rps) sum += v;
  return sum * series.stepSeconds;
}

/** The highest rate and the start of the step where it first occurs. */
export function peakRate(series: TrafficSeries): { rps: number; atMs: number } {
  let best = 0;
  let at = 0;
  for (let i = 0; i < series.rps.length; i++) {
    if (series.rps[i]! > best) {
      best = series.rps[i]!;
      at = i;
    }
  }
  return { rps: best, atMs: series.startMs + at * series.stepSeconds * 1000 };
}
