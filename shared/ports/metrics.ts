/** CloudWatch metrics: reading signals, and publishing the autoscaler's own. */
import type { Point } from "../domain/observation.ts";

export interface MetricQuery {
  /** Unique within one fetch; CloudWatch's rule: starts with a lowercase letter, then letters, digits, underscore. */
  id: string;
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  /** Average, Sum, Maximum, Minimum, SampleCount, pNN. */
  stat: string;
  periodSeconds: number;
}

export interface MetricsPort {
  /**
   * All queries in one call (GetMetricData). Each id maps to its datapoints ascending by time, values exactly as
   * CloudWatch returns them for the stat and period (bytes per period stay bytes per period). No data → empty array,
   * never zeros.
   */
  fetch(queries: MetricQuery[], startMs: number, endMs: number): Promise<Record<string, Point[]>>;
}

export interface OwnMetric {
  name: string;
  unit: "Count" | "None" | "Seconds" | "Milliseconds" | "Percent";
  value: number;
}

/** The namespace of the autoscaler's own metrics (dimension `Cluster`). */
export const OWN_NAMESPACE = "DPAutoscaler";
/** Own metric the scaler publishes every decision; read back for the scale-in stabilisation window. */
export const RECOMMENDED_CAPACITY_METRIC = "RecommendedCapacity";

export interface MetricsPublisher {
  /** Publish the autoscaler's own metrics for a cluster (EMF in Lambda). Never throws. */
  publish(cluster: string, metrics: OwnMetric[], atMs: number): void;
}
/** Own metric: the nodes in service at each decision; read back so each signal datapoint knows its nodes. */
export const IN_SERVICE_NODES_METRIC = "InServiceNodes";
