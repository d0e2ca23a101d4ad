import { describe, expect, it } from "vitest";
import { loadTraffic } from "../../../sim/traffic/load.ts";
import { rateAt, type TrafficSeries } from "../../../sim/traffic/series.ts";

const MINUTE = 60_000;
const at = (s: TrafficSeries, minute: number) => rateAt(s, s.startMs + minute * MINUTE);

describe("synthetic shapes", () => {
  it("constant, with resolution and start", () => {
    const s = loadTraffic(
      {
        source: "synthetic",
        shape: "constant",
        rps: 40,
        durationMinutes: 10,
        resolutionSeconds: 10,
        start: "2030-01-01T00:00Z",
      },
      1,
    );
    expect(s.rps.length).toBe(60);
    expect(s.startMs).toBe(Date.UTC(2030, 0, 1));
    expect(s.rps.every((v) => v === 40)).toBe(true);
  });

  it("ramp: holds, rises linearly, then holds the top", () => {
    const s = loadTraffic(
      {
        source: "synthetic",
        shape: "ramp",
        fromRps: 100,
        toRps: 1100,
        holdMinutes: 10,
        rampMinutes: 100,
        durationMinutes: 150,
      },
      1,
    );
    expect(at(s, 5)).toBe(100);
    expect(at(s, 60)).toBeCloseTo(100 + 1000 * (50.5 / 100), 6); // middle of minute 60
    expect(at(s, 140)).toBe(1100);
  });

  it("ramp without rampMinutes spans the rest of the run", () => {
    const s = loadTraffic({ source: "synthetic", shape: "ramp", fromRps: 0, toRps: 100, durationMinutes: 100 }, 1);
    expect(at(s, 0)).toBeCloseTo(0.5, 6);
    expect(at(s, 99)).toBeCloseTo(99.5, 6);
  });

  it("flash crowd: base, rise, plateau, exponential decay 95 % gone after decayMinutes", () => {
    const s = loadTraffic(
      {
        source: "synthetic",
        shape: "flash-crowd",
        baseRps: 100,
        peakRps: 2100,
        atMinute: 30,
        riseMinutes: 4,
        holdMinutes: 10,
        decayMinutes: 30,
        durationMinutes: 120,
      },
      1,
    );
    expect(at(s, 29)).toBe(100);
    expect(at(s, 31)).toBeGreaterThan(100);
    expect(at(s, 31)).toBeLessThan(2100);
    expect(at(s, 35)).toBe(2100);
    expect(at(s, 43)).toBe(2100);
    const extraAfterDecay = at(s, 44 + 30) - 100;
    expect(extraAfterDecay / 2000).toBeGreaterThan(0.03);
    expect(extraAfterDecay / 2000).toBeLessThan(0.06);
  });

  it("diurnal: peak at peakAtMinute, trough half a period later", () => {
    const s = loadTraffic(
      { source: "synthetic", shape: "diurnal", minRps: 200, maxRps: 1000, peakAtMinute: 600, durationMinutes: 2880 },
      1,
    );
    const values = Array.from(s.rps);
    expect(Math.max(...values)).toBeCloseTo(1000, 0);
    expect(Math.min(...values)).toBeCloseTo(200, 0);
    expect(at(s, 600)).toBeGreaterThan(999);
    expect(at(s, 600 + 720)).toBeLessThan(201);
    expect(at(s, 600 + 1440)).toBeGreaterThan(999);
  });
});
