/**
 * Simulated CloudWatch metrics: datapoints are raw samples (one per instance per minute for AWS/EC2, one per minute
 * for cluster metrics) aggregated into 1-minute buckets. Each sample becomes readable at its own arrival time (an
 * instance's datapoint arrives on its own delay, a late one minutes after the others), so a query aggregates only the
 * samples readable at its moment: the group average of the newest minute may cover only some instances (its
 * `SampleCount` says how many) and changes as late datapoints arrive — as CloudWatch does ("the values of that
 * aggregated data may change as CloudWatch collects more samples", docs/reference/aws.md). A query aggregates buckets
 * into its period (60 or 300 s) with its statistic — exactly what GetMetricData returns: `Sum` of `NetworkOut` stays
 * bytes per period, no data is no point (never a zero).
 *
 * Percentile statistics of a period with one sample are exact; with several samples they are approximated by the
 * maximum (the simulator publishes latency percentiles as one sample per minute, so this does not arise there).
 */
import type { Point } from "../../shared/domain/observation.ts";
import type { MetricQuery, MetricsPort, MetricsPublisher, OwnMetric } from "../../shared/ports/metrics.ts";
import { OWN_NAMESPACE } from "../../shared/ports/metrics.ts";
import type { VirtualClock } from "../virtual-clock.ts";

const MINUTE = 60_000;

/** The identity of a metric: namespace, name and the exact set of dimensions. */
export function metricKey(namespace: string, metricName: string, dimensions: Record<string, string>): string {
  const keys = Object.keys(dimensions);
  // One dimension is the common case (AutoScalingGroupName, Cluster): no sorting, no array.
  if (keys.length === 1) return `${namespace}|${metricName}|${keys[0]}=${dimensions[keys[0]!]}`;
  return `${namespace}|${metricName}|${keys
    .sort()
    .map((k) => `${k}=${dimensions[k]}`)
    .join(",")}`;
}

/**
 * One metric's raw samples, bucketed per minute from `origin` on (columns grow by doubling). Each bucket keeps the
 * aggregate of all its samples, and the arrival window of its samples (first, last); while a bucket is partly
 * readable its samples are kept one by one (`#pending`), and dropped once every one of them has arrived.
 */
class Series {
  /** Minute index (epoch minutes) of slot 0. */
  readonly origin: number;
  length = 0;
  sum: Float64Array;
  count: Float64Array;
  min: Float64Array;
  max: Float64Array;
  /** When the bucket's first sample becomes readable. */
  publishAt: Float64Array;
  /** When its last sample becomes readable (the bucket is complete from then on). */
  completeAt: Float64Array;
  /** Samples of buckets that may still be partly readable (see `PendingBucket`), by bucket index. */
  readonly #pending = new Map<number, PendingBucket>();

  constructor(origin: number, capacity: number) {
    this.origin = origin;
    this.sum = new Float64Array(capacity);
    this.count = new Float64Array(capacity);
    this.min = new Float64Array(capacity);
    this.max = new Float64Array(capacity);
    this.publishAt = new Float64Array(capacity);
    this.completeAt = new Float64Array(capacity);
  }

  /** Adds a sample readable from `publishAt`; `now` lets the buckets that are complete by then forget their samples. */
  add(minute: number, value: number, publishAt: number, now: number): void {
    const i = minute - this.origin;
    if (i < 0) return;
    if (i >= this.sum.length) this.#grow(i + 1);
    if (this.length <= i) {
      this.#forgetComplete(now);
      while (this.length <= i) {
        const j = this.length++;
        this.min[j] = Number.POSITIVE_INFINITY;
        this.max[j] = Number.NEGATIVE_INFINITY;
        this.publishAt[j] = Number.POSITIVE_INFINITY;
        this.completeAt[j] = Number.NEGATIVE_INFINITY;
      }
    }
    // Samples are kept one by one only once a bucket's samples arrive at different times (an instance metric);
    // until then (a cluster or own metric: one sample, or all at once) the aggregate says everything.
    let bucket = this.#pending.get(i);
    if (bucket === undefined && this.count[i]! > 0 && publishAt !== this.publishAt[i]) {
      bucket = new PendingBucket();
      bucket.addGroup(this.publishAt[i]!, this.sum[i]!, this.count[i]!, this.min[i]!, this.max[i]!);
      this.#pending.set(i, bucket);
    }
    bucket?.addGroup(publishAt, value, 1, value, value);
    this.sum[i]! += value;
    this.count[i]! += 1;
    if (value < this.min[i]!) this.min[i] = value;
    if (value > this.max[i]!) this.max[i] = value;
    if (publishAt < this.publishAt[i]!) this.publishAt[i] = publishAt;
    if (publishAt > this.completeAt[i]!) this.completeAt[i] = publishAt;
  }

  /** Adds the samples of bucket `i` readable at `now` to `agg` (only asked while the bucket is partly readable). */
  addReadable(i: number, now: number, agg: Aggregate): void {
    this.#pending.get(i)?.addReadable(now, agg);
  }

  #forgetComplete(now: number): void {
    if (this.#pending.size === 0) return;
    for (const i of this.#pending.keys()) if (this.completeAt[i]! <= now) this.#pending.delete(i);
  }

  #grow(needed: number): void {
    let size = this.sum.length;
    while (size < needed) size *= 2;
    const grow = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.sum = grow(this.sum);
    this.count = grow(this.count);
    this.min = grow(this.min);
    this.max = grow(this.max);
    this.publishAt = grow(this.publishAt);
    this.completeAt = grow(this.completeAt);
  }
}

/**
 * The samples of one bucket that may still be partly readable, in the order they were added (samples that arrive
 * together as one group). A query scans them for those arrived by its moment; queries at the same moment (Average and SampleCount of one metric, in one
 * GetMetricData call) share one scan. (Keeping them sorted by arrival costs more: a bucket is read only a few times
 * before it is complete.)
 */
class PendingBucket {
  /** Per group of samples that arrive together: arrival, sum, count, min, max. */
  readonly #arrivals: number[] = [];
  readonly #sums: number[] = [];
  readonly #counts: number[] = [];
  readonly #mins: number[] = [];
  readonly #maxs: number[] = [];
  #scannedAt = Number.NaN;
  #count = 0;
  #sum = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = Number.NEGATIVE_INFINITY;

  addGroup(arrival: number, sum: number, count: number, min: number, max: number): void {
    this.#arrivals.push(arrival);
    this.#sums.push(sum);
    this.#counts.push(count);
    this.#mins.push(min);
    this.#maxs.push(max);
    this.#scannedAt = Number.NaN;
  }

  addReadable(now: number, agg: Aggregate): void {
    if (now !== this.#scannedAt) this.#scan(now);
    if (this.#count === 0) return;
    agg.sum += this.#sum;
    agg.count += this.#count;
    if (this.#min < agg.min) agg.min = this.#min;
    if (this.#max > agg.max) agg.max = this.#max;
  }

  #scan(now: number): void {
    const arrivals = this.#arrivals;
    let count = 0;
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < arrivals.length; k++) {
      if (arrivals[k]! > now) continue;
      count += this.#counts[k]!;
      sum += this.#sums[k]!;
      if (this.#mins[k]! < min) min = this.#mins[k]!;
      if (this.#maxs[k]! > max) max = this.#maxs[k]!;
    }
    this.#scannedAt = now;
    this.#count = count;
    this.#sum = sum;
    this.#min = min;
    this.#max = max;
  }
}

/** CloudWatch's statistics of a set of samples; the metric history (sim/history/) keeps its tiers in the same form. */
export interface Aggregate {
  sum: number;
  count: number;
  min: number;
  max: number;
}

export class SimCloudWatch {
  readonly #series = new Map<string, Series>();
  /** Datapoints stored already aggregated at one stat and period (as a contract test's world describes them). */
  readonly #statistics = new Map<string, { t: number; v: number; publishAt: number }[]>();
  readonly #clock: VirtualClock;
  readonly #capacity: number;
  readonly #scratch: Aggregate = { sum: 0, count: 0, min: 0, max: 0 };
  /** GetMetricData calls served (the autoscaler's cost: one per decision). */
  fetches = 0;

  /** `expectedMinutes`: how long the run lasts, so each metric's columns are allocated once. */
  constructor(clock: VirtualClock, expectedMinutes = 64) {
    this.#clock = clock;
    this.#capacity = Math.max(64, Math.min(1 << 20, Math.ceil(expectedMinutes)));
  }

  /** Adds one raw sample to the minute holding `atMs`, readable from `publishAtMs` on. */
  put(key: string, atMs: number, value: number, publishAtMs: number): void {
    if (!Number.isFinite(value)) return;
    const minute = Math.floor(atMs / MINUTE);
    let s = this.#series.get(key);
    if (!s) {
      s = new Series(minute, this.#capacity);
      this.#series.set(key, s);
    }
    s.add(minute, value, publishAtMs, this.#clock.now());
  }

  /**
   * Samples `values[0..count)` of the minute holding `atMs`, each readable from its `publishAtMs[i]` on (never when
   * that is Infinity: a datapoint that does not arrive).
   */
  putMany(key: string, atMs: number, values: Float64Array, publishAtMs: Float64Array, count: number): void {
    const minute = Math.floor(atMs / MINUTE);
    let s = this.#series.get(key);
    const now = this.#clock.now();
    for (let i = 0; i < count; i++) {
      const v = values[i]!;
      const at = publishAtMs[i]!;
      if (!Number.isFinite(v) || at === Number.POSITIVE_INFINITY) continue;
      if (!s) {
        s = new Series(minute, this.#capacity);
        this.#series.set(key, s);
      }
      s.add(minute, v, at, now);
    }
  }

  /**
   * A datapoint already aggregated at `stat` and `periodSeconds`: a query with exactly that stat and period gets it
   * back untouched; other stats and periods do not see it.
   */
  putStatistic(key: string, stat: string, periodSeconds: number, point: Point, publishAtMs: number): void {
    const k = `${key}|${stat}|${periodSeconds}`;
    const list = this.#statistics.get(k) ?? [];
    const last = list[list.length - 1];
    list.push({ t: point.t, v: point.v, publishAt: publishAtMs });
    if (last !== undefined && last.t > point.t) list.sort((a, b) => a.t - b.t);
    this.#statistics.set(k, list);
  }

  /** Datapoints of one metric, as GetMetricData returns them at the clock's now. */
  query(key: string, stat: string, periodSeconds: number, startMs: number, endMs: number): Point[] {
    const stored = this.#statistics.get(`${key}|${stat}|${periodSeconds}`);
    if (stored) {
      const now = this.#clock.now();
      return stored.filter((p) => p.t >= startMs && p.t < endMs && p.publishAt <= now).map((p) => ({ t: p.t, v: p.v }));
    }
    const s = this.#series.get(key);
    if (!s) return [];
    const now = this.#clock.now();
    const periodMinutes = Math.max(1, Math.round(periodSeconds / 60));
    const periodMs = periodMinutes * MINUTE;
    const out: Point[] = [];
    const first = Math.ceil(startMs / periodMs) * periodMs;
    const agg = this.#scratch;
    for (let t = first; t < endMs; t += periodMs)
      if (this.#aggregate(s, t / MINUTE, periodMinutes, now, agg)) out.push({ t, v: statistic(agg, stat) });
    return out;
  }

  /** Epoch ms of the newest readable minute of a metric, or undefined. */
  newestReadable(key: string): number | undefined {
    const s = this.#series.get(key);
    if (!s) return undefined;
    const now = this.#clock.now();
    for (let i = s.length - 1; i >= 0; i--)
      if (s.count[i]! > 0 && s.publishAt[i]! <= now) return (s.origin + i) * MINUTE;
    return undefined;
  }

  /** Aggregates the readable samples of the period into `agg`; false when it has none. */
  #aggregate(s: Series, firstMinute: number, minutes: number, now: number, agg: Aggregate): boolean {
    agg.sum = 0;
    agg.count = 0;
    agg.min = Number.POSITIVE_INFINITY;
    agg.max = Number.NEGATIVE_INFINITY;
    let any = false;
    for (let m = firstMinute; m < firstMinute + minutes; m++) {
      const i = m - s.origin;
      if (i < 0 || i >= s.length || s.count[i] === 0 || s.publishAt[i]! > now) continue;
      if (s.completeAt[i]! > now) {
        // Partly readable: only the samples that have arrived.
        s.addReadable(i, now, agg);
        any = true;
        continue;
      }
      any = true;
      agg.sum += s.sum[i]!;
      agg.count += s.count[i]!;
      agg.min = Math.min(agg.min, s.min[i]!);
      agg.max = Math.max(agg.max, s.max[i]!);
    }
    return any;
  }
}

/** A statistic of an aggregate, as GetMetricData answers it. */
export function statistic(a: Aggregate, stat: string): number {
  switch (stat) {
    case "Average":
      return a.sum / a.count;
    case "Sum":
      return a.sum;
    case "Minimum":
      return a.min;
    case "Maximum":
      return a.max;
    case "SampleCount":
      return a.count;
    default:
      // pNN: exact for one sample, the maximum otherwise (see the file comment).
      return a.count === 1 ? a.sum : a.max;
  }
}

/** The `MetricsPort` over the simulated CloudWatch. */
export class SimMetrics implements MetricsPort {
  readonly #cw: SimCloudWatch;

  constructor(cw: SimCloudWatch) {
    this.#cw = cw;
  }

  async fetch(queries: MetricQuery[], startMs: number, endMs: number): Promise<Record<string, Point[]>> {
    this.#cw.fetches++;
    const out: Record<string, Point[]> = {};
    for (const q of queries) {
      out[q.id] = this.#cw.query(
        metricKey(q.namespace, q.metricName, q.dimensions),
        q.stat,
        q.periodSeconds,
        startMs,
        endMs,
      );
    }
    return out;
  }
}

/** The autoscaler's own metrics (EMF in Lambda) land in the same store, readable after `delayMs`. */
export class SimPublisher implements MetricsPublisher {
  readonly #cw: SimCloudWatch;
  readonly #delayMs: number;
  published = 0;

  constructor(cw: SimCloudWatch, delayMs: number) {
    this.#cw = cw;
    this.#delayMs = delayMs;
  }

  readonly #keys = new Map<string, string>();

  publish(cluster: string, metrics: OwnMetric[], atMs: number, dimensions: Record<string, string> = {}): void {
    // More dimensions make another metric, as in CloudWatch (the operator's count by caller).
    const extra = Object.keys(dimensions).length > 0 ? `\u0000${JSON.stringify(dimensions)}` : "";
    for (const m of metrics) {
      const id = `${cluster}\u0000${m.name}${extra}`;
      let key = this.#keys.get(id);
      if (key === undefined) {
        key = metricKey(OWN_NAMESPACE, m.name, { Cluster: cluster, ...dimensions });
        this.#keys.set(id, key);
      }
      this.#cw.put(key, atMs, m.value, atMs + this.#delayMs);
      this.published++;
    }
  }
}
