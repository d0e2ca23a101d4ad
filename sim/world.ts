/**
 * The simulated world of one run: traffic arriving at a load balancer, DP nodes in an Auto Scaling group, the control
 * plane and the upstream, CloudWatch receiving the nodes' metrics, and a policy changing the group's size. Everything
 * runs on one virtual clock:
 * - every tick (10 s, or the traffic's step when finer) the demand is served by the nodes the load balancer routes to;
 * - every minute each node's CPU and network bytes become CloudWatch datapoints, each instance's readable after its own
 *   publication delay (a few late, a few never), the cluster's latency and request count too, and the minute is added
 *   to the timeline;
 * - the group, target groups, nodes and the control plane keep their own timers.
 * The world is the same for every policy; only the policy differs.
 */
import type { ClusterConfig } from "../shared/config/schema.ts";
import type { LifecycleHook } from "../shared/ports/fleet.ts";
import { SimAutoScalingGroup } from "./cloud/auto-scaling-group.ts";
import { metricKey, SimCloudWatch } from "./cloud/cloudwatch.ts";
import { nodeBaselineBps, SimEc2, type SimInstance } from "./cloud/ec2.ts";
import { SimHttpProbe } from "./cloud/http-probe.ts";
import { SimNotifier } from "./cloud/notifier.ts";
import { SimLoadBalancing, SimTargetGroup } from "./cloud/target-group.ts";
import { InstanceColumns, type InstanceMinute, MinuteMetrics } from "./minute-metrics.ts";
import { ControlPlane } from "./model/control-plane.ts";
import { DpNode, type HealthCheckKind, nodeServingVersion } from "./model/dp-node.ts";
import { drawNodeTraits } from "./model/node-traits.ts";
import { WaitTail } from "./model/queueing.ts";
import { type GroupRouting, serve, servingResult } from "./model/serving.ts";
import { createRng, type Rng } from "./random.ts";
import { emptyMinute, type MinuteTotals, Recorder } from "./recorder.ts";
import type { Scenario, SecondsRange } from "./scenario/schema.ts";
import { requestsBetween, seriesEndMs, type TrafficSeries } from "./traffic/series.ts";
import type { PolicyName } from "./types.ts";
import { VirtualClock } from "./virtual-clock.ts";

const MINUTE = 60_000;
const AVAILABILITY_ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"];
/** Minutes of per-instance samples kept for the baselines (their longest alarm is 15 of 15). */
const SAMPLES_KEPT = 40;

export type { InstanceMinute } from "./minute-metrics.ts";

/**
 * A scaling policy plugged into the world. The world is the same for every policy (traffic, nodes, load balancer,
 * CloudWatch timing); a policy only decides how the Auto Scaling group is set up (hooks, target groups attached to it)
 * and who changes its desired size, and when. The world declares this contract because it is the one that calls it.
 */
export interface SimPolicy {
  readonly name: PolicyName;
  setup(world: SimWorld): PolicySetup;
  /** Starts acting (timers, subscriptions). Called once the group and its warm fleet exist. */
  start(world: SimWorld): void | Promise<void>;
  /** Stops starting new work (the run is over); work in flight may finish. */
  stop(): void;
  /** Work in flight (e.g. Lambda invocations) the run should let finish. */
  busy(): boolean;
}

export interface PolicySetup {
  /** Lifecycle hooks on the group. */
  hooks: LifecycleHook[];
  /** Target groups attached to the ASG itself: it registers nodes at the end of launch (no readiness wait). */
  attachTargetGroups: boolean;
  /** The group's MaxSize. */
  maxSize: number;
  /** Fleet at the start; default: the world's estimate for the first minute's demand. */
  initialNodes?: number;
}

/**
 * Every node's datapoints of one minute, as the AWS-native baselines' alarms evaluate the minute: complete, at
 * `publishAt`. (An idealisation in their favour: AWS alarms see only the datapoints arrived by then and re-evaluate
 * as late ones come in; `ours` reads CloudWatch through GetMetricData, instance by instance as they arrive.)
 */
export interface MinuteSample {
  startMs: number;
  publishAt: number;
  /** False during a metric-gap fault: CloudWatch received nothing for this minute. */
  published: boolean;
  perInstance: Map<string, InstanceMinute>;
}

export type MinuteListener = (sample: MinuteSample) => void;

export class SimWorld {
  readonly scenario: Scenario;
  readonly cluster: ClusterConfig;
  readonly traffic: TrafficSeries;
  readonly policy: SimPolicy;
  readonly clock: VirtualClock;
  readonly rng: Rng;
  /** Start of the measured window (the traffic's start) and its end. */
  readonly originMs: number;
  readonly endMs: number;
  readonly warmupStartMs: number;
  readonly tickMs: number;
  readonly cp: ControlPlane;
  readonly ec2: SimEc2;
  readonly lb: SimLoadBalancing;
  readonly cw: SimCloudWatch;
  readonly probe: SimHttpProbe;
  readonly notifier: SimNotifier;
  readonly recorder: Recorder;
  /** Requests per second one node serves at most: CPU or bandwidth, whichever binds. */
  readonly nodeCapacityRps: number;
  readonly nodeCpuCapacityRps: number;
  readonly nodeBandwidthBps: number;
  readonly bytesPerRequest: number;
  /** The CP capacity as configured for the autoscaler and as the CP really is (min of both when both are known). */
  readonly cpCapacity: number | undefined;
  readonly setup: PolicySetup;
  readonly asg: SimAutoScalingGroup;
  readonly samples: MinuteSample[] = [];
  readonly #minuteListeners: MinuteListener[] = [];
  readonly #live = new Set<SimInstance>();
  #routesCache: SimInstance[][] = [];
  #servingCache: SimInstance[][] = [];
  /** Requests per serving node of each group, not yet added to the nodes (see `#flushCredit`). */
  #credit: number[] = [];
  #routesVersion = -1;
  readonly #routing: GroupRouting[] = [];
  readonly #served = servingResult();
  #minute: MinuteTotals = emptyMinute();
  /** The waits of every request the gateway served this minute (its p95 is the minute's gateway queueing). */
  readonly #waits = new WaitTail();
  #lastLatencyMs = 0;
  #lastUpstreamLatencyMs = 0;
  readonly #nodeRng: Rng;
  readonly #publishRng: Rng;
  #nodeCount = 0;
  readonly #gapWindows: { from: number; to: number }[];
  #stopped = false;
  readonly #minuteMetrics: MinuteMetrics;
  readonly #columns = Array.from({ length: SAMPLES_KEPT + 8 }, () => new InstanceColumns(16));
  #columnsNext = 0;

  constructor(scenario: Scenario, traffic: TrafficSeries, policy: SimPolicy) {
    this.scenario = scenario;
    this.cluster = scenario.cluster;
    this.traffic = traffic;
    this.policy = policy;
    this.originMs = traffic.startMs;
    this.endMs = seriesEndMs(traffic);
    this.warmupStartMs = this.originMs - scenario.warmupMinutes * MINUTE;
    this.tickMs = Math.min(10, traffic.stepSeconds) * 1000;
    this.clock = new VirtualClock(this.warmupStartMs);
    this.rng = createRng(scenario.seed);
    this.#nodeRng = this.rng.fork("nodes");
    this.#publishRng = this.rng.fork("cloudwatch");
    this.recorder = new Recorder(this.originMs, this.endMs);

    const nodes = scenario.nodes;
    this.bytesPerRequest = traffic.bytesInPerRequest + traffic.bytesOutPerRequest;
    this.nodeBandwidthBps = nodeBaselineBps(nodes.instanceType, nodes.baselineGbps);
    this.nodeCpuCapacityRps = nodes.capacityRps;
    const bandwidthRps = this.bytesPerRequest > 0 ? this.nodeBandwidthBps / 8 / this.bytesPerRequest : Infinity;
    this.nodeCapacityRps = Math.min(nodes.capacityRps, bandwidthRps);

    const configuredCp = this.cluster.controlPlane.maxDataPlanes;
    const realCp = scenario.controlPlane.maxDataPlanes ?? configuredCp;
    this.cp = new ControlPlane(scenario.controlPlane, this.originMs, realCp);
    this.cpCapacity = configuredCp;
    this.#gapWindows = scenario.faults.metricGaps.map((w) => ({
      from: this.originMs + w.atMinute * MINUTE,
      to: this.originMs + (w.atMinute + w.durationMinutes) * MINUTE,
    }));

    this.ec2 = new SimEc2(this.rng.fork("ec2"));
    this.lb = new SimLoadBalancing(
      this.ec2,
      this.cluster.targetGroupArns.map(
        (arn, i) => new SimTargetGroup(targetGroupSettings(scenario, arn), this.clock, this.rng.fork(`tg-${i}`)),
      ),
    );
    this.cw = new SimCloudWatch(this.clock, (this.endMs - this.warmupStartMs) / MINUTE + 180);
    this.#minuteMetrics = new MinuteMetrics(this.cw, this.cluster);
    this.probe = new SimHttpProbe(this.ec2, this.clock);
    this.notifier = new SimNotifier(this.clock, { down: scenario.faults.slackDown, deliveryDeadlineMs: 3000 });

    this.setup = policy.setup(this);
    const cloud = scenario.cloud;
    const initial = this.setup.initialNodes ?? this.initialFleetSize();
    this.asg = new SimAutoScalingGroup(
      {
        name: this.cluster.autoScalingGroupName,
        min: this.cluster.minNodes,
        max: this.setup.maxSize,
        desired: initial,
        hooks: this.setup.hooks,
        attachedTargetGroupArns: this.setup.attachTargetGroups ? [...this.cluster.targetGroupArns] : [],
        availabilityZones: AVAILABILITY_ZONES,
      },
      {
        reactionSeconds: cloud.asgReactionSeconds,
        instanceRunningSeconds: cloud.instanceRunningSeconds,
        terminationSeconds: cloud.terminationSeconds,
        hookEntrySeconds: 2,
      },
      {
        clock: this.clock,
        rng: this.rng.fork("asg"),
        ec2: this.ec2,
        lb: this.lb,
        createInstance: (az) => this.#newInstance(az, false),
      },
    );
    this.asg.listen({ launched: (i) => this.#live.add(i) });
    for (let i = 0; i < initial; i++) {
      const instance = this.#newInstance(AVAILABILITY_ZONES[i % AVAILABILITY_ZONES.length]!, true);
      this.ec2.add(instance);
      this.#live.add(instance);
      this.asg.adopt(instance);
      for (const g of this.lb.groups.values()) g.register(instance);
    }
  }

  /** Subscribes to each minute's datapoints at the moment CloudWatch makes them readable. */
  onMinutePublished(listener: MinuteListener): void {
    this.#minuteListeners.push(listener);
  }

  /** Requests per second offered at `atMs` (the first minute's rate during the warm-up). */
  demandAt(atMs: number): number {
    const t = Math.max(atMs, this.originMs);
    const step = this.traffic.stepSeconds * 1000;
    const i = Math.floor((t - this.originMs) / step);
    if (i >= this.traffic.rps.length) return 0;
    return this.traffic.rps[Math.max(0, i)]!;
  }

  /** Nodes needed for `rps` at the configured CPU and bandwidth targets. */
  nodesAtTarget(rps: number): number {
    const cpuTarget = this.cluster.signals.cpu.targetPercent / 100;
    const bwTarget = this.cluster.signals.bandwidth.targetPercent / 100;
    const byCpu = rps / (this.nodeCpuCapacityRps * cpuTarget);
    const byBw = this.bytesPerRequest > 0 ? (rps * this.bytesPerRequest * 8) / (this.nodeBandwidthBps * bwTarget) : 0;
    return Math.ceil(Math.max(byCpu, byBw) - 1e-9);
  }

  /** The largest size the group may have: min(maxNodes, CP capacity). */
  get ceiling(): number {
    return Math.min(this.cluster.maxNodes, this.cpCapacity ?? Number.POSITIVE_INFINITY);
  }

  clampToBounds(n: number): number {
    return Math.max(this.cluster.minNodes, Math.min(this.ceiling, this.setup?.maxSize ?? Number.POSITIVE_INFINITY, n));
  }

  initialFleetSize(): number {
    return this.scenario.initialNodes ?? this.clampToBounds(this.nodesAtTarget(this.demandAt(this.originMs)));
  }

  /** Is CloudWatch receiving datapoints for the minute starting at `minuteStartMs`? */
  metricsFlowing(minuteStartMs: number): boolean {
    for (const g of this.#gapWindows) if (minuteStartMs >= g.from && minuteStartMs < g.to) return false;
    return true;
  }

  /** The metric key of an EC2 metric of this group. */
  ec2Key(metricName: string): string {
    return metricKey("AWS/EC2", metricName, { AutoScalingGroupName: this.cluster.autoScalingGroupName });
  }

  /** Starts the world's own timers and the policy. */
  async start(): Promise<void> {
    this.startWorld();
    await this.policy.start(this);
  }

  /** Starts the world's own timers only: traffic, minutes, CP outages, metric gaps (tests drive the group themselves). */
  startWorld(): void {
    const clock = this.clock;
    const tick = (): void => {
      this.#tick();
      clock.after(this.tickMs, tick);
    };
    clock.at(this.warmupStartMs, tick);
    const minute = (): void => {
      this.#closeMinute();
      clock.after(MINUTE, minute);
    };
    clock.at(this.warmupStartMs + MINUTE, minute);
    for (const w of this.scenario.controlPlane.outages) {
      const from = this.originMs + w.atMinute * MINUTE;
      const to = from + w.durationMinutes * MINUTE;
      clock.at(from, () => {
        this.cp.setUp(false);
        this.recorder.event(from, "fault", `control plane outage starts (${w.durationMinutes} min)`);
      });
      clock.at(to, () => {
        this.cp.setUp(true);
        this.recorder.event(to, "fault", "control plane back");
      });
    }
    for (const g of this.#gapWindows) {
      clock.at(g.from, () => this.recorder.event(g.from, "fault", "CloudWatch receives no datapoints"));
      clock.at(g.to, () => this.recorder.event(g.to, "fault", "CloudWatch datapoints flow again"));
    }
  }

  stop(): void {
    this.#stopped = true;
    this.policy.stop();
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** Instances of the group that exist now (not terminated). */
  liveInstances(): SimInstance[] {
    const out: SimInstance[] = [];
    for (const i of this.#live) if (i.state !== "terminated") out.push(i);
    return out;
  }

  #newInstance(az: string, warm: boolean): SimInstance {
    const traits = drawNodeTraits(this.#nodeRng.fork(this.#nodeCount++), this.scenario, this.cluster.readiness.mode);
    const id = this.ec2.newInstanceId();
    const node = warm ? DpNode.warm(id, traits, this.clock, this.cp) : new DpNode(id, traits, this.clock, this.cp);
    return {
      instanceId: id,
      privateIp: this.ec2.newPrivateIp(),
      instanceType: this.scenario.nodes.instanceType,
      availabilityZone: az,
      groupName: this.cluster.autoScalingGroupName,
      launchTime: this.clock.now(),
      state: warm ? "running" : "pending",
      node,
      minuteRequests: 0,
    };
  }

  /**
   * The instances each target group routes to and, of those, the ones that serve — recounted only when a group's
   * routing or a node's ability to serve changed. Before a recount the requests credited to the old serving nodes
   * are handed to them (`#flushCredit`).
   */
  #routesNow(): void {
    let version = nodeServingVersion();
    for (const g of this.lb.groups.values()) version = version * 31 + g.version;
    if (version === this.#routesVersion && this.#routesCache.length > 0) return;
    this.#flushCredit();
    this.#routesVersion = version;
    this.#routesCache = [...this.lb.groups.values()].map((g) => g.routable());
    this.#servingCache = this.#routesCache.map((routed) =>
      routed.filter((i) => i.state !== "terminated" && i.node.canServe),
    );
    this.#credit = this.#routesCache.map(() => 0);
  }

  /**
   * Every serving node of a group carries the same load, so a tick only adds to its group's credit (requests per
   * serving node); the nodes get it when the serving set changes or the minute closes — not one addition per node
   * per tick.
   */
  #flushCredit(): void {
    for (let g = 0; g < this.#credit.length; g++) {
      const requests = this.#credit[g]!;
      if (requests === 0) continue;
      for (const i of this.#servingCache[g]!) i.minuteRequests += requests;
      this.#credit[g] = 0;
    }
  }

  #tick(): void {
    const now = this.clock.now();
    const seconds = this.tickMs / 1000;
    const demand =
      now < this.originMs
        ? this.demandAt(this.originMs)
        : now >= this.endMs
          ? this.demandAt(this.endMs - 1)
          : requestsBetween(this.traffic, now, now + this.tickMs) / seconds;
    this.#routesNow();
    const routes = this.#routesCache;
    const serving = this.#servingCache;
    const routing = this.#routing;
    routing.length = routes.length;
    for (let g = 0; g < routes.length; g++) {
      const entry = routing[g];
      if (entry) {
        entry.routed = routes[g]!.length;
        entry.serving = serving[g]!.length;
      } else routing[g] = { routed: routes[g]!.length, serving: serving[g]!.length };
    }
    const r = serve(demand, routing, this.nodeCapacityRps, this.scenario.upstream, this.#served);
    const workers = this.scenario.nodes.workers;
    for (let g = 0; g < routes.length; g++) {
      const requests = r.perNodeRps[g]! * seconds;
      if (requests <= 0) continue;
      this.#credit[g]! += requests;
      this.#waits.add(requests * routing[g]!.serving, workers, this.nodeCapacityRps, r.rho[g]!);
    }
    const m = this.#minute;
    m.demandRequests += demand * seconds;
    m.servedRequests += r.servedRps * seconds;
    m.capacityRpsSeconds += r.capacityRps * seconds;
    const weight = Math.max(r.servedRps, 1e-6) * seconds;
    m.upstreamLatencyWeighted += r.upstreamLatencyMs * weight;
    m.latencyWeight += weight;
    m.seconds += seconds;
  }

  #closeMinute(): void {
    const end = this.clock.now();
    const start = end - MINUTE;
    const flowing = this.metricsFlowing(start);
    const d = this.scenario.cloud.publicationDelaySeconds;
    const publishAt = end + drawSeconds(this.#publishRng, d) * 1000;
    const n = this.scenario.nodes;
    this.#flushCredit();
    // A sample is read until its publication and kept SAMPLES_KEPT minutes: a ring a few minutes longer can reuse
    // its columns.
    const instances = this.#columns[this.#columnsNext]!;
    this.#columnsNext = (this.#columnsNext + 1) % this.#columns.length;
    instances.reset(this.#live.size);
    const idle = n.idleCpuPercent;
    const perCpuShare = 1 / 60 / this.nodeCpuCapacityRps;
    for (const i of this.#live) {
      if (i.state === "terminated" && (i.terminatedAt ?? 0) <= start) {
        this.#live.delete(i);
        continue;
      }
      const requests = i.minuteRequests;
      i.minuteRequests = 0;
      const cpuShare = Math.min(1, requests * perCpuShare);
      instances.push(
        i.instanceId,
        idle + cpuShare * (100 - idle),
        requests * this.bytesPerRequest,
        requests,
        this.#instanceArrival(end),
      );
    }
    const m = this.#minute;
    this.#minute = emptyMinute();
    // Client p95 ≈ the gateway's idle p95 + the p95 of the queueing wait + the upstream's (request-weighted) p95.
    const upstreamLatency =
      m.latencyWeight > 0 ? m.upstreamLatencyWeighted / m.latencyWeight : this.#lastUpstreamLatencyMs;
    const latency =
      m.latencyWeight > 0
        ? this.scenario.nodes.gatewayLatencyMs + this.#waits.p95Ms() + upstreamLatency
        : this.#lastLatencyMs;
    this.#waits.clear();
    this.#lastLatencyMs = latency;
    this.#lastUpstreamLatencyMs = upstreamLatency;

    if (flowing) this.#minuteMetrics.publish(start, publishAt, instances, m, latency, upstreamLatency);
    const sample: MinuteSample = {
      startMs: start,
      publishAt,
      published: flowing,
      get perInstance() {
        return instances.perInstance;
      },
    };
    this.samples.push(sample);
    if (this.samples.length > SAMPLES_KEPT) this.samples.shift();
    this.clock.at(publishAt, () => {
      for (const l of this.#minuteListeners) l(sample);
    });

    this.#record(start, m, latency, upstreamLatency);
  }

  /**
   * When an instance's datapoints of the minute ending at `end` reach CloudWatch: each on its own delay, a few late,
   * a few never (one draw in the common case).
   */
  #instanceArrival(end: number): number {
    const c = this.scenario.cloud;
    const u = this.#publishRng.next();
    const missing = c.missingDatapointFraction;
    if (u < missing) return Number.POSITIVE_INFINITY;
    const late = missing + c.lateDatapointFraction;
    if (u < late) return end + Math.round(drawSeconds(this.#publishRng, c.lateDatapointSeconds) * 1000);
    const d = c.publicationDelaySeconds;
    return end + Math.round((d.min + ((u - late) / (1 - late)) * (d.max - d.min)) * 1000);
  }

  #record(start: number, m: MinuteTotals, latencyMs: number, upstreamLatencyMs: number): void {
    const rec = this.recorder;
    if (!rec.measures(start)) return;
    let launching = 0;
    let inService = 0;
    let draining = 0;
    for (const member of this.asg.members.values()) {
      const s = member.lifecycleState;
      if (s === "InService") inService++;
      else if (s.startsWith("Pending")) launching++;
      else if (s.startsWith("Terminating")) draining++;
    }
    const seconds = m.seconds || 60;
    const demandRps = m.demandRequests / seconds;
    const servedRps = m.servedRequests / seconds;
    rec.timeline.push({
      t: start,
      demandRps,
      servingCapacityRps: m.capacityRpsSeconds / seconds,
      servedRps,
      desired: this.asg.desired,
      launching,
      inService,
      draining,
      latencyMs,
      upstreamLatencyMs,
    });
    rec.demandRequests += m.demandRequests;
    rec.servedRequests += m.servedRequests;
    const unservedPct = m.demandRequests > 0 ? ((m.demandRequests - m.servedRequests) / m.demandRequests) * 100 : 0;
    const slo = this.scenario.slo;
    if (m.demandRequests > 0 && (unservedPct > slo.maxUnservedPct || latencyMs > slo.latencyP95Ms))
      rec.overloadMinutes++;
    let nodes = 0;
    for (const i of this.#live) if (i.state !== "terminated") nodes++;
    rec.peakNodes = Math.max(rec.peakNodes, nodes);
    rec.minNodes = Math.min(rec.minNodes, nodes);
  }
}

function targetGroupSettings(scenario: Scenario, arn: string) {
  const lb = scenario.loadBalancer;
  const hc = lb.healthCheck;
  const kind: HealthCheckKind =
    hc.protocol === "tcp" ? "tcp" : hc.path === "status-ready" ? "http-status-ready" : "http-traffic";
  return {
    arn,
    type: lb.type,
    healthCheck: kind,
    intervalSeconds: hc.intervalSeconds,
    healthyThreshold: hc.healthyThreshold,
    unhealthyThreshold: hc.unhealthyThreshold,
    registrationDelaySeconds:
      lb.registrationDelaySeconds ?? (lb.type === "alb" ? { min: 5, max: 35 } : { min: 90, max: 180 }),
    deregistrationDelaySeconds: lb.deregistrationDelaySeconds,
    albIdleDrainSeconds: lb.albIdleDrainSeconds,
    consistencyDelaySeconds: lb.consistencyDelaySeconds,
  };
}

function drawSeconds(rng: Rng, r: SecondsRange): number {
  return r.max > r.min ? rng.uniform(r.min, r.max) : r.min;
}
