import { describe, expect, it } from "vitest";
import { TRACE_NAMES, TRACES } from "../../../sim/traffic/catalogue.ts";
import { loadBundledTrace } from "../../../sim/traffic/trace-store.ts";

const MINUTE = 60_000;

function stats(rps: Float64Array, stepSeconds: number) {
  let sum = 0;
  let max = 0;
  let maxAt = 0;
  let nonZero = 0;
  for (let i = 0; i < rps.length; i++) {
    const count = rps[i]! * stepSeconds;
    sum += count;
    if (count > 0) nonZero++;
    if (count > max) {
      max = count;
      maxAt = i;
    }
  }
  return { sum: Math.round(sum), max: Math.round(max), maxAt, nonZero };
}

describe("bundled traces", () => {
  it("NASA 1995 sits on the full minute grid, in UTC−4, with the published totals", () => {
    const nasa = loadBundledTrace("nasa-1995");
    expect(nasa.stepSeconds).toBe(60);
    // 1995-07-01 00:00 local (UTC−4) = 04:00 UTC, through 08-31 23:59: 62 days of minutes.
    expect(nasa.startMs).toBe(Date.UTC(1995, 6, 1, 4, 0));
    expect(nasa.rps.length).toBe(62 * 1440);
    const s = stats(nasa.rps, 60);
    expect(s.sum).toBe(3_461_612);
    expect(s.nonZero).toBe(81_396); // every CSV row; the other minutes are the zero-filled ones
    expect(s.max).toBe(405);
    expect(nasa.startMs + s.maxAt * MINUTE).toBe(Date.UTC(1995, 6, 13, 13, 49)); // 09:49 local
  });

  it("NASA keeps its logging gaps as zeros", () => {
    const nasa = loadBundledTrace("nasa-1995");
    const minuteOf = (utcMs: number) => (utcMs - nasa.startMs) / MINUTE;
    // 07-30 12:00 local lies inside the gap 07-28 13:32 → 08-01 00:00.
    const inGap = minuteOf(Date.UTC(1995, 6, 30, 16, 0));
    expect(nasa.rps.subarray(inGap, inGap + 600).every((v) => v === 0)).toBe(true);
  });

  it("WC98 is in GMT with the published total and peak", () => {
    const wc = loadBundledTrace("wc98");
    expect(wc.startMs).toBe(Date.UTC(1998, 3, 30, 21, 30));
    expect(wc.startMs + (wc.rps.length - 1) * MINUTE).toBe(Date.UTC(1998, 6, 26, 21, 59));
    const s = stats(wc.rps, 60);
    expect(s.sum).toBe(1_352_804_107);
    expect(s.nonZero).toBe(125_300);
    expect(s.max).toBe(229_426);
    expect(wc.startMs + s.maxAt * MINUTE).toBe(Date.UTC(1998, 6, 7, 21, 41));
  });

  it.each([
    ["autothrottle-bursty", 81, 397],
    ["autothrottle-diurnal", 177, 387],
    ["autothrottle-noisy", 81, 245],
    ["autothrottle-diurnal-2", 90, 394],
  ] as const)("%s holds one hour of per-second rates within %i–%i", (name, lo, hi) => {
    const trace = loadBundledTrace(name);
    expect(trace.stepSeconds).toBe(1);
    expect(trace.rps.length).toBe(3600);
    expect(Math.min(...trace.rps)).toBe(lo);
    expect(Math.max(...trace.rps)).toBe(hi);
    expect(trace.startMs).toBe(Date.UTC(2024, 0, 1));
  });

  it("reads each file once per process", () => {
    for (const name of TRACE_NAMES) expect(loadBundledTrace(name)).toBe(loadBundledTrace(name));
  });

  it("catalogues every trace name", () => {
    expect(Object.keys(TRACES).sort()).toEqual([...TRACE_NAMES].sort());
  });
});
