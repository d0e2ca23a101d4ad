import { describe, expect, it } from "vitest";
import { visibleWidth } from "../../../sim/report/ansi.ts";
import { compareRows, renderCompareTable } from "../../../sim/report/compare.ts";
import { fixtureRun } from "./fixture.ts";

const runs = [
  fixtureRun({ policy: "oracle", lag: 0, headroom: 1 }),
  fixtureRun({ policy: "ours", lag: 3 }),
  fixtureRun({ policy: "target-tracking", lag: 12, headroom: 1.4 }),
  fixtureRun({ scenario: "flash-crowd", policy: "static", lag: 0, headroom: 3, violations: ["x"] }),
  fixtureRun({ scenario: "flash-crowd", policy: "ours", lag: 0, headroom: 3 }),
];

describe("compareRows", () => {
  it("orders policies as POLICY_NAMES within each scenario, scenarios as first seen", () => {
    expect(compareRows(runs).map((r) => `${r.scenario}/${r.policy}`)).toEqual([
      "nasa-launch-day/ours",
      "nasa-launch-day/target-tracking",
      "nasa-launch-day/oracle",
      "flash-crowd/ours",
      "flash-crowd/static",
    ]);
  });

  it("computes ratios against target tracking and the oracle of the same scenario", () => {
    const [ours, tt, oracle] = compareRows(runs);
    const s = (i: number) => runs[i]!.summary;
    expect(ours!.instanceHoursVsTargetTracking).toBeCloseTo(s(1).instanceHours / s(2).instanceHours, 9);
    expect(ours!.overloadVsTargetTracking).toBeCloseTo(s(1).overloadMinutes / s(2).overloadMinutes, 9);
    expect(ours!.instanceHoursVsOracle).toBeCloseTo(s(1).instanceHours / s(0).instanceHours, 9);
    expect(tt!.instanceHoursVsTargetTracking).toBe(1);
    expect(oracle!.runIndex).toBe(0);
    const flash = compareRows(runs).filter((r) => r.scenario === "flash-crowd");
    expect(flash[0]!.instanceHoursVsTargetTracking).toBeUndefined();
  });
});

describe("renderCompareTable", () => {
  it("shows one table per scenario with ratios, violations and a legend, under 100 columns", () => {
    const text = renderCompareTable(runs);
    const lines = text.split("\n");
    expect(lines.filter((l) => l.startsWith("scenario "))).toEqual([
      "scenario nasa-launch-day · the configured targets with no delays: 61.5 inst-h",
      "scenario flash-crowd · the configured targets with no delays: 61.5 inst-h",
    ]);
    const ours = compareRows(runs)[0]!;
    const oursLine = lines.find((l) => l.startsWith("ours "))!;
    expect(oursLine).toContain(`${ours.instanceHoursVsTargetTracking!.toFixed(2)}×`);
    expect(oursLine).toContain(`${ours.instanceHoursVsOracle!.toFixed(2)}×`);
    expect(lines.find((l) => l.startsWith("static "))).toMatch(/✗ 1$/);
    expect(Math.max(...lines.map(visibleWidth))).toBeLessThanOrEqual(100);
  });

  it("writes = when both a run and its baseline had no overload", () => {
    const calm = [
      fixtureRun({ policy: "ours", lag: 0, headroom: 3 }),
      fixtureRun({ policy: "target-tracking", lag: 0, headroom: 3 }),
    ];
    const line = renderCompareTable(calm)
      .split("\n")
      .find((l) => l.startsWith("ours "))!;
    expect(line).toMatch(/\s0\s+=\s/);
  });
});
