import { describe, expect, it } from "vitest";
import { decide } from "../../../shared/domain/decide.ts";
import { formatDecision } from "../../../shared/domain/explain.ts";
import { cpuOnly, NOW, observation, series } from "./builders.ts";

describe("formatDecision", () => {
  it("prints the action, each signal's note and each guardrail with its numbers", () => {
    const c = cpuOnly({ controlPlane: { maxDataPlanes: 5 } });
    const d = decide(c, observation({ signals: [series("cpu", [126])] }), NOW);
    expect(formatDecision(d)).toBe(
      [
        "prod: scale-out 4 → 5 nodes (at 2025-06-02T14:05:00.000Z)",
        "signals ask for 8",
        "  cpu 126 % vs target 70 % on 4 nodes → 8",
        "guardrails, in the order they applied",
        "  control-plane-capacity  capped   8 → 5  the control plane serves at most 5 DP nodes: 8 → 5",
      ].join("\n"),
    );
  });

  it("says when no guardrail fired", () => {
    const d = decide(cpuOnly(), observation(), NOW);
    expect(formatDecision(d)).toBe(
      [
        "prod: hold at 4 nodes (at 2025-06-02T14:05:00.000Z)",
        "signals ask for 4",
        "  cpu 70 % vs target 70 % on 4 nodes: within ±10 % of target → 4",
        "guardrails: none fired",
      ].join("\n"),
    );
  });
});
