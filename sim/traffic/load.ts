/**
 * `loadTraffic`: a scenario's traffic spec → the series a run replays. Validates the spec (errors name the field),
 * reads the bundled trace from the per-process cache or the named file, cuts the window, scales, adds seeded noise,
 * and writes the provenance every report must carry into `notes`.
 */
import { isAbsolute, resolve } from "node:path";
import { TRACES } from "./catalogue.ts";
import { TraceDataError, TrafficSpecError } from "./errors.ts";
import { applyNoise } from "./noise.ts";
import { parseSeriesBytes } from "./parse.ts";
import { peakRate, type TrafficSeries, totalRequests } from "./series.ts";
import { type TrafficSpec, type TrafficSpecInput, trafficSpecSchema } from "./spec.ts";
import { syntheticRates } from "./synthetic.ts";
import { formatInstant, formatUtcOffset, parseInstant } from "./time.ts";
import { loadBundledTrace, readTraceBytes } from "./trace-store.ts";

/** Where series without a date of their own (inline, synthetic, bare-value files) start on the simulated calendar. */
export const NOMINAL_START = "2024-01-01T00:00:00Z";

export interface LoadTrafficOptions {
  /** Directory that relative `path`s of file sources are resolved against (the scenario file's folder). Default: cwd. */
  baseDir?: string;
  /** Where the bundled traces live. Default: `data/traces/` of this checkout. */
  traceDir?: string;
}

interface BaseSeries {
  startMs: number;
  stepSeconds: number;
  rps: Float64Array;
  /** Clock to show instants in. */
  utcOffsetMinutes: number;
  notes: string[];
}

/**
 * Loads the demand for one run. Same spec and seed → the same series.
 *
 * @example
 * const series = loadTraffic({ source: "trace", trace: "wc98", window: { start: "1998-06-30T00:00", durationMinutes: 1440 }, scale: 50 }, 42);
 * rateAt(series, series.startMs + 90_000); // req/s at 00:01:30 GMT
 * @throws TrafficSpecError naming the field (`traffic.window.start`, `traffic.path`, …) when the spec is wrong.
 */
export function loadTraffic(
  input: TrafficSpecInput | TrafficSpec,
  seed: number,
  options: LoadTrafficOptions = {},
): TrafficSeries {
  const spec = validate(input);
  const base = baseSeries(spec, options);
  let rps = base.rps;
  let stepSeconds = base.stepSeconds;
  if (spec.scale !== 1) {
    const scaled = new Float64Array(rps.length);
    for (let i = 0; i < rps.length; i++) scaled[i] = rps[i]! * spec.scale;
    rps = scaled;
  }
  const notes = [...base.notes];
  if (spec.noise !== undefined && spec.noise.relativeStdDev > 0) {
    ({ rps, stepSeconds } = applyNoise(rps, stepSeconds, spec.noise, seed));
    const how =
      stepSeconds < base.stepSeconds
        ? `resampled to ${stepSeconds}-s steps, each ${base.stepSeconds}-s total kept`
        : "per step";
    notes.push(
      `noise: ±${round(spec.noise.relativeStdDev * 100)} % (σ, multiplicative, ${how}), seed ${spec.noise.seed ?? seed}`,
    );
  }
  if (rps === base.rps) rps = rps.slice(); // never hand out the cache's array
  const series: TrafficSeries = {
    startMs: base.startMs,
    stepSeconds,
    rps,
    bytesInPerRequest: spec.requestBytes,
    bytesOutPerRequest: spec.responseBytes,
    notes,
  };
  const peak = peakRate(series);
  const total = totalRequests(series);
  notes.push(
    `scale ×${spec.scale}; ${formatBytes(spec.requestBytes)} in / ${formatBytes(spec.responseBytes)} out per request`,
    `demand: ${formatCount(total)} requests, peak ${formatCount(peak.rps)} req/s at ` +
      formatInstant(peak.atMs, base.utcOffsetMinutes),
  );
  return series;
}

function validate(input: TrafficSpecInput | TrafficSpec): TrafficSpec {
  const result = trafficSpecSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = ["traffic", ...issue.path.map(String)].join(".");
  throw new TrafficSpecError(field, issue.message);
}

function baseSeries(spec: TrafficSpec, options: LoadTrafficOptions): BaseSeries {
  switch (spec.source) {
    case "trace":
      return traceWindow(spec, options);
    case "file":
      return fileSeries(spec, options);
    case "inline":
      return {
        startMs: startOf(spec.start, "traffic.start"),
        stepSeconds: spec.resolutionSeconds,
        rps: toRates(Float64Array.from(spec.points), spec.values, spec.resolutionSeconds),
        utcOffsetMinutes: 0,
        notes: [`traffic: inline series, ${spec.points.length} points of ${spec.resolutionSeconds} s`],
      };
    case "synthetic":
      return {
        startMs: startOf(spec.start, "traffic.start"),
        stepSeconds: spec.resolutionSeconds,
        rps: syntheticRates(spec),
        utcOffsetMinutes: 0,
        notes: [`traffic: synthetic ${describeShape(spec)}, ${spec.durationMinutes} min`],
      };
  }
}

function traceWindow(spec: Extract<TrafficSpec, { source: "trace" }>, options: LoadTrafficOptions): BaseSeries {
  const info = TRACES[spec.trace];
  const trace = loadBundledTrace(spec.trace, options.traceDir);
  const stepMs = trace.stepSeconds * 1000;
  const traceEndMs = trace.startMs + trace.rps.length * stepMs;
  const offset = info.utcOffsetMinutes;
  const span = `${formatInstant(trace.startMs, offset)} → ${formatInstant(traceEndMs, offset)}`;
  let startMs = trace.startMs;
  if (spec.window?.start !== undefined) {
    startMs = parseInstant(spec.window.start, offset);
    if (Number.isNaN(startMs))
      throw new TrafficSpecError("traffic.window.start", `"${spec.window.start}" is not a date`);
    if (startMs < trace.startMs || startMs >= traceEndMs) {
      throw new TrafficSpecError(
        "traffic.window.start",
        `${formatInstant(startMs, offset)} is outside the trace ${spec.trace} (${span})`,
      );
    }
  }
  const first = Math.floor((startMs - trace.startMs) / stepMs);
  const available = trace.rps.length - first;
  const duration = spec.window?.durationMinutes;
  const steps = duration === undefined ? available : Math.ceil((duration * 60) / trace.stepSeconds);
  if (steps > available) {
    const minutesLeft = (available * trace.stepSeconds) / 60;
    throw new TrafficSpecError(
      "traffic.window.durationMinutes",
      `${duration} min from ${formatInstant(startMs, offset)} runs past the end of the trace ${spec.trace} ` +
        `(${span}); at most ${minutesLeft} min fit`,
    );
  }
  const windowStart = trace.startMs + first * stepMs;
  const windowEnd = windowStart + steps * stepMs;
  const notes = [
    `traffic: trace ${spec.trace} — ${info.title}; ${info.provenance}`,
    `window: ${formatInstant(windowStart, offset)} → ${formatInstant(windowEnd, offset)} ` +
      `(${round((steps * trace.stepSeconds) / 60)} min of ${trace.stepSeconds === 60 ? "per-minute" : `${trace.stepSeconds}-s`} data` +
      `${info.values === "count" ? ", spread evenly within each step" : ""})`,
  ];
  for (const gap of info.gaps) {
    const from = parseInstant(gap.from, offset);
    const to = parseInstant(gap.to, offset);
    if (from < windowEnd && to > windowStart) {
      notes.push(
        `warning: the window covers a logging gap ${gap.from} → ${gap.to} ${formatUtcOffset(offset)} (${gap.why}): ` +
          "its zeros are missing logs, not quiet",
      );
    }
  }
  if (info.citation !== undefined) notes.push(`cite: ${info.citation}`);
  return {
    startMs: windowStart,
    stepSeconds: trace.stepSeconds,
    rps: trace.rps.subarray(first, first + steps),
    utcOffsetMinutes: offset,
    notes,
  };
}

function fileSeries(spec: Extract<TrafficSpec, { source: "file" }>, options: LoadTrafficOptions): BaseSeries {
  const path = isAbsolute(spec.path) ? spec.path : resolve(options.baseDir ?? process.cwd(), spec.path);
  let parsed: ReturnType<typeof parseSeriesBytes>;
  try {
    parsed = parseSeriesBytes(readTraceBytes(path), {
      source: path,
      stepSeconds: spec.resolutionSeconds,
      utcOffsetMinutes: spec.utcOffsetMinutes,
    });
  } catch (err) {
    if (err instanceof TraceDataError) throw new TrafficSpecError("traffic.path", err.message);
    throw err;
  }
  if (parsed.startMs !== undefined && spec.start !== undefined) {
    throw new TrafficSpecError("traffic.start", `${spec.path} carries its own timestamps; remove "start"`);
  }
  return {
    startMs: parsed.startMs ?? startOf(spec.start, "traffic.start"),
    stepSeconds: spec.resolutionSeconds,
    rps: toRates(parsed.values, spec.values, spec.resolutionSeconds),
    utcOffsetMinutes: spec.utcOffsetMinutes,
    notes: [
      `traffic: file ${spec.path}, ${parsed.rows} rows of ${spec.resolutionSeconds} s` +
        (parsed.values.length > parsed.rows
          ? ` (${parsed.values.length - parsed.rows} missing steps filled with 0)`
          : ""),
    ],
  };
}

function startOf(text: string | undefined, field: string): number {
  const ms = parseInstant(text ?? NOMINAL_START, 0);
  if (Number.isNaN(ms)) throw new TrafficSpecError(field, `"${text}" is not a date`);
  return ms;
}

function toRates(values: Float64Array, kind: "rps" | "count", stepSeconds: number): Float64Array {
  if (kind === "count") for (let i = 0; i < values.length; i++) values[i] = values[i]! / stepSeconds;
  return values;
}

function describeShape(spec: Extract<TrafficSpec, { source: "synthetic" }>): string {
  switch (spec.shape) {
    case "constant":
      return `constant ${spec.rps} req/s`;
    case "ramp":
      return `ramp ${spec.fromRps} → ${spec.toRps} req/s after ${spec.holdMinutes} min`;
    case "flash-crowd":
      return `flash crowd ${spec.baseRps} → ${spec.peakRps} req/s at minute ${spec.atMinute}`;
    case "diurnal":
      return `diurnal ${spec.minRps}–${spec.maxRps} req/s, period ${spec.periodMinutes} min`;
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function formatCount(x: number): string {
  const units: [number, string][] = [
    [1e9, " G"],
    [1e6, " M"],
    [1e3, "k"],
  ];
  for (const [size, unit] of units) if (Math.abs(x) >= size) return `${(x / size).toPrecision(3)}${unit}`;
  return String(round(x));
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${round(bytes / 1024 / 1024)} MiB`;
  if (bytes >= 1024) return `${round(bytes / 1024)} KiB`;
  return `${bytes} B`;
}
