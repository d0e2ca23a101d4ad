import { describe, expect, it } from "vitest";
import { controlPlaneCapacity } from "../../../../shared/domain/guardrails/control-plane-capacity.ts";
import { cluster, ruleContext } from "../builders.ts";

describe("control-plane-capacity guardrail", () => {
  it.each([
    { name: "no CP limit: silent", cap: undefined, current: 4, desired: 40, to: null, effect: "" },
    { name: "within the CP's capacity: silent", cap: 8, current: 4, desired: 8, to: null, effect: "" },
    { name: "beyond it: capped", cap: 8, current: 4, desired: 11, to: 8, effect: "capped" },
    { name: "at it already: blocked", cap: 8, current: 8, desired: 11, to: 8, effect: "blocked" },
    { name: "above it (lowered): down to it", cap: 6, current: 8, desired: 8, to: 6, effect: "capped" },
  ])("$name", ({ cap, current, desired, to, effect }) => {
    const c = cluster({ controlPlane: cap === undefined ? {} : { maxDataPlanes: cap } });
    const f = controlPlaneCapacity(ruleContext({ cluster: c, current }), desired);
    if (to === null) return expect(f).toBeNull();
    expect(f).toMatchObject({ name: "control-plane-capacity", effect, from: desired, to });
  });

  it("gives the numbers", () => {
    const c = cluster({ controlPlane: { maxDataPlanes: 8 } });
    expect(controlPlaneCapacity(ruleContext({ cluster: c }), 11)?.detail).toBe(
      "the control plane serves at most 8 DP nodes: 11 → 8",
    );
  });
});
