/**
 * The SLO decides an overloaded minute, latency included: a fixed fleet that serves every request at 99.99 % of its
 * capacity queues for seconds (M/M/c, `sim/model/queueing.ts`), so each of its minutes breaks a 500 ms p95; the same
 * fleet at 90 % does not. (With the old curve — utilisation capped at 0.97 — both fleets looked healthy.)
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../sim/run.ts";
import { validateScenario } from "../../sim/scenario/load.ts";

function fixedFleet(utilisation: number) {
  return validateScenario(
    {
      name: "fixed-fleet",
      warmupMinutes: 5,
      traffic: { source: "synthetic", shape: "constant", rps: 4 * 8000 * utilisation, durationMinutes: 30 },
      cluster: {
        name: "edge",
        autoScalingGroupName: "dp-edge-asg",
        targetGroupArns: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp-edge/0123456789abcdef"],
        minNodes: 4,
        maxNodes: 4,
      },
      nodes: { capacityRps: 8000, workers: 4, gatewayLatencyMs: 1 },
      slo: { latencyP95Ms: 500, maxUnservedPct: 0.1 },
      policies: { static: { nodes: 4 } },
    },
    "slo-latency.test",
  );
}

describe("an overloaded minute is one that breaks the SLO", () => {
  it("a fleet at 99.99 % drops nothing and still breaks the p95 every minute", async () => {
    const run = await runScenario(fixedFleet(0.9999), "static");
    expect(run.summary.unservedRequestsPct).toBe(0);
    expect(run.summary.overloadMinutes).toBe(30);
    expect(Math.min(...run.timeline.map((p) => p.latencyMs))).toBeGreaterThan(500);
  });

  it("the same fleet at 90 % queues for a few milliseconds and meets it", async () => {
    const run = await runScenario(fixedFleet(0.9), "static");
    expect(run.summary.overloadMinutes).toBe(0);
    expect(Math.max(...run.timeline.map((p) => p.latencyMs))).toBeLessThan(10);
  });
});
