/**
 * Reads request-count series from text. Two layouts, told apart by the rows themselves:
 * - one value per line, as the bundled traces: `data/traces/*.txt.gz` (full step grid, zeros included) and the
 *   autothrottle files. Directive comments give the time: `# start: 1995-07-01T00:00:00-04:00` and `# step: 60`.
 *   Without `# start:` the caller supplies the start.
 * - timestamped rows `TIMESTAMP,VALUE` (an optional header line first), as the NASA and WC98 CSVs as received. Steps
 *   with no row are zero-filled: the NASA CSV omits every minute without a request.
 * Blank lines and other lines starting with `#` are ignored. Values must be finite and ≥ 0.
 */
import { TraceDataError } from "./errors.ts";
import { parseFixedNaive, parseInstant } from "./time.ts";

export interface ParsedSeries {
  /** Epoch ms of the first step; `undefined` for bare values without a `# start:` directive. */
  startMs: number | undefined;
  stepSeconds: number;
  /** One value per step, zero where a timestamped source had no row. */
  values: Float64Array;
  /** Data rows read (before zero-filling). */
  rows: number;
}

export interface ParseOptions {
  /** Names the text in errors (a file path or a trace name). */
  source: string;
  stepSeconds: number;
  /** Offset east of UTC in which timestamps without their own offset are read (−240 = UTC−4). */
  utcOffsetMinutes: number;
}

const DIRECTIVE = /^#\s*(start|step)\s*:\s*(.*?)\s*$/;

/** Reads a series from a file's bytes (UTF-8): the bundled traces' layout on a fast path, anything else as text. */
export function parseSeriesBytes(bytes: Uint8Array, options: ParseOptions): ParsedSeries {
  return parseBareValuesFast(bytes, options) ?? parseSeriesText(Buffer.from(bytes).toString("utf8"), options);
}

export function parseSeriesText(text: string, options: ParseOptions): ParsedSeries {
  return parseRows(text, options);
}

const LF = 10;
const DIGIT_0 = 48;
const DIGIT_9 = 57;

/**
 * The bundled traces' layout — `#` lines first, then one unsigned integer per line — read straight from the bytes in
 * one tight loop: no string per line, no call per line. A cold load of 10⁵ lines is otherwise dominated by JIT
 * warm-up and garbage. Anything else (a comma, a decimal point, a header word, blank or comment lines among the data)
 * returns `undefined`, and `parseRows` reads the text or says precisely which line is wrong.
 */
function parseBareValuesFast(bytes: Uint8Array, options: ParseOptions): ParsedSeries | undefined {
  let pos = 0;
  let lineNo = 0;
  let declaredStart: number | undefined;
  while (pos < bytes.length && bytes[pos] === HASH) {
    let end = bytes.indexOf(LF, pos);
    if (end === -1) end = bytes.length;
    lineNo++;
    const line = Buffer.from(bytes.subarray(pos, end)).toString("utf8").replace(/\r$/, "");
    declaredStart = readDirective(line, options, lineNo) ?? declaredStart;
    pos = end + 1;
  }
  // Every line takes at least two bytes ("0\n"): this never needs to grow.
  const values = new Float64Array(Math.ceil((bytes.length - pos + 1) / 2));
  let n = 0;
  let v = 0;
  let digits = 0;
  for (let i = pos; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= DIGIT_0 && b <= DIGIT_9) {
      v = v * 10 + (b - DIGIT_0);
      digits++;
    } else if (b === LF) {
      if (digits === 0) return undefined;
      values[n++] = v;
      v = 0;
      digits = 0;
    } else if (b !== CR) return undefined;
  }
  if (digits > 0) values[n++] = v;
  if (n === 0) return undefined;
  return { startMs: declaredStart, stepSeconds: options.stepSeconds, values: values.slice(0, n), rows: n };
}

function grow(values: Float64Array): Float64Array<ArrayBuffer> {
  const grown = new Float64Array(values.length * 2);
  grown.set(values);
  return grown;
}

/** `# start:` → its instant; `# step:` checked against the expected step; other comments → undefined. */
function readDirective(line: string, options: ParseOptions, lineNo: number): number | undefined {
  const directive = DIRECTIVE.exec(line);
  if (directive?.[1] === "start") {
    const start = parseInstant(directive[2]!, options.utcOffsetMinutes);
    if (Number.isNaN(start)) {
      throw new TraceDataError(options.source, `"# start: ${directive[2]}" is not a date-time`, lineNo);
    }
    return start;
  }
  if (directive?.[1] === "step" && Number(directive[2]) !== options.stepSeconds) {
    throw new TraceDataError(
      options.source,
      `holds ${directive[2]}-second steps, not ${options.stepSeconds}-second`,
      lineNo,
    );
  }
  return undefined;
}

/** The general reader: both layouts, header line, comments anywhere, errors with line numbers. */
function parseRows(text: string, options: ParseOptions): ParsedSeries {
  const { source, stepSeconds } = options;
  const stepMs = stepSeconds * 1000;
  const offsetMs = options.utcOffsetMinutes * 60_000;
  const times: number[] = [];
  let values = new Float64Array(1024);
  let rows = 0;
  let declaredStart: number | undefined;
  let layout: "timestamped" | "values" | undefined;
  let lineNo = 0;
  let pos = 0;
  let sawData = false;
  // Indices instead of per-line strings: the bundled traces are 10⁵ lines and load on every cold start.
  while (pos <= text.length) {
    let end = text.indexOf("\n", pos);
    if (end === -1) end = text.length;
    const lineStart = pos;
    pos = end + 1;
    lineNo++;
    if (end > lineStart && text.charCodeAt(end - 1) === CR) end--;
    if (end === lineStart) continue;
    if (text.charCodeAt(lineStart) === HASH) {
      declaredStart = readDirective(text.slice(lineStart, end), options, lineNo) ?? declaredStart;
      continue;
    }
    const comma = lastCommaIn(text, lineStart, end);
    const valueStart = comma === -1 ? lineStart : comma + 1;
    const value = readNumber(text, valueStart, end);
    if (!sawData) {
      sawData = true;
      if (Number.isNaN(value)) continue; // a header line such as `minute,count`
    }
    const rowLayout = comma === -1 ? "values" : "timestamped";
    if (layout === undefined) layout = rowLayout;
    else if (layout !== rowLayout) {
      throw new TraceDataError(source, `mixes "timestamp,value" rows with bare values`, lineNo);
    }
    if (!Number.isFinite(value) || value < 0) {
      const shown = text.slice(valueStart, end);
      throw new TraceDataError(source, `"${shown}" is not a request count (a finite number ≥ 0)`, lineNo);
    }
    if (comma !== -1) times.push(readTimestamp(text, lineStart, comma, times[times.length - 1], lineNo));
    if (rows === values.length) values = grow(values);
    values[rows++] = value;
  }
  if (rows === 0) throw new TraceDataError(source, "holds no data rows");
  if (layout === "values") return { startMs: declaredStart, stepSeconds, values: values.slice(0, rows), rows };

  const startMs = times[0]!;
  if (declaredStart !== undefined && declaredStart !== startMs) {
    throw new TraceDataError(source, "its `# start:` disagrees with its first timestamp");
  }
  const grid = new Float64Array((times[times.length - 1]! - startMs) / stepMs + 1);
  for (let i = 0; i < rows; i++) grid[(times[i]! - startMs) / stepMs] = values[i]!;
  return { startMs, stepSeconds, values: grid, rows };

  function readTimestamp(text: string, from: number, to: number, previous: number | undefined, line: number): number {
    let t = to - from === 19 ? parseFixedNaive(text, from) - offsetMs : Number.NaN;
    if (Number.isNaN(t)) t = parseInstant(text.slice(from, to), options.utcOffsetMinutes);
    if (Number.isNaN(t)) throw new TraceDataError(source, `"${text.slice(from, to)}" is not a timestamp`, line);
    if (previous !== undefined && t <= previous) {
      throw new TraceDataError(source, `timestamps must increase ("${text.slice(from, to)}" does not)`, line);
    }
    if ((t - (previous ?? t)) % stepMs !== 0) {
      throw new TraceDataError(source, `"${text.slice(from, to)}" is off the ${stepSeconds}-second grid`, line);
    }
    return t;
  }
}

const CR = 13;
const HASH = 35;
const COMMA = 44;

/** Index of the last `,` in text[from, to), or −1. (`lastIndexOf` would scan the whole text before `from`.) */
function lastCommaIn(text: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (text.charCodeAt(i) === COMMA) return i;
  return -1;
}

/** The number in text[from, to): plain digits read directly (the common case), anything else through `Number`. */
function readNumber(text: string, from: number, to: number): number {
  if (to <= from) return Number.NaN;
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) {
      const slow = text.slice(from, to).trim();
      return slow === "" ? Number.NaN : Number(slow);
    }
    v = v * 10 + d;
  }
  return v;
}
