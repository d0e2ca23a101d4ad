import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { TrafficSpecError } from "../../../sim/traffic/errors.ts";
import { loadTraffic } from "../../../sim/traffic/load.ts";
import { rateAt, totalRequests } from "../../../sim/traffic/series.ts";
import type { TrafficSpecInput } from "../../../sim/traffic/spec.ts";

function specError(spec: unknown, options?: { baseDir?: string }): TrafficSpecError {
  try {
    loadTraffic(spec as TrafficSpecInput, 1, options);
  } catch (err) {
    if (err instanceof TrafficSpecError) return err;
    throw err;
  }
  throw new Error("expected a TrafficSpecError");
}

describe("loadTraffic — bundled traces", () => {
  it("reads a window start without offset in the trace's clock (NASA: UTC−4)", () => {
    const series = loadTraffic(
      { source: "trace", trace: "nasa-1995", window: { start: "1995-07-13T00:00", durationMinutes: 1440 } },
      1,
    );
    expect(series.startMs).toBe(Date.UTC(1995, 6, 13, 4, 0));
    expect(series.stepSeconds).toBe(60);
    expect(series.rps.length).toBe(1440);
    expect(rateAt(series, Date.UTC(1995, 6, 13, 13, 49, 30))).toBeCloseTo(405 / 60, 10);
  });

  it("takes an explicit offset as the exact instant", () => {
    const local = loadTraffic(
      { source: "trace", trace: "nasa-1995", window: { start: "1995-07-13T09:00", durationMinutes: 600 } },
      1,
    );
    const utc = loadTraffic(
      { source: "trace", trace: "nasa-1995", window: { start: "1995-07-13T13:00Z", durationMinutes: 600 } },
      1,
    );
    expect(utc.startMs).toBe(local.startMs);
    expect(utc.rps).toEqual(local.rps);
  });

  it("reads WC98 windows in GMT and multiplies by the scale", () => {
    const window = { start: "1998-07-07T21:00", durationMinutes: 60 };
    const plain = loadTraffic({ source: "trace", trace: "wc98", window }, 1);
    const scaled = loadTraffic({ source: "trace", trace: "wc98", window, scale: 50 }, 1);
    expect(plain.startMs).toBe(Date.UTC(1998, 6, 7, 21, 0));
    expect(rateAt(plain, Date.UTC(1998, 6, 7, 21, 41))).toBeCloseTo(229_426 / 60, 6);
    expect(totalRequests(scaled)).toBeCloseTo(totalRequests(plain) * 50, 3);
  });

  it("defaults to the whole trace", () => {
    const series = loadTraffic({ source: "trace", trace: "autothrottle-noisy" }, 1);
    expect(series.rps.length).toBe(3600);
    expect(series.stepSeconds).toBe(1);
  });

  it("never lets a caller change the cached trace", () => {
    const spec: TrafficSpecInput = { source: "trace", trace: "autothrottle-bursty", window: { durationMinutes: 1 } };
    const first = loadTraffic(spec, 1);
    const before = first.rps[0];
    first.rps.fill(-1);
    expect(loadTraffic(spec, 1).rps[0]).toBe(before);
  });

  it("writes window, scale, bytes and the demand into the notes", () => {
    const series = loadTraffic(
      {
        source: "trace",
        trace: "wc98",
        window: { start: "1998-06-30T00:00", durationMinutes: 1440 },
        scale: 50,
        requestBytes: 2048,
        responseBytes: 65536,
      },
      1,
    );
    const notes = series.notes.join("\n");
    expect(notes).toContain("trace wc98");
    expect(notes).toContain("1998-06-30 00:00 UTC → 1998-07-01 00:00 UTC");
    expect(notes).toContain("scale ×50; 2 KiB in / 64 KiB out per request");
    expect(notes).toContain("Arlitt and T. Jin"); // the citation the WC98 terms ask for
    expect(series.bytesInPerRequest).toBe(2048);
    expect(series.bytesOutPerRequest).toBe(65536);
  });

  it("warns when a window covers a NASA logging gap, and only then", () => {
    const over = loadTraffic(
      { source: "trace", trace: "nasa-1995", window: { start: "1995-07-28T00:00", durationMinutes: 1440 } },
      1,
    );
    const clear = loadTraffic(
      { source: "trace", trace: "nasa-1995", window: { start: "1995-07-13T00:00", durationMinutes: 1440 } },
      1,
    );
    expect(over.notes.some((n) => n.includes("logging gap") && n.includes("07-28 13:32"))).toBe(true);
    expect(clear.notes.some((n) => n.includes("logging gap"))).toBe(false);
  });
});

describe("loadTraffic — errors name the field", () => {
  it("unknown trace", () => {
    const err = specError({ source: "trace", trace: "nasa-1996" });
    expect(err.field).toBe("traffic.trace");
    expect(err.message).toContain("nasa-1995");
  });

  it("window starting outside the trace", () => {
    const err = specError({ source: "trace", trace: "nasa-1995", window: { start: "1995-09-02T00:00" } });
    expect(err.field).toBe("traffic.window.start");
    expect(err.message).toMatch(/outside the trace nasa-1995 \(1995-07-01 00:00 UTC−4 → 1995-09-01 00:00 UTC−4\)/);
  });

  it("window running past the end", () => {
    const err = specError({
      source: "trace",
      trace: "wc98",
      window: { start: "1998-07-26T00:00", durationMinutes: 2000 },
    });
    expect(err.field).toBe("traffic.window.durationMinutes");
    expect(err.message).toContain("at most 1320 min fit");
  });

  it("a malformed start and an unknown key", () => {
    expect(specError({ source: "trace", trace: "wc98", window: { start: "yesterday" } }).field).toBe(
      "traffic.window.start",
    );
    expect(specError({ source: "trace", trace: "wc98", window: { durationMinute: 5 } }).field).toBe("traffic.window");
  });

  it("a bad synthetic parameter and an unknown shape", () => {
    expect(specError({ source: "synthetic", shape: "ramp", fromRps: -1, toRps: 5, durationMinutes: 5 }).field).toBe(
      "traffic.fromRps",
    );
    expect(specError({ source: "synthetic", shape: "sawtooth", durationMinutes: 5 }).field).toBe("traffic.shape");
  });

  it("an empty or missing file", () => {
    const dir = mkdtempSync(join(tmpdir(), "traffic-"));
    writeFileSync(join(dir, "empty.txt"), "# nothing here\n\n");
    const empty = specError({ source: "file", path: "empty.txt", resolutionSeconds: 60 }, { baseDir: dir });
    expect(empty.field).toBe("traffic.path");
    expect(empty.message).toContain("holds no data rows");
    const missing = specError({ source: "file", path: "nope.csv", resolutionSeconds: 60 }, { baseDir: dir });
    expect(missing.field).toBe("traffic.path");
    expect(missing.message).toContain("no such file");
  });

  it("noise finer than the step but not dividing it", () => {
    const err = specError({
      source: "synthetic",
      shape: "constant",
      rps: 10,
      durationMinutes: 5,
      noise: { relativeStdDev: 0.1, resolutionSeconds: 7 },
    });
    expect(err.field).toBe("traffic.noise.resolutionSeconds");
  });
});

describe("loadTraffic — files and inline points", () => {
  it("zero-fills a timestamped CSV and converts counts per step to rates", () => {
    const dir = mkdtempSync(join(tmpdir(), "traffic-"));
    const csv = "minute,count\n2020-01-01 00:00:00,60\n2020-01-01 00:03:00,120\n";
    writeFileSync(join(dir, "t.csv.gz"), gzipSync(csv));
    const series = loadTraffic(
      { source: "file", path: "t.csv.gz", resolutionSeconds: 60, values: "count", utcOffsetMinutes: 60 },
      1,
      { baseDir: dir },
    );
    expect(series.startMs).toBe(Date.UTC(2019, 11, 31, 23, 0)); // 00:00 at UTC+1
    expect(Array.from(series.rps)).toEqual([1, 0, 0, 2]);
    expect(series.notes[0]).toContain("2 missing steps filled with 0");
  });

  it("places bare values at `# start:` or at the spec's start", () => {
    const dir = mkdtempSync(join(tmpdir(), "traffic-"));
    writeFileSync(join(dir, "a.txt"), "# start: 2021-05-01T10:00:00Z\n5\n6\n");
    writeFileSync(join(dir, "b.txt"), "5\n6\n");
    const a = loadTraffic({ source: "file", path: join(dir, "a.txt"), resolutionSeconds: 10 }, 1);
    const b = loadTraffic(
      { source: "file", path: join(dir, "b.txt"), resolutionSeconds: 10, start: "2021-05-01T10:00Z" },
      1,
    );
    expect(a.startMs).toBe(Date.UTC(2021, 4, 1, 10));
    expect(b.startMs).toBe(a.startMs);
    expect(rateAt(b, b.startMs + 15_000)).toBe(6);
  });

  it("inline points are rates by default, counts on request", () => {
    const rates = loadTraffic({ source: "inline", resolutionSeconds: 60, points: [60, 120] }, 1);
    const counts = loadTraffic({ source: "inline", resolutionSeconds: 60, points: [60, 120], values: "count" }, 1);
    expect(Array.from(rates.rps)).toEqual([60, 120]);
    expect(Array.from(counts.rps)).toEqual([1, 2]);
    expect(rates.startMs).toBe(Date.UTC(2024, 0, 1));
  });
});

describe("loadTraffic — seeded noise", () => {
  const base: TrafficSpecInput = {
    source: "trace",
    trace: "wc98",
    window: { start: "1998-06-30T18:00", durationMinutes: 120 },
  };

  it("resampling keeps every minute's total and is reproducible", () => {
    const plain = loadTraffic(base, 7);
    const noisy = loadTraffic({ ...base, noise: { relativeStdDev: 0.3, resolutionSeconds: 10 } }, 7);
    const again = loadTraffic({ ...base, noise: { relativeStdDev: 0.3, resolutionSeconds: 10 } }, 7);
    const other = loadTraffic({ ...base, noise: { relativeStdDev: 0.3, resolutionSeconds: 10 } }, 8);
    expect(noisy.stepSeconds).toBe(10);
    expect(noisy.rps.length).toBe(plain.rps.length * 6);
    for (let m = 0; m < plain.rps.length; m++) {
      let sum = 0;
      for (let j = 0; j < 6; j++) sum += noisy.rps[m * 6 + j]!;
      expect(sum / 6).toBeCloseTo(plain.rps[m]!, 6);
    }
    expect(noisy.rps[0]).not.toBeCloseTo(plain.rps[0]!, 3);
    expect(again.rps).toEqual(noisy.rps);
    expect(other.rps).not.toEqual(noisy.rps);
  });

  it("per-step noise changes rates by about σ and never goes negative", () => {
    const flat = loadTraffic(
      {
        source: "synthetic",
        shape: "constant",
        rps: 100,
        durationMinutes: 2000,
        noise: { relativeStdDev: 0.1 },
      },
      3,
    );
    const values = Array.from(flat.rps);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
    expect(mean).toBeGreaterThan(98);
    expect(mean).toBeLessThan(102);
    expect(sd).toBeGreaterThan(8);
    expect(sd).toBeLessThan(12);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
  });
});
