/**
 * `oracle`: the physical limit on cost without overload. It knows the whole future demand and the node model, and
 * obeys every delay: it raises the desired size a full lead time ahead (group reaction, boot and sync at p99, load
 * balancer registration at its maximum — `lead-time.ts`), keeping at every instant the least size that meets the SLO
 * (the whole demand served, the p95 of the gateway's queues within it: `model/slo-capacity.ts`) for the highest demand
 * of the coming lead time; past an
 * upstream's capacity, the fewest nodes that get the most requests answered (more would only deepen its collapse).
 * It foresees control-plane outages too: a node asked for less than a lead time before an outage, or during one,
 * cannot start until the CP is back, so from a lead time before an outage it holds what the demand needs until a lead
 * time after the outage ends (`coverUntil`).
 *
 * Its nodes go through lifecycle hooks like ours, finished by an ideal controller inside the simulator: a node is
 * registered the second it answers ready, and deregistered and drained before it terminates; a node it knows will
 * never be ready is abandoned at once.
 */
import type { LifecycleHook } from "../../shared/ports/fleet.ts";
import type { ActiveAction } from "../cloud/auto-scaling-group.ts";
import { leastNodesMeetingSlo } from "../model/slo-capacity.ts";
import { upstreamOutcome } from "../model/upstream.ts";
import type { PolicySetup, SimPolicy, SimWorld } from "../world.ts";
import { oracleLeadSeconds } from "./lead-time.ts";

const LAUNCH_HOOK: LifecycleHook = {
  name: "oracle-launch",
  transition: "launching",
  heartbeatTimeoutSeconds: 7200,
  defaultResult: "ABANDON",
};
const TERMINATE_HOOK: LifecycleHook = {
  name: "oracle-terminate",
  transition: "terminating",
  heartbeatTimeoutSeconds: 7200,
  defaultResult: "CONTINUE",
};
const POLL_MS = 1000;
const MINUTE_MS = 60_000;

export function oraclePolicy(): SimPolicy {
  let stopped = false;
  let needs: Int32Array = new Int32Array(0);
  let leadMs = 0;

  /** Nodes needed at traffic step `i` (no look-ahead): the fewest that answer the most requests. */
  const computeNeeds = (world: SimWorld): Int32Array => {
    const rps = world.traffic.rps;
    const out = new Int32Array(rps.length);
    const cap = world.nodeCapacityRps;
    const upstream = world.scenario.upstream;
    for (let i = 0; i < rps.length; i++) {
      const demand = rps[i]!;
      const all = leastNodesMeetingSlo(demand, cap, world.scenario.nodes, upstream, world.scenario.slo);
      if (!upstream || demand <= upstream.capacityRps) {
        out[i] = all;
        continue;
      }
      // Past the upstream's capacity more gateway capacity lets more load in and lowers what is answered.
      let best = 0;
      let bestGoodput = -1;
      for (let n = 1; n <= all; n++) {
        const goodput = upstreamOutcome(upstream, Math.min(demand, n * cap)).goodputRps;
        if (goodput > bestGoodput * (1 + 1e-6)) {
          best = n;
          bestGoodput = goodput;
        }
      }
      out[i] = best;
    }
    return out;
  };

  /** The largest need over [t, coverUntil(t)]. */
  const needAhead = (world: SimWorld, t: number): number => {
    const step = world.traffic.stepSeconds * 1000;
    const first = Math.max(0, Math.floor((t - world.originMs) / step));
    const last = Math.min(needs.length - 1, Math.floor((coverUntil(world, t) - world.originMs) / step));
    let n = 0;
    for (let i = first; i <= last; i++) if (needs[i]! > n) n = needs[i]!;
    if (last < first && needs.length > 0) n = needs[Math.min(needs.length - 1, first)]!;
    return n;
  };

  /**
   * Until when the nodes there at `t` must serve: a lead time ahead — or, when a node asked for now would need the CP
   * during an outage (the outage starts within a lead time, or is on), a lead time past the outage's end.
   */
  const coverUntil = (world: SimWorld, t: number): number => {
    // An outage that starts before the nodes the first one waits for can serve delays them again: repeat until stable.
    let until = t + leadMs;
    for (let changed = true; changed; ) {
      changed = false;
      for (const o of world.scenario.controlPlane.outages) {
        const from = world.originMs + o.atMinute * MINUTE_MS;
        const to = from + o.durationMinutes * MINUTE_MS;
        if (until >= from && t < to && to + leadMs > until) {
          until = to + leadMs;
          changed = true;
        }
      }
    }
    return until;
  };

  const finishLaunch = (world: SimWorld, action: ActiveAction): void => {
    const member = world.asg.members.get(action.instanceId);
    if (!member || member.action !== action) return;
    const node = member.instance.node;
    if (node.traits.neverReady || node.traits.bootMs === undefined) {
      world.asg.complete(action.hook.name, action.instanceId, action.token, "ABANDON");
      return;
    }
    if (!node.readyNow || member.instance.state !== "running") {
      world.clock.after(POLL_MS, () => finishLaunch(world, action));
      return;
    }
    for (const g of world.lb.groups.values()) g.register(member.instance);
    world.asg.complete(action.hook.name, action.instanceId, action.token, "CONTINUE");
  };

  const finishTermination = (world: SimWorld, action: ActiveAction): void => {
    const member = world.asg.members.get(action.instanceId);
    if (!member || member.action !== action) return;
    for (const g of world.lb.groups.values()) g.deregister(action.instanceId);
    const wait = (): void => {
      if (member.action !== action) return;
      if (world.lb.isDrainingAnywhere(action.instanceId)) world.clock.after(POLL_MS, wait);
      else world.asg.complete(action.hook.name, action.instanceId, action.token, "CONTINUE");
    };
    wait();
  };

  return {
    name: "oracle",
    setup(world: SimWorld): PolicySetup {
      needs = computeNeeds(world);
      leadMs = oracleLeadSeconds(world.scenario) * 1000;
      return {
        hooks: [LAUNCH_HOOK, TERMINATE_HOOK],
        attachTargetGroups: false,
        maxSize: world.ceiling,
        initialNodes: world.clampToBounds(needAhead(world, world.originMs)),
      };
    },
    start(world: SimWorld) {
      world.asg.listen({
        actionStarted: (action, transition) =>
          transition === "launching" ? finishLaunch(world, action) : finishTermination(world, action),
      });
      const decide = (): void => {
        if (stopped) return;
        const want = world.clampToBounds(needAhead(world, world.clock.now()));
        if (want !== world.asg.desired) {
          const from = world.asg.desired;
          world.asg.setDesired(want, "oracle");
          world.recorder.event(
            world.clock.now(),
            "decision",
            `oracle: ${want > from ? "scale-out" : "scale-in"} ${from} → ${want} — the demand of the next ${Math.round(leadMs / 1000)} s needs ${want}`,
          );
        }
        world.clock.after(world.tickMs, decide);
      };
      world.clock.at(world.warmupStartMs, decide);
    },
    stop() {
      stopped = true;
    },
    busy: () => false,
  };
}
