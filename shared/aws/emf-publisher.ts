/**
 * MetricsPublisher over Powertools Metrics (CloudWatch Embedded Metric Format on stdout). Each `publish` is flushed
 * at once, under namespace `DPAutoscaler` with the single dimension `Cluster`, stamped with the decision's time.
 *
 * Two Powertools 2.33 behaviours matter here:
 * - `new Metrics()` always adds a default `service` dimension; it is cleared, because CloudWatch identifies a metric by
 *   its full dimension set and the scaler reads `RecommendedCapacity` back by `{Cluster}` alone.
 * - `setTimestamp(ms)` stores the timestamp until the next flush (which clears it). It warns, but still stamps, when
 *   the time is more than 14 days before or 2 hours after the host's real clock (CloudWatch would drop such points),
 *   so a simulator replaying an old trace should pass a `Metrics` with a quiet `logger`.
 *
 * Publishing never throws: a metric must never block scaling.
 */
import { Metrics, type MetricUnit } from "@aws-lambda-powertools/metrics";
import { type MetricsPublisher, OWN_NAMESPACE, type OwnMetric } from "../ports/metrics.ts";

export const CLUSTER_DIMENSION = "Cluster";

type PowertoolsUnit = (typeof MetricUnit)[keyof typeof MetricUnit];

export class EmfPublisher implements MetricsPublisher {
  readonly #metrics: Metrics;

  /** @param metrics a Powertools `Metrics` to write through (default: namespace `DPAutoscaler`, stdout). */
  constructor(metrics: Metrics = new Metrics({ namespace: OWN_NAMESPACE })) {
    this.#metrics = metrics;
    this.#metrics.clearDefaultDimensions();
  }

  publish(cluster: string, metrics: OwnMetric[], atMs: number, dimensions: Record<string, string> = {}): void {
    if (metrics.length === 0) return;
    try {
      this.#metrics.setTimestamp(atMs);
      this.#metrics.addDimension(CLUSTER_DIMENSION, cluster);
      for (const [name, value] of Object.entries(dimensions)) this.#metrics.addDimension(name, value);
      for (const m of metrics) this.#metrics.addMetric(m.name, m.unit as PowertoolsUnit, m.value);
      this.#metrics.publishStoredMetrics();
    } catch (err) {
      console.warn(`EMF publish failed for cluster ${cluster}: ${err instanceof Error ? err.message : String(err)}`);
      this.#discardStored();
    }
  }

  /** Drops whatever a failed publish left in the buffer, so it does not leak into the next cluster's record. */
  #discardStored(): void {
    try {
      this.#metrics.clearMetrics();
      this.#metrics.clearDimensions();
    } catch {
      // Nothing more to do: the next publish starts from whatever state Powertools is in.
    }
  }
}
