import { describe, expect, it } from "vitest";
import { maxNodes } from "../../../../shared/domain/guardrails/max-nodes.ts";
import { cluster, observation, ruleContext } from "../builders.ts";

describe("max-nodes guardrail", () => {
  it.each([
    { name: "below the ceiling: silent", max: 10, asgMax: 1000, current: 4, desired: 8, to: null, effect: "" },
    { name: "at the ceiling: silent", max: 10, asgMax: 1000, current: 4, desired: 10, to: null, effect: "" },
    { name: "above the ceiling: capped", max: 10, asgMax: 1000, current: 4, desired: 12, to: 10, effect: "capped" },
    {
      name: "at the ceiling already: blocked",
      max: 10,
      asgMax: 1000,
      current: 10,
      desired: 12,
      to: 10,
      effect: "blocked",
    },
    {
      name: "group above a lowered ceiling: down at once",
      max: 6,
      asgMax: 1000,
      current: 10,
      desired: 10,
      to: 6,
      effect: "capped",
    },
    { name: "the ASG's own maximum counts", max: 10, asgMax: 8, current: 4, desired: 9, to: 8, effect: "capped" },
  ])("$name", ({ max, asgMax, current, desired, to, effect }) => {
    const obs = observation({ desired: current });
    obs.group.max = asgMax;
    const f = maxNodes(ruleContext({ cluster: cluster({ maxNodes: max }), obs, current }), desired);
    if (to === null) return expect(f).toBeNull();
    expect(f).toMatchObject({ name: "max-nodes", effect, from: desired, to });
  });

  it("names the bound that applied", () => {
    expect(maxNodes(ruleContext({ cluster: cluster({ maxNodes: 10 }) }), 12)?.detail).toBe(
      "never more than maxNodes 10: 12 → 10",
    );
  });
});
