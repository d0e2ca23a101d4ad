/**
 * `target-tracking`: EC2 Auto Scaling target tracking as documented and observed (`docs/reference/aws.md`), one
 * policy per signal the cluster configures (CPU at its target; NetworkOut at the bandwidth target × the baseline —
 * AWS's predefined ASGAverageNetworkOut), each with its two alarms on one-minute datapoints of the warmed nodes:
 * - high: metric > target for 3 of 3 datapoints → capacity ceil(n × metric / target) (n: the nodes measured),
 *   applied when above the desired size (warming nodes already count in it); re-applied every minute in ALARM;
 * - low: metric < 0.7 × target for 15 of 15 → the same formula, applied only when every policy's low alarm is in
 *   ALARM (scale in only if all agree), never while a node warms up (default warm-up 300 s), and gradually: one
 *   action removes at most `scaleInStepPercent` (10 %) of the capacity — an assumption, AWS publishes no rule.
 * Scale out if any policy wants it, to the largest proposal. Nodes are registered by the ASG itself at the end of
 * launch (target groups attached to the group): no readiness wait, the load balancer's health check decides.
 */
import type { PolicySetup, SimPolicy, SimWorld } from "../world.ts";
import { type FleetMetric, fleetMetrics, measure, ServiceTracker, StreamAlarm } from "./native-signals.ts";

interface Tracked {
  metric: FleetMetric;
  high: StreamAlarm;
  low: StreamAlarm;
  last?: { value: number; nodes: number };
}

export function targetTrackingPolicy(): SimPolicy {
  let stopped = false;
  return {
    name: "target-tracking",
    setup: (world: SimWorld): PolicySetup => ({ hooks: [], attachTargetGroups: true, maxSize: world.ceiling }),
    start(world: SimWorld) {
      startTargetTracking(world, { stopped: () => stopped });
    },
    stop() {
      stopped = true;
    },
    busy: () => false,
  };
}

export interface TargetTrackingOptions {
  stopped: () => boolean;
  /**
   * The least capacity another policy of the group requires now (predictive scaling's forecast for the hour): AWS
   * sets the group to the largest of the policies' capacities, so target tracking never scales in below it.
   */
  floor?: () => number;
  /** Who the decisions are attributed to. */
  label?: string;
}

/** Target tracking's alarms and actions on `world`'s group (also the dynamic half of `predictive`). */
export function startTargetTracking(world: SimWorld, options: TargetTrackingOptions): void {
  const label = options.label ?? "target-tracking";
  const params = world.scenario.policies.targetTracking;
  const warmupMs = params.warmupSeconds * 1000;
  const tracker = new ServiceTracker(world);
  const tracked: Tracked[] = fleetMetrics(world).map((metric) => ({
    metric,
    high: new StreamAlarm(3, 3, (v) => v > metric.target),
    low: new StreamAlarm(15, 15, (v) => v < params.lowThresholdFactor * metric.target),
  }));
  world.onMinutePublished((sample) => {
    if (options.stopped()) return;
    const now = world.clock.now();
    for (const t of tracked) {
      const m = measure(world, sample, t.metric, (id) => tracker.warmed(id, sample.startMs, warmupMs));
      t.last = m;
      t.high.push(m?.value);
      t.low.push(m?.value);
    }
    const desired = world.asg.desired;
    const proposal = (t: Tracked) => (t.last ? Math.ceil((t.last.nodes * t.last.value) / t.metric.target - 1e-9) : 0);
    const out = tracked.filter((t) => t.high.state === "ALARM" && t.last);
    if (out.length > 0) {
      const want = world.clampToBounds(Math.max(...out.map(proposal)));
      if (want > desired) {
        world.asg.setDesired(want, label);
        world.recorder.event(now, "decision", `${label}: scale-out ${desired} → ${want} — ${describe(out)}`);
      }
      return;
    }
    const allLow = tracked.length > 0 && tracked.every((t) => t.low.state === "ALARM" && t.last);
    if (!allLow || tracker.warming(now, warmupMs) > 0) return;
    const floor = options.floor?.() ?? 0;
    const want = world.clampToBounds(
      Math.max(...tracked.map(proposal), gradualScaleInFloor(desired, params.scaleInStepPercent), floor),
    );
    if (want < desired) {
      world.asg.setDesired(want, label);
      world.recorder.event(now, "decision", `${label}: scale-in ${desired} → ${want} — ${describe(tracked)}`);
    }
  });
}

/**
 * The least capacity one scale-in action may leave: AWS documents only that target tracking "scales in more
 * gradually" than it scales out, so the simulator assumes one action removes at most `stepPercent` % of the desired
 * capacity (rounded down, at least one instance); the next can follow a minute later if every low alarm still agrees.
 */
export function gradualScaleInFloor(desired: number, stepPercent: number): number {
  return desired - Math.max(1, Math.floor((desired * stepPercent) / 100 + 1e-9));
}

function describe(ts: Tracked[]): string {
  return ts
    .map(
      (t) =>
        `${t.metric.id} ${t.last ? t.last.value.toFixed(1) : "?"} % vs ${t.metric.target} % on ${t.last?.nodes ?? 0} nodes`,
    )
    .join("; ");
}
