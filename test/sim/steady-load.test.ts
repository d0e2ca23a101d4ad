/**
 * Constant traffic must give a constant fleet. The look-ahead once trended the per-node CPU: removing a node raised
 * the others' CPU, which looked like rising load (scale out), then falling (scale in) — a ~12-minute cycle at constant
 * load. It now trends the cluster load (per-node value × the nodes it was measured on), which a resize does not move.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../sim/run.ts";
import { validateScenario } from "../../sim/scenario/load.ts";

const MINUTE = 60_000;

function steady(rps: number) {
  return validateScenario(
    {
      name: `steady-${rps}`,
      seed: 11,
      traffic: { source: "synthetic", shape: "constant", rps, durationMinutes: 360 },
      cluster: {
        name: "edge",
        autoScalingGroupName: "dp-edge-asg",
        targetGroupArns: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp-edge/0123456789abcdef"],
        minNodes: 2,
        maxNodes: 20,
      },
    },
    "steady-load.test",
  );
}

describe("ours at constant load", () => {
  it.each([20_000, 33_000])("%i req/s: at most 2 scale actions after the first hour, no overload", async (rps) => {
    const run = await runScenario(steady(rps), "ours");
    const settled = run.startMs + 60 * MINUTE;
    const actions = run.events.filter(
      (e) => e.kind === "decision" && e.t >= settled && /: scale-(out|in) /.test(e.text) && /\(set\)/.test(e.text),
    );
    expect(actions.length, actions.map((e) => e.text).join("\n")).toBeLessThanOrEqual(2);
    expect(run.summary.overloadMinutes).toBe(0);
    expect(run.invariantViolations).toEqual([]);
  });
});
