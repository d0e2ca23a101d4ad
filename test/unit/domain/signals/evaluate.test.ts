import { describe, expect, it } from "vitest";
import { absentSignal, evaluateSignal } from "../../../../shared/domain/signals/evaluate.ts";
import { cluster, cpuOnly, NOW, series } from "../builders.ts";

describe("evaluating one signal", () => {
  it("proposes ceil(nodes × value ÷ target) and says so", () => {
    const e = evaluateSignal(cpuOnly(), series("cpu", [84]), NOW);
    expect(e.missing).toBe(false);
    expect(e.reason).toEqual({
      signal: "cpu",
      unit: "%",
      value: 84,
      target: 70,
      proposal: 5,
      note: "cpu 84 % vs target 70 % on 4 nodes → 5",
    });
  });

  it("says when the value is within tolerance", () => {
    expect(evaluateSignal(cpuOnly(), series("cpu", [74]), NOW).reason.note).toBe(
      "cpu 74 % vs target 70 % on 4 nodes: within ±10 % of target → 4",
    );
  });

  it.each([
    { values: [60, 64, 68, 72, 76], want: 5, uncapped: 6, why: "76 % within the band: one node at most" },
    { values: [40, 50, 60, 70, 76], want: 5, uncapped: 7, why: "steep rise from within the band: still one" },
  ])("caps the look-ahead at one node from inside the band: $why", ({ values, want, uncapped }) => {
    const e = evaluateSignal(cluster(), series("cpu", values), NOW);
    expect(e.reason.proposal).toBe(want);
    expect(e.reason.note).toContain(
      `→ ${uncapped}, capped at ${want} (the look-ahead adds at most 1 node to what the newest value asks for)`,
    );
  });

  it("caps the look-ahead at three nodes above what the newest value asks for, above the band", () => {
    // 84 % on 4 nodes asks for 5; rising 30 %/min it projects to 219 % → 13, capped at 5 + 3.
    const e = evaluateSignal(cluster(), series("cpu", [0, 30, 60, 90, 84]), NOW);
    expect(e.reason.proposal).toBe(8);
    expect(e.reason.note).toContain(
      "capped at 8 (the look-ahead adds at most 3 nodes to what the newest value asks for)",
    );
  });

  it("does not cap a projection within three nodes above the band", () => {
    const e = evaluateSignal(cluster(), series("cpu", [60, 75, 62, 80, 84]), NOW);
    expect(e.reason.proposal).toBe(7);
    expect(e.reason.note).not.toContain("capped");
  });

  it("uses the look-ahead value and explains it", () => {
    const e = evaluateSignal(cluster(), series("cpu", [64, 66, 68, 70, 72]), NOW);
    expect(e.reason.value).toBeCloseTo(81, 9);
    expect(e.reason.proposal).toBe(5);
    expect(e.reason.note).toBe("cpu 72 % rising 2 %/min, 81 % expected in 4.5 min vs target 70 % on 4 nodes → 5");
    expect(e.rising).toBe(true);
  });

  it("says why a noisy positive slope was not projected, and does not call the load rising", () => {
    // 7 of 10 pairs rise: Theil–Sen slope +1 %/min, Mann–Kendall p = 29/120 ≈ 0.24.
    const e = evaluateSignal(cluster(), series("cpu", [66, 74, 68, 76, 70]), NOW);
    expect(e.reason.value).toBe(70);
    expect(e.reason.note).toBe(
      "cpu 70 % (slope 1 %/min, but the rise is not beyond doubt: Mann–Kendall p 0.24, not projected) vs target 70 % on 4 nodes: within ±10 % of target → 4",
    );
    expect(e.rising).toBe(false);
  });

  it.each([
    // target 70, tolerance 0.1: projected from 63 % up.
    { name: "below the band: not projected", values: [54, 56, 58, 60, 62], value: 62, proposal: 4 },
    { name: "inside the band: projected", values: [56, 58, 60, 62, 64], value: 73, proposal: 4 },
    { name: "inside the band, projected out of it", values: [60, 62.5, 65, 67.5, 70], value: 81.25, proposal: 5 },
  ])("projects a rising trend only from the bottom of the tolerance band: $name", ({ values, value, proposal }) => {
    const e = evaluateSignal(cluster(), series("cpu", values), NOW);
    expect(e.reason.value).toBeCloseTo(value, 9);
    expect(e.reason.proposal).toBe(proposal);
  });

  it.each([
    { name: "empty", s: series("cpu", []), note: "cpu: no data — missing" },
    {
      name: "stale",
      s: series("cpu", [90], { newestAgeS: 420 }),
      note: "cpu: newest datapoint is 420 s old (stale after 300 s) — missing",
    },
    {
      name: "measured on no node",
      s: series("cpu", [90], { nodes: 0 }),
      note: "cpu: measured on no node in service — missing",
    },
  ])("is missing when $name", ({ s, note }) => {
    const e = evaluateSignal(cpuOnly(), s, NOW);
    expect(e.missing).toBe(true);
    expect(e.reason).toMatchObject({ value: null, proposal: null, note });
  });

  it("reports a configured signal the observation lacks", () => {
    expect(absentSignal("bandwidth", "%", 60)).toEqual({
      missing: true,
      rising: false,
      saturated: false,
      reason: {
        signal: "bandwidth",
        unit: "%",
        value: null,
        target: 60,
        proposal: null,
        note: "bandwidth: not in the observation — missing",
      },
    });
  });
});
