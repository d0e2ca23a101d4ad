import { describe, expect, it } from "vitest";
import { lookAhead } from "../../../../shared/domain/signals/look-ahead.ts";
import { NOW, points } from "../builders.ts";

describe("look-ahead", () => {
  it("projects a rising trend from the middle of the newest period to now + lead time", () => {
    // Newest point 120 s old, period 60 s → its middle is 90 s ago; lead 180 s → horizon 270 s = 4.5 min at 2 %/min.
    const la = lookAhead(points([60, 62, 64, 66, 68], { newestAgeS: 120 }), NOW, 180_000, 60_000);
    expect(la.current).toBe(68);
    expect(la.horizonSeconds).toBeCloseTo(270, 9);
    expect(la.value).toBeCloseTo(77, 9);
  });

  it.each([
    { name: "falling trend", values: [80, 75, 70, 65, 60] },
    { name: "flat", values: [60, 60, 60, 60, 60] },
    { name: "too few points", values: [10, 60] },
  ])("never lowers the value: $name", ({ values }) => {
    const la = lookAhead(points(values), NOW, 180_000, 60_000);
    expect(la.value).toBe(60);
    expect(la.horizonSeconds).toBe(0);
  });

  it("is off with a lead time of 0", () => {
    const la = lookAhead(points([60, 62, 64, 66, 68]), NOW, 0, 60_000);
    expect(la).toEqual({ current: 68, value: 68, slopePerSecond: 0, horizonSeconds: 0 });
  });
});
