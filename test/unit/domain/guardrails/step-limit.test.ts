import { describe, expect, it } from "vitest";
import { scaleInStep, scaleOutStep, stepLimit } from "../../../../shared/domain/guardrails/step-limit.ts";
import { cluster, ruleContext } from "../builders.ts";

describe("step-limit guardrail", () => {
  it.each([
    // scale-out: max(maxStepNodes, ceil(pct % × current))
    { current: 4, nodes: 4, pct: 100, step: 4 },
    { current: 10, nodes: 4, pct: 100, step: 10 },
    { current: 3, nodes: 1, pct: 50, step: 2 },
    { current: 30, nodes: 1, pct: 10, step: 3 },
    { current: 0, nodes: 4, pct: 100, step: 4 },
  ])("scale-out step from $current with $nodes nodes / $pct % is $step", ({ current, nodes, pct, step }) => {
    expect(scaleOutStep(current, nodes, pct)).toBe(step);
  });

  it.each([
    // scale-in: max(maxStepNodes, floor(pct % × current))
    { current: 10, nodes: 1, pct: 10, step: 1 },
    { current: 30, nodes: 1, pct: 10, step: 3 },
    { current: 29, nodes: 1, pct: 10, step: 2 },
    { current: 5, nodes: 2, pct: 10, step: 2 },
  ])("scale-in step from $current with $nodes nodes / $pct % is $step", ({ current, nodes, pct, step }) => {
    expect(scaleInStep(current, nodes, pct)).toBe(step);
  });

  const c = cluster({
    scaling: {
      scaleOut: { maxStepNodes: 4, maxStepPercent: 100 },
      scaleIn: { maxStepNodes: 1, maxStepPercent: 10, stabilisationSeconds: 300 },
    },
  });
  it.each([
    { name: "scale-out within the step", current: 4, desired: 8, to: null },
    { name: "scale-out beyond the step", current: 4, desired: 12, to: 8 },
    { name: "large group: percent wins", current: 10, desired: 30, to: 20 },
    { name: "scale-in within the step", current: 10, desired: 9, to: null },
    { name: "scale-in beyond the step", current: 10, desired: 5, to: 9 },
    { name: "scale-in of a large group: percent wins", current: 40, desired: 10, to: 36 },
    { name: "hold", current: 4, desired: 4, to: null },
  ])("$name", ({ current, desired, to }) => {
    const f = stepLimit(ruleContext({ cluster: c, current }), desired);
    if (to === null) return expect(f).toBeNull();
    expect(f).toMatchObject({ name: "step-limit", effect: "capped", from: desired, to });
  });

  it("explains the step", () => {
    expect(stepLimit(ruleContext({ cluster: c, current: 4 }), 12)?.detail).toBe(
      "scale-out adds at most 4 nodes (the larger of 4 and 100 % of 4): 12 → 8",
    );
  });
});
