/**
 * The CloudWatch queries of one cluster — every signal, every guardrail input and the autoscaler's own
 * `RecommendedCapacity` and `InServiceNodes` — so that one `GetMetricData` call observes the whole cluster.
 */
import type { ClusterConfig, MetricSpec } from "../../config/schema.ts";
import { type MetricQuery, OWN_METRICS, OWN_NAMESPACE } from "../../ports/metrics.ts";

/** The query ids (CloudWatch: a lowercase letter first, then letters, digits, underscores). */
export const QUERY_IDS = {
  cpu: "cpu",
  networkIn: "net_in",
  networkOut: "net_out",
  requestRate: "request_rate",
  aggregateIn: "agg_in",
  aggregateOut: "agg_out",
  upstreamLatency: "upstream_latency",
  gatewayLatency: "gateway_latency",
  recommended: "own_recommended",
  /** AWS/EC2 CPUUtilization SampleCount: how many instances reported (launching and draining ones included). */
  reporting: "ec2_reporting",
  /** The scaler's own InServiceNodes: how many nodes were in service in each period. */
  inService: "own_in_service",
} as const;

/** The query id of a custom signal (`queue-depth` → `custom_queue_depth`; signal ids never contain `_`). */
export function customQueryId(signalId: string): string {
  return `custom_${signalId.replace(/-/g, "_")}`;
}

/** The autoscaler publishes once a decision, every minute: its own metric is always read per minute. */
export const OWN_METRIC_PERIOD_SECONDS = 60;

const EC2 = "AWS/EC2";

export function clusterQueries(cluster: ClusterConfig): MetricQuery[] {
  const periodSeconds = cluster.scaling.metricPeriodSeconds;
  const byGroup = { AutoScalingGroupName: cluster.autoScalingGroupName };
  const ec2 = (id: string, metricName: string, stat: string): MetricQuery => ({
    id,
    namespace: EC2,
    metricName,
    dimensions: byGroup,
    stat,
    periodSeconds,
  });
  const named = (id: string, m: MetricSpec): MetricQuery => ({
    id,
    namespace: m.namespace,
    metricName: m.metricName,
    dimensions: m.dimensions,
    stat: m.stat,
    periodSeconds,
  });

  const q: MetricQuery[] = [];
  const { signals, guardrails } = cluster;
  if (signals.cpu.enabled) q.push(ec2(QUERY_IDS.cpu, "CPUUtilization", "Average"));
  // Every instance reports all its EC2 metrics each period: one SampleCount tells how many the averages are over.
  if (signals.cpu.enabled || signals.bandwidth.enabled)
    q.push(ec2(QUERY_IDS.reporting, "CPUUtilization", "SampleCount"));
  if (signals.bandwidth.enabled) {
    // Average over the group's instances of each one's bytes in the period: per-node bytes per period.
    q.push(ec2(QUERY_IDS.networkIn, "NetworkIn", "Average"), ec2(QUERY_IDS.networkOut, "NetworkOut", "Average"));
  }
  if (signals.requestRate) q.push(named(QUERY_IDS.requestRate, signals.requestRate.metric));
  for (const s of signals.custom) q.push(named(customQueryId(s.id), s.metric));
  if (guardrails.bandwidthCeiling) {
    // Sum over the group's instances: the cluster's bytes per period.
    q.push(ec2(QUERY_IDS.aggregateIn, "NetworkIn", "Sum"), ec2(QUERY_IDS.aggregateOut, "NetworkOut", "Sum"));
  }
  if (guardrails.upstreamLatency) {
    q.push(named(QUERY_IDS.upstreamLatency, guardrails.upstreamLatency.upstream));
    q.push(named(QUERY_IDS.gatewayLatency, guardrails.upstreamLatency.gateway));
  }
  q.push({
    id: QUERY_IDS.recommended,
    namespace: OWN_NAMESPACE,
    metricName: OWN_METRICS.recommended,
    dimensions: { Cluster: cluster.name },
    stat: "Maximum",
    periodSeconds: OWN_METRIC_PERIOD_SECONDS,
  });
  // At the signals' period, so that its datapoints line up with theirs.
  q.push({
    id: QUERY_IDS.inService,
    namespace: OWN_NAMESPACE,
    metricName: OWN_METRICS.inService,
    dimensions: { Cluster: cluster.name },
    stat: "Average",
    periodSeconds,
  });
  return q;
}
