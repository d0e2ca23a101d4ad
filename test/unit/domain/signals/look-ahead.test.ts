import { describe, expect, it } from "vitest";
import type { Point } from "../../../../shared/domain/observation.ts";
import { lookAhead } from "../../../../shared/domain/signals/look-ahead.ts";
import { recentLoadTrend } from "../../../../shared/domain/signals/trend.ts";
import { NOW, points } from "../builders.ts";

/** `points(values)` with each point's node count. */
const withNodes = (values: readonly number[], nodes: readonly number[]): Point[] =>
  points(values).map((p, i) => ({ ...p, n: nodes[i]! }));

describe("look-ahead", () => {
  it("projects a rising trend from the middle of the newest period to now + lead time", () => {
    // Newest point 120 s old, period 60 s → its middle is 90 s ago; lead 180 s → horizon 270 s = 4.5 min at 2 %/min.
    const la = lookAhead(points([60, 62, 64, 66, 68], { newestAgeS: 120 }), NOW, 180_000, 60_000, 4);
    expect(la.current).toBe(68);
    expect(la.horizonSeconds).toBeCloseTo(270, 9);
    expect(la.value).toBeCloseTo(77, 9);
  });

  it.each([
    { name: "falling trend", values: [80, 75, 70, 65, 60] },
    { name: "flat", values: [60, 60, 60, 60, 60] },
    { name: "too few points", values: [10, 60] },
  ])("never lowers the value: $name", ({ values }) => {
    const la = lookAhead(points(values), NOW, 180_000, 60_000, 4);
    expect(la.value).toBe(60);
    expect(la.horizonSeconds).toBe(0);
  });

  it("is off with a lead time of 0 (the trend is still observed)", () => {
    const la = lookAhead(points([60, 62, 64, 66, 68]), NOW, 0, 60_000, 4);
    expect(la).toMatchObject({ current: 68, value: 68, horizonSeconds: 0, measuredOn: 4 });
    expect(la.slopePerSecond * 60).toBeCloseTo(2, 9);
    expect(la.riseP).toBeCloseTo(1 / 120, 12);
  });
});

describe("look-ahead projects only a rise beyond doubt (Mann–Kendall at 5 %)", () => {
  it.each([
    // Five points: 9 of the 10 pairs must rise (p = 5/120 ≈ 0.042); 8 of 10 is p = 14/120 ≈ 0.117.
    { name: "every pair rising", values: [60, 62, 64, 66, 68], projected: true },
    { name: "one pair falling", values: [60, 63, 62, 66, 68], projected: true },
    { name: "noise with a positive median slope", values: [60, 68, 62, 70, 64], projected: false },
    { name: "two pairs falling", values: [62, 60, 66, 64, 68], projected: false },
    { name: "one pair tied, nine rising", values: [60, 62, 62, 66, 68], projected: true },
  ])("$name → projected: $projected", ({ values, projected }) => {
    const la = lookAhead(points(values, { newestAgeS: 120 }), NOW, 180_000, 60_000, 4, 0);
    expect(la.slopePerSecond).toBeGreaterThan(0);
    expect(la.riseP <= 0.05).toBe(projected);
    expect(la.value > la.current).toBe(projected);
    expect(la.horizonSeconds > 0).toBe(projected);
  });

  it("observes the trend below projectFrom without projecting it", () => {
    const la = lookAhead(points([30, 32, 34, 36, 38], { newestAgeS: 120 }), NOW, 180_000, 60_000, 4, 63);
    expect(la.value).toBe(38);
    expect(la.slopePerSecond * 60).toBeCloseTo(2, 9);
    expect(la.riseP).toBeCloseTo(1 / 120, 12);
  });
});

describe("look-ahead only from the tolerance band up (projectFrom)", () => {
  // 2 %/min rising, newest 120 s old → horizon 270 s = 4.5 min → +9 % when projected.
  it.each([
    { name: "below projectFrom: the newest value", values: [54, 56, 58, 60, 62], from: 63, value: 62 },
    { name: "at projectFrom: projected", values: [54, 56, 58, 60, 62], from: 62, value: 71 },
    { name: "above projectFrom: projected", values: [60, 62, 64, 66, 68], from: 63, value: 77 },
    { name: "projectFrom 0: always projected", values: [2, 4, 6, 8, 10], from: 0, value: 19 },
  ])("$name", ({ values, from, value }) => {
    const la = lookAhead(points(values, { newestAgeS: 120 }), NOW, 180_000, 60_000, 4, from);
    expect(la.value).toBeCloseTo(value, 9);
    expect(la.horizonSeconds).toBe(value === values[values.length - 1] ? 0 : 270);
  });

  it("compares the rebased value, not the raw one, with projectFrom", () => {
    // 90 % measured on 4 nodes is 60 % on the 6 in service now: below a 63 % threshold, so not projected.
    const pts = withNodes([78, 82, 86, 90, 90], [4, 4, 4, 4, 4]);
    expect(lookAhead(pts, NOW, 180_000, 60_000, 6, 63).value).toBeCloseTo(60, 9);
  });
});

describe("look-ahead on the cluster load", () => {
  it("sees no trend when a node left at constant load (per-node values rose 50 → 67 %)", () => {
    // 200 %·nodes throughout: 4 nodes at 50 %, then 3 at 66.7 %. The per-node trend would say "rising 8 %/min".
    const pts = withNodes([50, 50, 50, 200 / 3, 200 / 3], [4, 4, 4, 3, 3]);
    const la = lookAhead(pts, NOW, 180_000, 60_000, 3);
    expect(la.slopePerSecond).toBeCloseTo(0, 9);
    expect(la.value).toBeCloseTo(200 / 3, 9);
    expect(la.horizonSeconds).toBe(0);
  });

  it("sees no trend when a node joined at constant load, and spreads the load over the nodes now", () => {
    const pts = withNodes([60, 60, 60, 45, 45], [3, 3, 3, 4, 4]);
    const la = lookAhead(pts, NOW, 180_000, 60_000, 4);
    expect(la.value).toBeCloseTo(45, 9);
  });

  it("rebases the newest value measured on fewer nodes onto the nodes in service now", () => {
    // Measured 90 % on 4 nodes; 6 are in service now: the same load is 60 % each, not 90 %.
    const pts = withNodes([90, 90, 90, 90, 90], [4, 4, 4, 4, 4]);
    const la = lookAhead(pts, NOW, 0, 60_000, 6);
    expect(la.current).toBeCloseTo(60, 9);
    expect(la.value).toBeCloseTo(60, 9);
    expect(la.measuredOn).toBe(4);
  });

  it("projects a rising load per node in service now", () => {
    // Load 200, 210, 220, 230, 240 %·nodes on 4 then 5 nodes: +10 %·nodes/min = +2 %/min on the 5 nodes now.
    const load = [200, 210, 220, 230, 240];
    const nodes = [4, 4, 4, 5, 5];
    const pts = withNodes(
      load.map((l, i) => l / nodes[i]!),
      nodes,
    );
    const la = lookAhead(pts, NOW, 180_000, 60_000, 5);
    expect(la.current).toBeCloseTo(48, 9);
    expect(la.slopePerSecond * 60).toBeCloseTo(2, 9);
    expect(la.value).toBeCloseTo(48 + 2 * 4.5, 9);
  });

  it("counts a point without n as measured on the nodes now", () => {
    const pts: Point[] = points([50, 50, 50]);
    expect(recentLoadTrend(pts, 60_000, 4).slopePerMs).toBeCloseTo(0, 12);
    const mixed: Point[] = [...points([50, 50]).map((p) => ({ ...p, t: p.t - 120_000 })), ...withNodes([40], [5])];
    // 50 × 4 = 200 then 40 × 5 = 200: flat.
    expect(recentLoadTrend(mixed, 60_000, 4).slopePerMs).toBeCloseTo(0, 12);
  });
});
