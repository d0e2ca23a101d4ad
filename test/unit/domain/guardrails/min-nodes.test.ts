import { describe, expect, it } from "vitest";
import { minNodes } from "../../../../shared/domain/guardrails/min-nodes.ts";
import { cluster, observation, ruleContext } from "../builders.ts";

describe("min-nodes guardrail", () => {
  it.each([
    { name: "above the floor: silent", min: 2, asgMin: 0, current: 4, desired: 3, to: null, effect: "" },
    { name: "at the floor: silent", min: 2, asgMin: 0, current: 4, desired: 2, to: null, effect: "" },
    { name: "below the floor: raised", min: 2, asgMin: 0, current: 4, desired: 1, to: 2, effect: "capped" },
    {
      name: "scale-in below the floor from it: blocked",
      min: 2,
      asgMin: 0,
      current: 2,
      desired: 1,
      to: 2,
      effect: "blocked",
    },
    {
      name: "group below the floor: scale out to it",
      min: 3,
      asgMin: 0,
      current: 1,
      desired: 1,
      to: 3,
      effect: "capped",
    },
    { name: "the ASG's own minimum counts", min: 2, asgMin: 3, current: 4, desired: 2, to: 3, effect: "capped" },
  ])("$name", ({ min, asgMin, current, desired, to, effect }) => {
    const obs = observation({ desired: current });
    obs.group.min = asgMin;
    const f = minNodes(ruleContext({ cluster: cluster({ minNodes: min }), obs, current }), desired);
    if (to === null) return expect(f).toBeNull();
    expect(f).toMatchObject({ name: "min-nodes", effect, from: desired, to });
  });

  it("names the bound that applied", () => {
    const obs = observation();
    obs.group.min = 3;
    expect(minNodes(ruleContext({ cluster: cluster({ minNodes: 2 }), obs }), 1)?.detail).toBe(
      "never fewer than the Auto Scaling group's minimum 3: 1 → 3",
    );
  });
});
