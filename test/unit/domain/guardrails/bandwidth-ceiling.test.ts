import { describe, expect, it } from "vitest";
import { bandwidthCeiling } from "../../../../shared/domain/guardrails/bandwidth-ceiling.ts";
import { cluster, observation, points, ruleContext } from "../builders.ts";

const withCeiling = cluster({ guardrails: { bandwidthCeiling: { ceilingGbps: 10, thresholdPercent: 90 } } });

describe("bandwidth-ceiling guardrail", () => {
  it.each([
    { name: "not configured: silent", c: cluster(), gbps: [9.5], desired: 6, to: null },
    { name: "below the threshold: silent", c: withCeiling, gbps: [8.9], desired: 6, to: null },
    { name: "at the threshold blocks scale-out", c: withCeiling, gbps: [9], desired: 6, to: 4 },
    { name: "above the threshold blocks scale-out", c: withCeiling, gbps: [9.8], desired: 6, to: 4 },
    { name: "scale-in is not its business", c: withCeiling, gbps: [9.8], desired: 3, to: null },
    { name: "hold: silent", c: withCeiling, gbps: [9.8], desired: 4, to: null },
    { name: "no data: does not fire", c: withCeiling, gbps: [], desired: 6, to: null },
    { name: "the newest point counts", c: withCeiling, gbps: [9.8, 5], desired: 6, to: null },
  ])("$name", ({ c, gbps, desired, to }) => {
    const obs = observation({ guardrailInputs: { aggregateThroughputBps: points(gbps.map((g) => g * 1e9)) } });
    const f = bandwidthCeiling(ruleContext({ cluster: c, obs, current: 4 }), desired);
    if (to === null) return expect(f).toBeNull();
    expect(f).toMatchObject({ name: "bandwidth-ceiling", effect: "blocked", from: desired, to });
  });

  it("does not fire on stale throughput", () => {
    const obs = observation({ guardrailInputs: { aggregateThroughputBps: points([9.8e9], { newestAgeS: 600 }) } });
    expect(bandwidthCeiling(ruleContext({ cluster: withCeiling, obs }), 6)).toBeNull();
  });

  it("gives the numbers", () => {
    const obs = observation({ guardrailInputs: { aggregateThroughputBps: points([9.3e9]) } });
    expect(bandwidthCeiling(ruleContext({ cluster: withCeiling, obs }), 6)?.detail).toBe(
      "aggregate throughput 9.3 Gbps ≥ 90 % of the 10 Gbps shared ceiling: more nodes cannot help, scale-out 6 → 4 blocked",
    );
  });
});
