import { describe, expect, it } from "vitest";
import { lookAheadProposal, proportionalProposal } from "../../../../shared/domain/signals/proposal.ts";

describe("proportional proposal", () => {
  it.each([
    { nodes: 4, value: 84, target: 70, tol: 0.1, want: 5, why: "ceil(4 × 1.2) = 5" },
    { nodes: 4, value: 140, target: 70, tol: 0.1, want: 8, why: "double the load, double the nodes" },
    { nodes: 4, value: 35, target: 70, tol: 0.1, want: 2, why: "half the load, half the nodes" },
    { nodes: 4, value: 76, target: 70, tol: 0.1, want: 4, why: "+8.6 %: within tolerance" },
    { nodes: 4, value: 64, target: 70, tol: 0.1, want: 4, why: "−8.6 %: within tolerance" },
    { nodes: 4, value: 77, target: 70, tol: 0.1, want: 4, why: "+10 % exactly: within (HPA: ≤)" },
    { nodes: 10, value: 78, target: 70, tol: 0.1, want: 12, why: "+11.4 %: out of the band" },
    { nodes: 3, value: 0.7, target: 0.7, tol: 0, want: 3, why: "no float drift at ratio 1" },
    { nodes: 4, value: 0, target: 70, tol: 0.1, want: 0, why: "no load" },
    { nodes: 4, value: 32, target: 60, tol: 0.1, want: 2, why: "scale-in: 2.13 nodes of load fit 2 within the band" },
    { nodes: 10, value: 50, target: 70, tol: 0.1, want: 7, why: "scale-in: 7.14 → 7 (7.9 % above target, in band)" },
    { nodes: 10, value: 55, target: 70, tol: 0.1, want: 8, why: "scale-in: 7.86 over 7 is 12 % above: keeps 8" },
    { nodes: 10, value: 7.7, target: 70, tol: 0.1, want: 1, why: "scale-in: 1.1 → 1 (+10 % exactly, in band)" },
    { nodes: 10, value: 7, target: 70, tol: 0, want: 1, why: "zero tolerance: exactly the target" },
    { nodes: 10, value: 8, target: 70, tol: 0, want: 2, why: "zero tolerance: ceil as before" },
    { nodes: 1, value: 71, target: 70, tol: 0, want: 2, why: "zero tolerance: any excess adds a node" },
  ])("$nodes nodes at $value vs $target → $want ($why)", ({ nodes, value, target, tol, want }) => {
    expect(proportionalProposal(nodes, value, target, tol)).toBe(want);
  });
});

describe("look-ahead proposal", () => {
  it.each([
    { nodes: 4, current: 86, projected: 108, extra: 1, want: 6, why: "current asks 5, projection 7: capped at 5 + 1" },
    { nodes: 4, current: 86, projected: 95, extra: 1, want: 6, why: "projection asks 6 = current's 5 + 1: not capped" },
    { nodes: 4, current: 70, projected: 140, extra: 1, want: 5, why: "current in band (4): at most 4 + 1" },
    { nodes: 4, current: 140, projected: 140, extra: 1, want: 8, why: "no projection: the proportional proposal" },
    { nodes: 4, current: 140, projected: 150, extra: 1, want: 9, why: "current asks 8, projection 9: not capped" },
    { nodes: 4, current: 140, projected: 280, extra: 1, want: 9, why: "current asks 8, projection 16: capped at 9" },
    {
      nodes: 4,
      current: 140,
      projected: 280,
      extra: 3,
      want: 11,
      why: "current asks 8, projection 16: capped at 8 + 3",
    },
    { nodes: 4, current: 86, projected: 108, extra: 3, want: 7, why: "projection 7 within 5 + 3: not capped" },
    { nodes: 4, current: 60, projected: 65, extra: 1, want: 4, why: "projection within the band: hold" },
  ])(
    "$nodes nodes at $current → $projected vs 70, +$extra at most → $want ($why)",
    ({ nodes, current, projected, extra, want }) => {
      expect(lookAheadProposal(nodes, current, projected, 70, 0.1, extra)).toBe(want);
    },
  );
});
