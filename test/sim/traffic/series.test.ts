import { describe, expect, it } from "vitest";
import {
  peakRate,
  rateAt,
  requestsBetween,
  seriesEndMs,
  type TrafficSeries,
  totalRequests,
} from "../../../sim/traffic/series.ts";

const series: TrafficSeries = {
  startMs: 1_000_000,
  stepSeconds: 60,
  rps: Float64Array.from([1, 2, 4]),
  bytesInPerRequest: 100,
  bytesOutPerRequest: 1000,
  notes: [],
};

describe("TrafficSeries helpers", () => {
  it("rateAt is constant within a step and 0 outside the series", () => {
    expect(rateAt(series, 1_000_000)).toBe(1);
    expect(rateAt(series, 1_000_000 + 59_999)).toBe(1);
    expect(rateAt(series, 1_000_000 + 60_000)).toBe(2);
    expect(rateAt(series, 999_999)).toBe(0);
    expect(rateAt(series, seriesEndMs(series))).toBe(0);
  });

  it("requestsBetween integrates across step boundaries and clips to the series", () => {
    expect(requestsBetween(series, 1_000_000 + 30_000, 1_000_000 + 90_000)).toBeCloseTo(30 * 1 + 30 * 2, 9);
    expect(requestsBetween(series, 0, 10_000_000)).toBeCloseTo(totalRequests(series), 9);
    expect(requestsBetween(series, 5, 5)).toBe(0);
  });

  it("totals and peak", () => {
    expect(totalRequests(series)).toBe(7 * 60);
    expect(peakRate(series)).toEqual({ rps: 4, atMs: 1_000_000 + 120_000 });
  });
});
