/**
 * The invariant checks themselves: each catches the broken rule it names. The `ours` world is built but its handlers
 * are not started; the test plays the broken autoscaler by changing the group directly.
 */
import { describe, expect, it } from "vitest";
import { BREAKER_TAG, encodeBreaker } from "../../shared/domain/tags.ts";
import { attachAccounting, staleSignals } from "../../sim/accounting.ts";
import { createPolicy } from "../../sim/policies/index.ts";
import { validateScenario } from "../../sim/scenario/load.ts";
import { loadTraffic } from "../../sim/traffic/load.ts";
import { SimWorld } from "../../sim/world.ts";

function world(faults: Record<string, unknown> = {}) {
  const scenario = validateScenario(
    {
      name: "checks",
      warmupMinutes: 0,
      initialNodes: 4,
      traffic: { source: "synthetic", shape: "constant", rps: 10_000, durationMinutes: 60 },
      cluster: {
        name: "edge",
        autoScalingGroupName: "dp-edge-asg",
        targetGroupArns: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef"],
        minNodes: 2,
        maxNodes: 10,
        controlPlane: { maxDataPlanes: 8 },
      },
      faults,
    },
    "test",
  );
  const w = new SimWorld(scenario, loadTraffic(scenario.traffic, 1), createPolicy("ours"));
  attachAccounting(w);
  return w;
}

async function minutes(w: SimWorld, n: number) {
  await w.clock.runUntil(w.clock.now() + n * 60_000);
}

describe("invariant checks", () => {
  it("flag a desired size above the CP's capacity", async () => {
    const w = world();
    w.asg.setDesired(9);
    expect(w.recorder.violations).toEqual([expect.stringMatching(/desired 9 outside \[2, 8\]/)]);
  });

  it("flag a scale-out while the CP-outage breaker is open", async () => {
    const w = world();
    w.asg.tags[BREAKER_TAG] = encodeBreaker({ open: true, abandons: [w.clock.now()], openedAt: w.clock.now() });
    w.asg.setDesired(5);
    expect(w.recorder.violations).toEqual([
      expect.stringMatching(/scale-out 4 → 5 while the CP-outage breaker is open/),
    ]);
  });

  it("flag a scale-in while a signal has no fresh datapoint, and only then", async () => {
    const w = world({ metricGaps: [{ atMinute: 10, durationMinutes: 30 }] });
    w.startWorld();
    await minutes(w, 9);
    expect(staleSignals(w)).toEqual([]);
    w.asg.setDesired(3);
    expect(w.recorder.violations).toEqual([]);
    await minutes(w, 20);
    expect(staleSignals(w)).toEqual(["cpu", "bandwidth"]);
    w.asg.setDesired(2);
    // (Nobody finishes the terminate hook of the first scale-in here, so that action times out too: also flagged.)
    expect(w.recorder.violations).toContainEqual(
      expect.stringMatching(/scale-in 3 → 2 while cpu, bandwidth had no fresh datapoint/),
    );
    expect(w.recorder.violations.filter((v) => v.includes("no fresh datapoint"))).toHaveLength(1);
  });

  it("flag a registration before the node answered ready", async () => {
    const w = world();
    const [group] = [...w.lb.groups.values()];
    const member = [...w.asg.members.values()][0]!;
    member.instance.node.firstReadyAt = undefined; // as if it had never answered ready
    group!.deregister(member.instance.instanceId);
    group!.register(member.instance);
    expect(w.recorder.violations).toEqual([expect.stringMatching(/registered before it answered ready/)]);
  });
});
