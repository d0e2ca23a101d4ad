/**
 * In-memory `MetricsPort` and `MetricsPublisher`. `FakeMetrics` answers a query by what it asks for (namespace,
 * metric, statistic, dimensions), not by its id, so tests state CloudWatch's data and the code under test still has
 * to ask for the right thing. Unknown metrics have no data (an empty series), as in CloudWatch.
 */
import type { Point } from "../shared/domain/observation.ts";
import type { MetricQuery, MetricsPort, MetricsPublisher, OwnMetric } from "../shared/ports/metrics.ts";

export interface StoredSeries {
  namespace: string;
  metricName: string;
  stat: string;
  /** When given, the query's dimensions must equal these exactly. */
  dimensions?: Record<string, string>;
  points: Point[];
}

export interface FetchCall {
  queries: MetricQuery[];
  startMs: number;
  endMs: number;
}

export class FakeMetrics implements MetricsPort {
  readonly series: StoredSeries[] = [];
  readonly calls: FetchCall[] = [];
  private failure: Error | undefined;

  set(s: StoredSeries): this {
    this.series.push(s);
    return this;
  }

  failNext(error: Error): void {
    this.failure = error;
  }

  async fetch(queries: MetricQuery[], startMs: number, endMs: number): Promise<Record<string, Point[]>> {
    this.calls.push({ queries: structuredClone(queries), startMs, endMs });
    if (this.failure) {
      const f = this.failure;
      this.failure = undefined;
      throw f;
    }
    const out: Record<string, Point[]> = {};
    for (const q of queries) {
      const hit = this.series.find(
        (s) =>
          s.namespace === q.namespace &&
          s.metricName === q.metricName &&
          s.stat === q.stat &&
          (s.dimensions === undefined || sameDimensions(s.dimensions, q.dimensions)),
      );
      out[q.id] = (hit?.points ?? []).filter((p) => p.t >= startMs && p.t < endMs).map((p) => ({ ...p }));
    }
    return out;
  }
}

function sameDimensions(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

export interface Published {
  cluster: string;
  metrics: OwnMetric[];
  atMs: number;
  /** Dimensions beside `Cluster` (absent: `Cluster` alone). */
  dimensions?: Record<string, string>;
}

export class FakePublisher implements MetricsPublisher {
  readonly published: Published[] = [];

  publish(cluster: string, metrics: OwnMetric[], atMs: number, dimensions?: Record<string, string>): void {
    this.published.push({
      cluster,
      metrics: metrics.map((m) => ({ ...m })),
      atMs,
      ...(dimensions && Object.keys(dimensions).length > 0 ? { dimensions: { ...dimensions } } : {}),
    });
  }

  /**
   * The values of one metric for one cluster, in publication order: by `Cluster` alone, or — with `dimensions` — by
   * exactly those more dimensions (CloudWatch keeps each dimension set a metric of its own).
   */
  values(cluster: string, name: string, dimensions?: Record<string, string>): number[] {
    const want = JSON.stringify(dimensions ?? {});
    return this.published
      .filter((p) => p.cluster === cluster && JSON.stringify(p.dimensions ?? {}) === want)
      .flatMap((p) => p.metrics.filter((m) => m.name === name).map((m) => m.value));
  }
}
