import { describe, expect, it } from "vitest";
import type { Decision, GuardrailFiring } from "../../../shared/domain/decision.ts";
import { decisionNotifications } from "../../../shared/services/scaler/notify-decision.ts";
import { decisionMetrics } from "../../../shared/services/scaler/own-metrics.ts";

function decision(over: Partial<Decision>): Decision {
  return {
    cluster: "prod",
    at: 1000,
    action: "hold",
    currentDesired: 4,
    desired: 4,
    recommended: 4,
    reasons: [],
    guardrails: [],
    summary: "prod: hold at 4",
    ...over,
  };
}
const firing = (
  name: GuardrailFiring["name"],
  from: number,
  to: number,
  effect: GuardrailFiring["effect"] = "blocked",
) => ({
  name,
  effect,
  from,
  to,
  detail: `${name} ${from} → ${to}`,
});

describe("decisionNotifications", () => {
  it("announces an applied change, not one that contention stopped", () => {
    const d = decision({ action: "scale-out", desired: 6, recommended: 6 });
    expect(decisionNotifications(d, "set", "r-1").map((e) => [e.kind, e.requestId])).toEqual([
      ["scale-decided", "r-1"],
    ]);
    expect(decisionNotifications(d, "contention")).toEqual([]);
  });

  it("announces each guardrail that blocked a scale-out, and not one that blocked a scale-in", () => {
    const blockedOut = decision({ recommended: 7, guardrails: [firing("bandwidth-ceiling", 7, 4)] });
    expect(decisionNotifications(blockedOut, "unchanged")).toEqual([
      expect.objectContaining({
        kind: "scale-blocked",
        guardrail: expect.objectContaining({ name: "bandwidth-ceiling" }),
      }),
    ]);
    const blockedIn = decision({ recommended: 2, guardrails: [firing("missing-data", 3, 4)] });
    expect(decisionNotifications(blockedIn, "unchanged")).toEqual([]);
    const capped = decision({
      action: "scale-out",
      desired: 8,
      recommended: 12,
      guardrails: [firing("step-limit", 12, 8, "capped")],
    });
    expect(decisionNotifications(capped, "set").map((e) => e.kind)).toEqual(["scale-decided"]);
  });
});

describe("decisionMetrics", () => {
  it("records the pre-guardrail recommendation and the size the group really has", () => {
    const d = decision({
      action: "scale-out",
      desired: 6,
      recommended: 9,
      guardrails: [firing("control-plane-capacity", 9, 6, "capped")],
    });
    const byName = (applied: "set" | "contention") =>
      Object.fromEntries(decisionMetrics(d, applied).map((m) => [m.name, m.value]));
    expect(byName("set")).toMatchObject({
      RecommendedCapacity: 9,
      DesiredCapacity: 6,
      ScaleOut: 1,
      CapacityChanges: 1,
    });
    expect(byName("contention")).toMatchObject({ DesiredCapacity: 4, CapacityChanges: 0, ScalingContention: 1 });
    expect(byName("set")["GuardrailBlocks.control-plane-capacity"]).toBeUndefined();
  });

  it("records the nodes in service when given (the observer reads them back per datapoint)", () => {
    const d = decision({});
    const names = (inService?: number) => decisionMetrics(d, "unchanged", { inService }).map((m) => [m.name, m.value]);
    expect(names(3)).toContainEqual(["InServiceNodes", 3]);
    expect(names().map(([n]) => n)).not.toContain("InServiceNodes");
  });

  it("records the breaker's state, and each fresh signal's per-node value and target, for the dashboard", () => {
    const d = decision({
      reasons: [
        { signal: "cpu", unit: "%", value: 84.2, target: 70, proposal: 5, note: "" },
        { signal: "bandwidth", unit: "%", value: null, target: 60, proposal: null, note: "no fresh data" },
      ],
    });
    const values = (breakerOpen?: boolean) =>
      Object.fromEntries(decisionMetrics(d, "unchanged", { breakerOpen }).map((m) => [m.name, m.value]));
    expect(values(true)).toMatchObject({ BreakerOpen: 1, "SignalValue.cpu": 84.2, "SignalTarget.cpu": 70 });
    expect(values(false).BreakerOpen).toBe(0);
    expect(values()).not.toHaveProperty("BreakerOpen");
    expect(values()).not.toHaveProperty("SignalValue.bandwidth");
  });
});
