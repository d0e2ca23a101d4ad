/**
 * The metrics port a run's readers use (`ours`'s scaler, `predictive`'s forecaster): GetMetricData over the run's own
 * CloudWatch datapoints and, before them, the history of the days before the run (`metric-history.ts`), under
 * CloudWatch's retention and period rules (`retention.ts`). A period that straddles the history's end adds up both
 * sides. One instance per world, built on first use, so a run whose policy reads no history pays nothing for it.
 */
import type { Point } from "../../shared/domain/observation.ts";
import type { MetricQuery, MetricsPort } from "../../shared/ports/metrics.ts";
import { type Aggregate, metricKey, statistic } from "../cloud/cloudwatch.ts";
import type { SimWorld } from "../world.ts";
import { MetricHistory } from "./metric-history.ts";
import { periodAllowed } from "./retention.ts";

export class HistoryAwareMetrics implements MetricsPort {
  readonly #world: SimWorld;
  #history: MetricHistory | undefined;

  constructor(world: SimWorld) {
    this.#world = world;
  }

  /** The history, if something read it already. */
  get built(): MetricHistory | undefined {
    return this.#history;
  }

  /** The history (built on first use). */
  get history(): MetricHistory {
    this.#history ??= MetricHistory.of(this.#world);
    return this.#history;
  }

  async fetch(queries: MetricQuery[], startMs: number, endMs: number): Promise<Record<string, Point[]>> {
    this.#world.cw.fetches++;
    const out: Record<string, Point[]> = {};
    for (const q of queries) out[q.id] = this.query(q, startMs, endMs);
    return out;
  }

  /** One query's datapoints, as GetMetricData returns them now. */
  query(q: MetricQuery, startMs: number, endMs: number): Point[] {
    const cw = this.#world.cw;
    const key = metricKey(q.namespace, q.metricName, q.dimensions);
    const now = this.#world.clock.now();
    if (!periodAllowed(q.periodSeconds, startMs, now)) return [];
    const boundary = this.#world.warmupStartMs;
    if (startMs >= boundary) return cw.query(key, q.stat, q.periodSeconds, startMs, endMs);
    const history = this.history;
    if (!history.has(key)) return cw.query(key, q.stat, q.periodSeconds, startMs, endMs);
    const periodMs = Math.max(1, Math.round(q.periodSeconds / 60)) * 60_000;
    const out: Point[] = [];
    for (let t = Math.ceil(startMs / periodMs) * periodMs; t < endMs; t += periodMs) {
      const to = t + periodMs;
      if (t >= boundary) {
        out.push(...cw.query(key, q.stat, q.periodSeconds, t, endMs));
        break;
      }
      let agg = history.aggregate(key, t, Math.min(to, boundary));
      if (to > boundary) agg = combine(agg, liveAggregate(this.#world, key, q.periodSeconds, t));
      if (agg) out.push({ t, v: statistic(agg, q.stat) });
    }
    return out;
  }
}

const ports = new WeakMap<SimWorld, HistoryAwareMetrics>();

/** Where the history a run read came from (for its notes); undefined when the run read none. */
export function historyNote(world: SimWorld): string | undefined {
  return ports.get(world)?.built?.note;
}

/** The world's metrics port (one per world: `ours` and `predictive` read through the same one). */
export function historyAwareMetrics(world: SimWorld): HistoryAwareMetrics {
  let port = ports.get(world);
  if (!port) {
    port = new HistoryAwareMetrics(world);
    ports.set(world, port);
  }
  return port;
}

/** The run's own datapoints in the period starting at `t`, as one aggregate (CloudWatch's statistics of them). */
function liveAggregate(world: SimWorld, key: string, periodSeconds: number, t: number): Aggregate | undefined {
  const end = t + periodSeconds * 1000;
  const one = (stat: string) => world.cw.query(key, stat, periodSeconds, t, end)[0]?.v;
  const count = one("SampleCount");
  if (count === undefined) return undefined;
  return { sum: one("Sum") ?? 0, count, min: one("Minimum") ?? 0, max: one("Maximum") ?? 0 };
}

function combine(a: Aggregate | undefined, b: Aggregate | undefined): Aggregate | undefined {
  if (!a) return b;
  if (!b) return a;
  return { sum: a.sum + b.sum, count: a.count + b.count, min: Math.min(a.min, b.min), max: Math.max(a.max, b.max) };
}
