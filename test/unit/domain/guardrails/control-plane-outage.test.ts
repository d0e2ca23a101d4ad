import { describe, expect, it } from "vitest";
import { controlPlaneOutage } from "../../../../shared/domain/guardrails/control-plane-outage.ts";
import { NOW, observation, ruleContext } from "../builders.ts";

describe("control-plane-outage guardrail", () => {
  it.each([
    { name: "breaker closed: silent", open: false, desired: 6, to: null },
    { name: "breaker open freezes a scale-out", open: true, desired: 6, to: 4 },
    { name: "breaker open freezes a scale-in", open: true, desired: 2, to: 4 },
    { name: "breaker open is listed on a hold", open: true, desired: 4, to: 4 },
  ])("$name", ({ open, desired, to }) => {
    const obs = observation({ desired: 4, breaker: { open, abandons: [NOW - 3000, NOW - 2000, NOW - 1000] } });
    const f = controlPlaneOutage(ruleContext({ current: 4, obs }), desired);
    if (to === null) return expect(f).toBeNull();
    expect(f).toMatchObject({ name: "control-plane-outage", effect: "blocked", from: desired, to });
  });

  it("names the abandons and the last reason", () => {
    const obs = observation({
      breaker: { open: true, abandons: [1, 2, 3], openedAt: NOW, lastReason: "dp_manager unavailable" },
    });
    expect(controlPlaneOutage(ruleContext({ obs }), 6)?.detail).toBe(
      "control-plane breaker open since 2025-06-02T14:05:00.000Z (3 launches abandoned; last: dp_manager unavailable): no scale-out or scale-in, the size stays at 4 (signals ask for 6)",
    );
  });
});
