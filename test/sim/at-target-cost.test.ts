/**
 * The at-target reference: each minute exactly the nodes the minute's peak demand needs at the configured targets,
 * within the bounds. Checked on inline traffic whose answer can be worked out by hand (8000 req/s per node, CPU target
 * 70 % → 5600 req/s per node at the target).
 */
import { describe, expect, it } from "vitest";
import { atTargetInstanceHours } from "../../sim/at-target-cost.ts";
import { createPolicy } from "../../sim/policies/index.ts";
import { runScenario } from "../../sim/run.ts";
import { validateScenario } from "../../sim/scenario/load.ts";
import { loadTraffic } from "../../sim/traffic/load.ts";
import { SimWorld } from "../../sim/world.ts";

function scenario(points: number[], stepSeconds: number, maxNodes = 20) {
  return validateScenario(
    {
      name: "at-target",
      seed: 3,
      traffic: { source: "inline", resolutionSeconds: stepSeconds, points },
      cluster: {
        name: "edge",
        autoScalingGroupName: "dp-edge-asg",
        targetGroupArns: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp-edge/0123456789abcdef"],
        minNodes: 2,
        maxNodes,
      },
      nodes: { instanceType: "c6i.xlarge", capacityRps: 8000 },
    },
    "at-target-cost.test",
  );
}

function hoursOf(points: number[], stepSeconds: number, maxNodes?: number): number {
  const s = scenario(points, stepSeconds, maxNodes);
  return atTargetInstanceHours(new SimWorld(s, loadTraffic(s.traffic, s.seed), createPolicy("static")));
}

describe("atTargetInstanceHours", () => {
  it("sizes each minute for its demand at the CPU target, never below minNodes", () => {
    // 30 min at 1000 req/s (needs 1 → the floor, 2), 30 min at 40,000 (40,000 / 5,600 = 7.1 → 8): 1 h + 4 h.
    const points = [...Array(30).fill(1000), ...Array(30).fill(40_000)];
    expect(hoursOf(points, 60)).toBeCloseTo(5, 9);
  });

  it("sizes a minute of per-second traffic for its busiest second", () => {
    // One second at 56,000 req/s (10 nodes) in a minute otherwise at 1000: the whole minute costs 10 nodes.
    const points = [...Array(59).fill(1000), 56_000, ...Array(60).fill(1000)];
    expect(hoursOf(points, 1)).toBeCloseTo((10 + 2) / 60, 9);
  });

  it("stops at maxNodes", () => {
    expect(hoursOf(Array(60).fill(200_000), 60, 12)).toBeCloseTo(12, 9);
  });

  it("is in every run's result, the same under every policy", async () => {
    const s = scenario([...Array(20).fill(8000), ...Array(20).fill(30_000)], 60);
    const [ours, tt] = await Promise.all([runScenario(s, "ours"), runScenario(s, "target-tracking")]);
    // 20 min × 2 nodes + 20 min × ceil(30,000 / 5,600) = 6 nodes.
    expect(ours.reference.atTargetInstanceHours).toBeCloseTo((20 * 2 + 20 * 6) / 60, 3);
    expect(tt.reference).toEqual(ours.reference);
  });
});
