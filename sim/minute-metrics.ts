/**
 * A minute of the world as CloudWatch receives it: each node's CPUUtilization, NetworkIn and NetworkOut (AWS/EC2 by
 * AutoScalingGroupName — every running instance of the group, launching ones included, as EC2 aggregates them),
 * readable from the instance's own `arrivesAt` on (or never); the load balancer's RequestCount and the cluster metrics
 * the configuration names (request rate, upstream and gateway latency), readable from `publishAt` on.
 */
import type { ClusterConfig, MetricSpec } from "../shared/config/schema.ts";
import { metricKey, type SimCloudWatch } from "./cloud/cloudwatch.ts";
import type { MinuteTotals } from "./recorder.ts";

export interface InstanceMinute {
  cpuPercent: number;
  /** Bytes in the minute, per direction (in ≈ out for a proxy: requests and responses cross it both ways). */
  networkBytes: number;
  requests: number;
  /** When CloudWatch has this instance's datapoints (each instance on its own delay); Infinity: they never arrive. */
  arrivesAt: number;
}

export class MinuteMetrics {
  readonly #cw: SimCloudWatch;
  readonly #cluster: ClusterConfig;
  readonly #cpu: string;
  readonly #in: string;
  readonly #out: string;
  readonly #requestCounts: string[];
  readonly #requestRate: string | undefined;
  readonly #upstreamLatency: string | undefined;
  readonly #gatewayLatency: string | undefined;

  constructor(cw: SimCloudWatch, cluster: ClusterConfig) {
    this.#cw = cw;
    this.#cluster = cluster;
    const byGroup = { AutoScalingGroupName: cluster.autoScalingGroupName };
    this.#cpu = metricKey("AWS/EC2", "CPUUtilization", byGroup);
    this.#in = metricKey("AWS/EC2", "NetworkIn", byGroup);
    this.#out = metricKey("AWS/EC2", "NetworkOut", byGroup);
    this.#requestCounts = cluster.targetGroupArns.map((arn) =>
      metricKey("AWS/ApplicationELB", "RequestCount", { TargetGroup: arn.slice(arn.indexOf("targetgroup/")) }),
    );
    const key = (m: MetricSpec | undefined) => (m ? metricKey(m.namespace, m.metricName, m.dimensions) : undefined);
    this.#requestRate = key(cluster.signals.requestRate?.metric);
    this.#upstreamLatency = key(cluster.guardrails.upstreamLatency?.upstream);
    this.#gatewayLatency = key(cluster.guardrails.upstreamLatency?.gateway);
  }

  publish(
    start: number,
    publishAt: number,
    perInstance: ReadonlyMap<string, InstanceMinute>,
    m: MinuteTotals,
    latencyMs: number,
    upstreamLatencyMs: number,
  ): void {
    const cw = this.#cw;
    for (const s of perInstance.values()) {
      if (s.arrivesAt === Number.POSITIVE_INFINITY) continue;
      cw.put(this.#cpu, start, s.cpuPercent, s.arrivesAt);
      cw.put(this.#in, start, s.networkBytes, s.arrivesAt);
      cw.put(this.#out, start, s.networkBytes, s.arrivesAt);
    }
    // Load balancer and gateway metrics are reported only while traffic flows (as ALB's are).
    if (m.demandRequests <= 0) return;
    const perGroup = m.servedRequests / Math.max(1, this.#cluster.targetGroupArns.length);
    for (const k of this.#requestCounts) cw.put(k, start, perGroup, publishAt);
    if (this.#requestRate) cw.put(this.#requestRate, start, m.servedRequests, publishAt);
    if (this.#upstreamLatency) cw.put(this.#upstreamLatency, start, upstreamLatencyMs, publishAt);
    if (this.#gatewayLatency)
      cw.put(this.#gatewayLatency, start, Math.max(0, latencyMs - upstreamLatencyMs), publishAt);
  }
}
