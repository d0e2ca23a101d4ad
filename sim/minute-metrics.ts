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

/**
 * Every instance's figures of one minute, column by column (one array per figure, not one object per instance: a
 * 500-node month closes 21 million instance-minutes). `perInstance` builds the by-instance view on first use — only
 * the baselines that evaluate single instances ask for it.
 */
export class InstanceColumns {
  readonly ids: string[] = [];
  cpuPercent: Float64Array;
  networkBytes: Float64Array;
  requests: Float64Array;
  arrivesAt: Float64Array;
  #map: Map<string, InstanceMinute> | undefined;

  constructor(capacity: number) {
    this.cpuPercent = new Float64Array(capacity);
    this.networkBytes = new Float64Array(capacity);
    this.requests = new Float64Array(capacity);
    this.arrivesAt = new Float64Array(capacity);
  }

  get length(): number {
    return this.ids.length;
  }

  /** Empties the columns for another minute (the world reuses a ring of them: see `MinuteMetrics`' callers). */
  reset(capacity: number): void {
    this.ids.length = 0;
    this.#map = undefined;
    if (this.cpuPercent.length < capacity) {
      const size = Math.max(capacity, this.cpuPercent.length * 2);
      this.cpuPercent = new Float64Array(size);
      this.networkBytes = new Float64Array(size);
      this.requests = new Float64Array(size);
      this.arrivesAt = new Float64Array(size);
    }
  }

  push(id: string, cpuPercent: number, networkBytes: number, requests: number, arrivesAt: number): void {
    const i = this.ids.length;
    this.ids.push(id);
    this.cpuPercent[i] = cpuPercent;
    this.networkBytes[i] = networkBytes;
    this.requests[i] = requests;
    this.arrivesAt[i] = arrivesAt;
  }

  get perInstance(): Map<string, InstanceMinute> {
    if (this.#map === undefined) {
      this.#map = new Map();
      for (let i = 0; i < this.ids.length; i++)
        this.#map.set(this.ids[i]!, {
          cpuPercent: this.cpuPercent[i]!,
          networkBytes: this.networkBytes[i]!,
          requests: this.requests[i]!,
          arrivesAt: this.arrivesAt[i]!,
        });
    }
    return this.#map;
  }
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
    instances: InstanceColumns,
    m: MinuteTotals,
    latencyMs: number,
    upstreamLatencyMs: number,
  ): void {
    const cw = this.#cw;
    const n = instances.length;
    cw.putMany(this.#cpu, start, instances.cpuPercent, instances.arrivesAt, n);
    cw.putMany(this.#in, start, instances.networkBytes, instances.arrivesAt, n);
    cw.putMany(this.#out, start, instances.networkBytes, instances.arrivesAt, n);
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
