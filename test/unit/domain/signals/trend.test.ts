import { describe, expect, it } from "vitest";
import { recentSlopePerMs } from "../../../../shared/domain/signals/trend.ts";
import { points } from "../builders.ts";

const perMinute = (values: number[], periodS = 60) =>
  recentSlopePerMs(points(values, { periodS }), periodS * 1000) * 60_000;

describe("recent robust slope (Theil–Sen)", () => {
  it.each([
    { name: "a straight line", values: [10, 12, 14, 16, 18], want: 2 },
    { name: "flat", values: [50, 50, 50, 50, 50], want: 0 },
    { name: "falling", values: [50, 45, 40, 35, 30], want: -5 },
    { name: "one spike barely moves it", values: [10, 12, 90, 16, 18], want: 2 },
    { name: "only the newest five periods count", values: [100, 0, 10, 12, 14, 16, 18], want: 2 },
    { name: "three points are enough", values: [10, 13, 16], want: 3 },
  ])("$name → $want per minute", ({ values, want }) => {
    expect(perMinute(values)).toBeCloseTo(want, 9);
  });

  it("has no trend with fewer than three points", () => {
    expect(perMinute([10, 20])).toBeNaN();
    expect(perMinute([])).toBeNaN();
  });

  it("has no trend when the points before the newest are far older than the trend window", () => {
    const pts = points([10, 20, 30]);
    pts[0]!.t -= 3_600_000;
    pts[1]!.t -= 3_600_000;
    expect(recentSlopePerMs(pts, 60_000)).toBeNaN();
  });

  it("works at a 300 s period", () => {
    expect(perMinute([10, 15, 20, 25], 300)).toBeCloseTo(1, 9);
  });
});
