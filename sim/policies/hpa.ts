/**
 * `hpa`: the Kubernetes Horizontal Pod Autoscaler's algorithm (`replica_calculator.go`) with its default behaviour,
 * driving the group's desired size, every `syncPeriodSeconds` (15 s), from the same one-minute CloudWatch datapoints
 * as ours (the newest readable minute):
 * - ready nodes: in service and healthy in a target group (a pod's readiness); their per-node CPU % and bandwidth %
 *   of baseline against the cluster's targets; desired = ceil(ready × value / target) per metric, the largest wins;
 * - tolerance 0.1: a ratio within ±10 % of 1 changes nothing;
 * - not-ready nodes (launching, or not yet healthy) count as 0 % on scale-up and as 100 % of target on scale-down;
 *   if that flips the direction, nothing changes;
 * - scale-down stabilisation 300 s (the highest recommendation of the window wins);
 * - scale-up at most max(4 nodes, 100 %) per period.
 * Registration is ASG-native (the load balancer's health check plays the readiness probe).
 */
import type { PolicySetup, SimPolicy, SimWorld } from "../world.ts";
import { fleetMetrics, measure } from "./native-signals.ts";

const TOLERANCE = 0.1;
const STABILISATION_MS = 300_000;

export function hpaPolicy(): SimPolicy {
  let stopped = false;
  return {
    name: "hpa",
    setup: (world: SimWorld): PolicySetup => ({ hooks: [], attachTargetGroups: true, maxSize: world.ceiling }),
    start(world: SimWorld) {
      const periodMs = world.scenario.policies.hpa.syncPeriodSeconds * 1000;
      const metrics = fleetMetrics(world);
      const recommendations: { t: number; n: number }[] = [];
      const sync = (): void => {
        if (stopped) return;
        const now = world.clock.now();
        world.clock.after(periodMs, sync);
        const sample = [...world.samples].reverse().find((s) => s.publishAt <= now && s.published);
        if (!sample) return;
        const current = world.asg.desired;
        const active = world.asg.activeMembers();
        const ready = new Set(
          active
            .filter((m) => m.lifecycleState === "InService" && world.lb.isHealthyAnywhere(m.instance.instanceId))
            .map((m) => m.instance.instanceId),
        );
        const notReady = active.length - ready.size;
        let recommended = -1;
        for (const metric of metrics) {
          const m = measure(world, sample, metric, (id) => ready.has(id));
          if (!m) continue;
          const ratio = m.value / metric.target;
          if (Math.abs(ratio - 1) <= TOLERANCE) {
            recommended = Math.max(recommended, current);
            continue;
          }
          const sum = m.value * m.nodes;
          const pods = m.nodes + notReady;
          // Not-ready pods: 0 % when scaling up, 100 % of target when scaling down.
          const adjusted =
            ratio > 1 ? sum / (metric.target * pods) : (sum + notReady * metric.target) / (metric.target * pods);
          if ((ratio > 1 && adjusted <= 1) || (ratio < 1 && adjusted >= 1) || Math.abs(adjusted - 1) <= TOLERANCE) {
            recommended = Math.max(recommended, current);
            continue;
          }
          recommended = Math.max(recommended, Math.ceil(adjusted * pods - 1e-9));
        }
        if (recommended < 0) return;
        recommendations.push({ t: now, n: recommended });
        while (recommendations.length > 0 && recommendations[0]!.t < now - STABILISATION_MS) recommendations.shift();
        let want = recommended;
        if (want < current) want = Math.min(current, Math.max(...recommendations.map((r) => r.n)));
        if (want > current) want = Math.min(want, current + Math.max(4, current));
        want = world.clampToBounds(want);
        if (want !== current) {
          world.asg.setDesired(want, "hpa");
          world.recorder.event(
            now,
            "decision",
            `hpa: ${want > current ? "scale-out" : "scale-in"} ${current} → ${want} — recommended ${recommended} from ${ready.size} ready, ${notReady} not ready`,
          );
        }
      };
      world.clock.at(world.warmupStartMs + periodMs, sync);
    },
    stop() {
      stopped = true;
    },
    busy: () => false,
  };
}
