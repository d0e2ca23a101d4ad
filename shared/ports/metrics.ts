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

export interface MetricsPublisher {
  /**
   * Publish the autoscaler's own metrics for a cluster (EMF in Lambda). `dimensions`: more dimensions beside
   * `Cluster` (a separate metric in CloudWatch, which identifies a metric by its whole dimension set). Never throws.
   */
  publish(cluster: string, metrics: OwnMetric[], atMs: number, dimensions?: Record<string, string>): void;
}

/**
 * Every metric the autoscaler publishes about itself (namespace `DPAutoscaler`, dimension `Cluster`): the one list the
 * functions, the dashboards' and alarms' tests and the simulator share; with the per-guardrail and per-signal names
 * below, `ownMetricNames` is everything the autoscaler can publish. Two are read back by the scaler:
 * `RecommendedCapacity` (the scale-in stabilisation window) and `InServiceNodes` (how many nodes each signal datapoint
 * was measured on).
 */
export const OWN_METRICS = {
  // scaler, once per decision
  recommended: "RecommendedCapacity",
  inService: "InServiceNodes",
  desired: "DesiredCapacity",
  scaleOut: "ScaleOut",
  scaleIn: "ScaleIn",
  hold: "Hold",
  capacityChanges: "CapacityChanges",
  contention: "ScalingContention",
  /** 1 while the control-plane-outage breaker is open, else 0 (the scaler reads the group's tag every tick). */
  breakerOpen: "BreakerOpen",
  clusterErrors: "ClusterErrors",
  invalidEvents: "InvalidEvents",
  unknownAlarms: "UnknownAlarms",
  configErrors: "ConfigErrors",
  // launch and drain
  secondsToReady: "NodeSecondsToReady",
  secondsToRegistered: "NodeSecondsToRegistered",
  launchesAbandoned: "LaunchesAbandoned",
  secondsDraining: "NodeSecondsDraining",
  /** A lifecycle action timed out before launch or drain decided it (announced as an error). */
  lifecycleHooksExpired: "LifecycleHooksExpired",
  // operator
  operatorRequests: "OperatorRequests",
  operatorRefusals: "OperatorRefusals",
  operatorForcedScales: "OperatorForcedScales",
} as const;

/**
 * `SignalValue.cpu` / `SignalTarget.cpu`: each signal's per-node value as the decision used it, and its target, so a
 * dashboard shows demand against what the autoscaler aims for (published once per decision, when the value is fresh).
 */
export function signalValueMetric(signal: string): string {
  return `SignalValue.${signal}`;
}

export function signalTargetMetric(signal: string): string {
  return `SignalTarget.${signal}`;
}

/** `GuardrailBlocks.bandwidth-ceiling`: one metric per guardrail, so each can have its own alarm. */
export function guardrailBlocksMetric(name: string): string {
  return `GuardrailBlocks.${name}`;
}

/** The `Cluster` dimension value for metrics that belong to no one cluster (invalid events, config errors). */
export const DEPLOYMENT_SCOPE = "_deployment";

/** Every own metric name the autoscaler publishes, for the given guardrail names and signal ids. */
export function ownMetricNames(guardrails: readonly string[], signals: readonly string[]): Set<string> {
  return new Set([
    ...Object.values(OWN_METRICS),
    ...guardrails.map(guardrailBlocksMetric),
    ...signals.flatMap((s) => [signalValueMetric(s), signalTargetMetric(s)]),
  ]);
}
