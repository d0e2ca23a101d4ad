import { describe, expect, it } from "vitest";
import { upstreamLatency } from "../../../../shared/domain/guardrails/upstream-latency.ts";
import { cluster, observation, points, ruleContext } from "../builders.ts";

const metric = { namespace: "APISIX", metricName: "latency" };
const configured = cluster({
  guardrails: {
    upstreamLatency: {
      upstream: metric,
      gateway: metric,
      upstreamThresholdMs: 500,
      gatewayThresholdMs: 50,
      bothHighMaxStepNodes: 1,
    },
  },
});

describe("upstream-latency guardrail", () => {
  it.each([
    { name: "not configured: silent", c: cluster(), up: [900], gw: [10], desired: 7, to: null, effect: "" },
    { name: "both fine: silent", c: configured, up: [200], gw: [10], desired: 7, to: null, effect: "" },
    { name: "upstream at threshold: silent", c: configured, up: [500], gw: [10], desired: 7, to: null, effect: "" },
    {
      name: "upstream high, gateway fine: blocked",
      c: configured,
      up: [900],
      gw: [50],
      desired: 7,
      to: 4,
      effect: "blocked",
    },
    { name: "both high: capped to +1", c: configured, up: [900], gw: [80], desired: 7, to: 5, effect: "capped" },
    { name: "both high, small step: silent", c: configured, up: [900], gw: [80], desired: 5, to: null, effect: "" },
    { name: "gateway high only: silent", c: configured, up: [100], gw: [80], desired: 7, to: null, effect: "" },
    { name: "scale-in: silent", c: configured, up: [900], gw: [10], desired: 3, to: null, effect: "" },
    { name: "upstream missing: does not fire", c: configured, up: [], gw: [10], desired: 7, to: null, effect: "" },
    { name: "gateway missing: does not fire", c: configured, up: [900], gw: [], desired: 7, to: null, effect: "" },
    { name: "the newest point counts", c: configured, up: [900, 100], gw: [10, 10], desired: 7, to: null, effect: "" },
  ])("$name", ({ c, up, gw, desired, to, effect }) => {
    const obs = observation({ guardrailInputs: { upstreamLatencyMs: points(up), gatewayLatencyMs: points(gw) } });
    const f = upstreamLatency(ruleContext({ cluster: c, obs, current: 4 }), desired);
    if (to === null) return expect(f).toBeNull();
    expect(f).toMatchObject({ name: "upstream-latency", effect, from: desired, to });
  });

  it("does not fire on stale latency", () => {
    const obs = observation({
      guardrailInputs: { upstreamLatencyMs: points([900], { newestAgeS: 900 }), gatewayLatencyMs: points([10]) },
    });
    expect(upstreamLatency(ruleContext({ cluster: configured, obs }), 7)).toBeNull();
  });

  it("gives the numbers", () => {
    const obs = observation({ guardrailInputs: { upstreamLatencyMs: points([900]), gatewayLatencyMs: points([12]) } });
    expect(upstreamLatency(ruleContext({ cluster: configured, obs }), 7)?.detail).toBe(
      "upstream latency 900 ms > 500 ms while gateway latency 12 ms ≤ 50 ms: the upstream is the bottleneck, scale-out 7 → 4 blocked",
    );
  });
});
