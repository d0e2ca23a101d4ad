/**
 * The bundled traces, read once per process: the simulator runs many scenarios over the same few files.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { TRACES, type TraceName } from "./catalogue.ts";
import { TraceDataError } from "./errors.ts";
import { parseSeriesBytes } from "./parse.ts";
import { parseInstant } from "./time.ts";

/** `data/traces/` of this checkout. */
export const BUNDLED_TRACE_DIR = fileURLToPath(new URL("../../data/traces/", import.meta.url));

/** A whole trace as requests per second on its full step grid. Shared by the cache: never mutate `rps`. */
export interface LoadedTrace {
  name: TraceName;
  startMs: number;
  stepSeconds: number;
  rps: Float64Array;
  /** Data rows in the file (NASA: fewer than steps, its zero minutes are absent). */
  rows: number;
}

const cache = new Map<string, LoadedTrace>();

export function loadBundledTrace(name: TraceName, dir: string = BUNDLED_TRACE_DIR): LoadedTrace {
  const key = `${dir}\u0000${name}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const info = TRACES[name];
  const path = `${dir.replace(/\/?$/, "/")}${info.file}`;
  const parsed = parseSeriesBytes(readTraceBytes(path), {
    source: path,
    stepSeconds: info.stepSeconds,
    utcOffsetMinutes: info.utcOffsetMinutes,
  });
  const startMs = parsed.startMs ?? parseInstant(info.nominalStart ?? "", info.utcOffsetMinutes);
  if (Number.isNaN(startMs)) throw new TraceDataError(path, "has no timestamps and the catalogue gives no start");
  const rps = parsed.values;
  if (info.values === "count") for (let i = 0; i < rps.length; i++) rps[i] = rps[i]! / info.stepSeconds;
  const trace: LoadedTrace = { name, startMs, stepSeconds: info.stepSeconds, rps, rows: parsed.rows };
  cache.set(key, trace);
  return trace;
}

/** Forgets every loaded trace (benchmarks measuring a cold load; tests). */
export function clearTraceCache(): void {
  cache.clear();
}

/** Bytes of a trace file; `.gz` files are gunzipped. */
export function readTraceBytes(path: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "";
    throw new TraceDataError(path, code === "ENOENT" ? "no such file" : `cannot be read (${code || String(err)})`);
  }
  if (path.endsWith(".gz")) {
    try {
      bytes = gunzipSync(bytes);
    } catch (err) {
      throw new TraceDataError(path, `is not valid gzip (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  return bytes;
}
