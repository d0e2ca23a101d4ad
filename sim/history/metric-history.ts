/**
 * The CloudWatch metric history of the days before a run, as a deployment that had run the same demand would have it:
 * the fleet of those days is taken to have kept the configured targets (each minute the nodes its demand needs at the
 * CPU and bandwidth targets, within the group's bounds), so each minute's AWS/EC2 CPUUtilization, NetworkIn and
 * NetworkOut (by AutoScalingGroupName: one sample per node), the load balancer's RequestCount and the cluster's
 * request-rate metric are what `MinuteMetrics` would have published for that demand on that fleet. Stored as
 * (sum, count, min, max) per bucket, so an aggregate over 5 minutes or an hour is exact; which period a query may read
 * is `retention.ts`'s business. Older data is kept per 5 minutes and per hour, as CloudWatch does.
 */
import { type Aggregate, metricKey } from "../cloud/cloudwatch.ts";
import type { SimWorld } from "../world.ts";
import { type DemandBefore, demandBefore } from "./demand-before.ts";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * One resolution of the history: buckets of `resolutionMs` from `fromMs` on, a column per metric. The last 15 days
 * before the run are kept per minute, the 48 days before those per 5 minutes, the rest per hour, as CloudWatch
 * aggregates data as it ages (`retention.ts`).
 */
class Tier {
  readonly columns = new Map<string, Columns>();
  constructor(
    readonly fromMs: number,
    readonly toMs: number,
    readonly resolutionMs: number,
  ) {}

  get buckets(): number {
    return Math.max(0, Math.ceil((this.toMs - this.fromMs) / this.resolutionMs));
  }
}

/** `count[i]` = 0 is no datapoint. */
interface Columns {
  sum: Float64Array;
  count: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

export class MetricHistory {
  readonly fromMs: number;
  /** The history ends where the run's own datapoints begin (the warm-up's start). */
  readonly toMs: number;
  readonly note: string;
  readonly #tiers: Tier[];
  readonly #keys = new Set<string>();

  constructor(demand: DemandBefore, toMs: number, world: SimWorld) {
    this.fromMs = demand.fromMs;
    this.toMs = toMs;
    this.note = demand.note;
    const minuteFrom = Math.max(this.fromMs, floorHour(toMs - 15 * DAY));
    const fiveFrom = Math.max(this.fromMs, Math.min(minuteFrom, floorHour(toMs - 63 * DAY)));
    this.#tiers = [
      new Tier(this.fromMs, fiveFrom, HOUR),
      new Tier(fiveFrom, minuteFrom, 5 * MINUTE),
      new Tier(minuteFrom, toMs, MINUTE),
    ];
    const cluster = world.cluster;
    const byGroup = { AutoScalingGroupName: cluster.autoScalingGroupName };
    const cpu = this.#key(metricKey("AWS/EC2", "CPUUtilization", byGroup));
    const netIn = this.#key(metricKey("AWS/EC2", "NetworkIn", byGroup));
    const netOut = this.#key(metricKey("AWS/EC2", "NetworkOut", byGroup));
    const requestCounts = cluster.targetGroupArns.map((arn) =>
      this.#key(
        metricKey("AWS/ApplicationELB", "RequestCount", { TargetGroup: arn.slice(arn.indexOf("targetgroup/")) }),
      ),
    );
    const rate = cluster.signals.requestRate?.metric;
    const requestRate = rate ? this.#key(metricKey(rate.namespace, rate.metricName, rate.dimensions)) : undefined;
    const idle = world.scenario.nodes.idleCpuPercent;
    for (let m = 0; m < demand.rps.length; m++) {
      const t = this.fromMs + m * MINUTE;
      const tier = this.#tiers.find((x) => t >= x.fromMs && t < x.toMs);
      if (!tier) continue;
      const b = Math.floor((t - tier.fromMs) / tier.resolutionMs);
      const rps = demand.rps[m]!;
      const nodes = Math.max(1, world.clampToBounds(world.nodesAtTarget(rps)));
      const perNodeRps = rps / nodes;
      const cpuPercent = idle + Math.min(1, perNodeRps / world.nodeCpuCapacityRps) * (100 - idle);
      const bytes = perNodeRps * 60 * world.bytesPerRequest;
      add(tier, cpu, b, cpuPercent, nodes);
      add(tier, netIn, b, bytes, nodes);
      add(tier, netOut, b, bytes, nodes);
      // Load balancer and request metrics exist only while traffic flows (as the world publishes them).
      if (rps <= 0) continue;
      const requests = rps * 60;
      for (const k of requestCounts) add(tier, k, b, requests / requestCounts.length, 1);
      if (requestRate) add(tier, requestRate, b, requests, 1);
    }
  }

  /** Builds the history of `world`'s scenario: `history.days` before the warm-up (0: none). */
  static of(world: SimWorld): MetricHistory {
    const days = world.scenario.history.days;
    return new MetricHistory(
      demandBefore(world.scenario, world.originMs, world.warmupStartMs, days),
      world.warmupStartMs,
      world,
    );
  }

  has(key: string): boolean {
    return this.#keys.has(key);
  }

  /**
   * The aggregate of `key`'s stored buckets that start in [fromMs, toMs), or undefined when none has a datapoint.
   * Callers ask for whole buckets: a query older than 15 days has a period of whole 5 minutes or hours.
   */
  aggregate(key: string, fromMs: number, toMs: number): Aggregate | undefined {
    let agg: Aggregate | undefined;
    for (const tier of this.#tiers) {
      const c = tier.columns.get(key);
      if (!c || fromMs >= tier.toMs || toMs <= tier.fromMs) continue;
      const first = Math.max(0, Math.ceil((fromMs - tier.fromMs) / tier.resolutionMs));
      const last = Math.min(tier.buckets, Math.ceil((toMs - tier.fromMs) / tier.resolutionMs));
      for (let i = first; i < last; i++) {
        if (c.count[i] === 0) continue;
        if (!agg) agg = { sum: 0, count: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY };
        agg.sum += c.sum[i]!;
        agg.count += c.count[i]!;
        agg.min = Math.min(agg.min, c.min[i]!);
        agg.max = Math.max(agg.max, c.max[i]!);
      }
    }
    return agg;
  }

  #key(key: string): string {
    this.#keys.add(key);
    for (const tier of this.#tiers) {
      const n = tier.buckets;
      tier.columns.set(key, {
        sum: new Float64Array(n),
        count: new Float64Array(n),
        min: new Float64Array(n).fill(Number.POSITIVE_INFINITY),
        max: new Float64Array(n).fill(Number.NEGATIVE_INFINITY),
      });
    }
    return key;
  }
}

/** Adds `count` equal samples of `value` to bucket `b` of `key` in `tier`. */
function add(tier: Tier, key: string, b: number, value: number, count: number): void {
  const c = tier.columns.get(key)!;
  c.sum[b]! += value * count;
  c.count[b]! += count;
  if (value < c.min[b]!) c.min[b] = value;
  if (value > c.max[b]!) c.max[b] = value;
}

function floorHour(ms: number): number {
  return Math.floor(ms / HOUR) * HOUR;
}
