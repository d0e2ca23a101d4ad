/**
 * `step`: a reasonable EC2 step-scaling setup, per configured signal (CPU; NetworkOut as % of the baseline), on the
 * warmed nodes' one-minute datapoints:
 * - high alarm: metric > target for 2 of 2 → add, by how far above the target (relative to it): < 15 % → +10 %,
 *   < 30 % → +30 %, beyond → +50 % of the measured nodes, at least 1, 2, 3 nodes; applied to the warmed capacity and
 *   only when that exceeds the desired size (warming capacity counts, as AWS's step warm-up does); every minute in
 *   ALARM;
 * - low alarm: metric < 0.6 × target for 10 of 10 → −10 % (at least 1), only when every signal's low alarm agrees and
 *   no node warms up (warm-up 300 s).
 * Registration is ASG-native, as for target tracking.
 */
import type { PolicySetup, SimPolicy, SimWorld } from "../world.ts";
import { type FleetMetric, fleetMetrics, measure, ServiceTracker, StreamAlarm } from "./native-signals.ts";

const STEPS = [
  { below: 0.15, percent: 10, minNodes: 1 },
  { below: 0.3, percent: 30, minNodes: 2 },
  { below: Number.POSITIVE_INFINITY, percent: 50, minNodes: 3 },
];
const LOW_FACTOR = 0.6;
const SCALE_IN_PERCENT = 10;

interface Stepped {
  metric: FleetMetric;
  high: StreamAlarm;
  low: StreamAlarm;
  last?: { value: number; nodes: number };
}

export function stepPolicy(): SimPolicy {
  let stopped = false;
  return {
    name: "step",
    setup: (world: SimWorld): PolicySetup => ({ hooks: [], attachTargetGroups: true, maxSize: world.ceiling }),
    start(world: SimWorld) {
      const warmupMs = world.scenario.policies.step.warmupSeconds * 1000;
      const tracker = new ServiceTracker(world);
      const stepped: Stepped[] = fleetMetrics(world).map((metric) => ({
        metric,
        high: new StreamAlarm(2, 2, (v) => v > metric.target),
        low: new StreamAlarm(10, 10, (v) => v < LOW_FACTOR * metric.target),
      }));
      world.onMinutePublished((sample) => {
        if (stopped) return;
        const now = world.clock.now();
        for (const s of stepped) {
          s.last = measure(world, sample, s.metric, (id) => tracker.warmed(id, sample.startMs, warmupMs));
          s.high.push(s.last?.value);
          s.low.push(s.last?.value);
        }
        const desired = world.asg.desired;
        const high = stepped.filter((s) => s.high.state === "ALARM" && s.last);
        if (high.length > 0) {
          const proposals = high.map((s) => {
            const { value, nodes } = s.last!;
            const breach = value / s.metric.target - 1;
            const step = STEPS.find((x) => breach < x.below)!;
            return nodes + Math.max(step.minNodes, Math.ceil((nodes * step.percent) / 100));
          });
          const want = world.clampToBounds(Math.max(...proposals));
          if (want > desired) {
            world.asg.setDesired(want, "step");
            world.recorder.event(now, "decision", `step: scale-out ${desired} → ${want} — ${describe(high)}`);
          }
          return;
        }
        const allLow = stepped.length > 0 && stepped.every((s) => s.low.state === "ALARM");
        if (!allLow || tracker.warming(now, warmupMs) > 0) return;
        const want = world.clampToBounds(desired - Math.max(1, Math.floor((desired * SCALE_IN_PERCENT) / 100)));
        if (want < desired) {
          world.asg.setDesired(want, "step");
          world.recorder.event(now, "decision", `step: scale-in ${desired} → ${want} — ${describe(stepped)}`);
        }
      });
    },
    stop() {
      stopped = true;
    },
    busy: () => false,
  };
}

function describe(ss: Stepped[]): string {
  return ss.map((s) => `${s.metric.id} ${s.last ? s.last.value.toFixed(1) : "?"} % vs ${s.metric.target} %`).join("; ");
}
