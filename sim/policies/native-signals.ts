/**
 * What the AWS-native baselines see of the fleet: each node's CloudWatch datapoints for a minute (the same ones, with
 * the same publication delay, that feed our scaler), averaged over the nodes that count — in service and past their
 * warm-up, as EC2 Auto Scaling aggregates for target tracking and step scaling ("an instance that is warming up does
 * not count in the group's aggregated metrics"). Values are per node: CPU %, and bandwidth as % of the instance
 * type's baseline (NetworkOut bytes per minute ÷ the baseline's bytes per minute).
 */
import type { InstanceMinute, MinuteSample, SimWorld } from "../world.ts";

export interface FleetMetric {
  id: "cpu" | "bandwidth";
  /** The per-node target, in the metric's unit (%). */
  target: number;
}

export interface MeasuredMetric {
  value: number;
  /** Nodes averaged over. */
  nodes: number;
}

/** The metrics a baseline tracks: the same signals and targets the cluster configures for ours. */
export function fleetMetrics(world: SimWorld): FleetMetric[] {
  const s = world.cluster.signals;
  const out: FleetMetric[] = [];
  if (s.cpu.enabled) out.push({ id: "cpu", target: s.cpu.targetPercent });
  if (s.bandwidth.enabled) out.push({ id: "bandwidth", target: s.bandwidth.targetPercent });
  return out;
}

/** When each member of the group went InService (the warm fleet: long before the run). */
export class ServiceTracker {
  readonly #since = new Map<string, number>();
  readonly #world: SimWorld;

  constructor(world: SimWorld) {
    this.#world = world;
    for (const m of world.asg.members.values())
      if (m.lifecycleState === "InService") this.#since.set(m.instance.instanceId, Number.NEGATIVE_INFINITY);
    world.asg.listen({
      inService: (i) => this.#since.set(i.instanceId, world.clock.now()),
      terminated: (i) => this.#since.delete(i.instanceId),
    });
  }

  /** In service and warmed up at `atMs`. */
  warmed(instanceId: string, atMs: number, warmupMs: number): boolean {
    const since = this.#since.get(instanceId);
    const m = this.#world.asg.members.get(instanceId);
    return since !== undefined && m?.lifecycleState === "InService" && since + warmupMs <= atMs;
  }

  /** Active members (launching, or in service) still inside their warm-up at `atMs`. */
  warming(atMs: number, warmupMs: number): number {
    let n = 0;
    for (const m of this.#world.asg.activeMembers()) {
      const since = this.#since.get(m.instance.instanceId);
      if (since === undefined || since + warmupMs > atMs) n++;
    }
    return n;
  }
}

/** Per-node average of `metric` over the nodes `counts` accepts, from one minute's datapoints. */
export function measure(
  world: SimWorld,
  sample: MinuteSample,
  metric: FleetMetric,
  counts: (instanceId: string) => boolean,
): MeasuredMetric | undefined {
  if (!sample.published) return undefined;
  let sum = 0;
  let nodes = 0;
  for (const [id, s] of sample.perInstance) {
    if (!counts(id)) continue;
    sum += nodeValue(world, s, metric);
    nodes++;
  }
  return nodes === 0 ? undefined : { value: sum / nodes, nodes };
}

/** One node's value of `metric` in one minute: CPU %, or NetworkOut as % of the instance type's baseline. */
export function nodeValue(world: SimWorld, s: InstanceMinute, metric: FleetMetric): number {
  return metric.id === "cpu" ? s.cpuPercent : (s.networkBytes / ((world.nodeBandwidthBps / 8) * 60)) * 100;
}

/**
 * An M-out-of-N alarm over a stream of one-minute values (undefined = no datapoint): ALARM when at least M of the
 * newest N present values breach; INSUFFICIENT_DATA when none is present; else OK.
 */
export class StreamAlarm {
  readonly #values: (number | undefined)[] = [];
  constructor(
    readonly m: number,
    readonly n: number,
    readonly breaches: (v: number) => boolean,
  ) {}

  push(v: number | undefined): "ALARM" | "OK" | "INSUFFICIENT_DATA" {
    this.#values.push(v);
    if (this.#values.length > this.n) this.#values.shift();
    return this.state;
  }

  get state(): "ALARM" | "OK" | "INSUFFICIENT_DATA" {
    const present = this.#values.filter((v): v is number => v !== undefined);
    if (present.length === 0) return "INSUFFICIENT_DATA";
    return present.filter(this.breaches).length >= this.m ? "ALARM" : "OK";
  }
}
