/**
 * `hpa`: the Kubernetes Horizontal Pod Autoscaler's algorithm with its default behaviour, driving the group's desired
 * size, every `syncPeriodSeconds` (15 s), from the same one-minute CloudWatch datapoints as ours (the newest readable
 * minute). A node plays a pod: pending until InService, started at its launch, ready while healthy in a target group
 * (the load balancer's health check plays the readiness probe; a change is seen at the next sync).
 * - per metric (CPU % and bandwidth % of baseline against the cluster's targets), the replica calculation of
 *   `replica_calculator.go` (`hpa-replicas.ts`): CPU samples of pods that only just became ready are ignored
 *   (cpu-initialization-period 5 min, initial-readiness-delay 30 s), unready and missing pods are counted the way the
 *   controller counts them; the largest recommendation wins;
 * - scale-down stabilisation 300 s (the highest recommendation of the window wins);
 * - scale-up at most max(4 nodes, 100 %) per period.
 * Registration is ASG-native.
 */
import type { PolicySetup, SimPolicy, SimWorld } from "../world.ts";
import { type PodView, replicasFor } from "./hpa-replicas.ts";
import { fleetMetrics, nodeValue } from "./native-signals.ts";

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
      /** Each pod's Ready condition and its last transition, as the controller reads it. */
      const readiness = new Map<string, { ready: boolean; since: number }>();
      for (const m of world.asg.members.values())
        readiness.set(m.instance.instanceId, { ready: true, since: Number.NEGATIVE_INFINITY });
      world.asg.listen({ terminated: (i) => readiness.delete(i.instanceId) });
      const sync = (): void => {
        if (stopped) return;
        const now = world.clock.now();
        world.clock.after(periodMs, sync);
        const sample = [...world.samples].reverse().find((s) => s.publishAt <= now && s.published);
        if (!sample) return;
        const current = world.asg.desired;
        const active = world.asg.activeMembers();
        const pods: { id: string; pending: boolean; startMs: number; ready: boolean; since: number }[] = [];
        let readyCount = 0;
        for (const m of active) {
          const id = m.instance.instanceId;
          const pending = m.lifecycleState !== "InService";
          const ready = !pending && world.lb.isHealthyAnywhere(id);
          let cond = readiness.get(id);
          if (!cond) {
            cond = { ready, since: m.instance.launchTime };
            readiness.set(id, cond);
          } else if (cond.ready !== ready) {
            cond.ready = ready;
            cond.since = now;
          }
          if (ready) readyCount++;
          pods.push({ id, pending, startMs: m.instance.launchTime, ready, since: cond.since });
        }
        let recommended = -1;
        for (const metric of metrics) {
          const views: PodView[] = pods.map((p) => {
            const s = sample.perInstance.get(p.id);
            return {
              pending: p.pending,
              startMs: p.startMs,
              ready: p.ready,
              lastTransitionMs: p.since,
              value: s ? nodeValue(world, s, metric) : undefined,
              sampleStartMs: sample.startMs,
            };
          });
          const n = replicasFor(views, metric.target, metric.id === "cpu", current, now);
          if (n !== undefined) recommended = Math.max(recommended, n);
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
            `hpa: ${want > current ? "scale-out" : "scale-in"} ${current} → ${want} — recommended ${recommended} from ${readyCount} ready of ${active.length}`,
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
