/**
 * Reads request-count series from text. Two layouts, told apart by the rows themselves:
 * - timestamped rows `TIMESTAMP,VALUE` (an optional header line first), as the bundled NASA and WC98 files. Steps with
 *   no row are zero-filled: the NASA file omits every minute without a request.
 * - one value per line, as the autothrottle traces; the caller supplies the start.
 * Blank lines and lines starting with `#` are ignored. Values must be finite and ≥ 0.
 */
import { TraceDataError } from "./errors.ts";
import { parseInstant } from "./time.ts";

export interface ParsedSeries {
  /** Epoch ms of the first step; `undefined` for value-per-line text (it carries no time). */
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

export function parseSeriesText(text: string, options: ParseOptions): ParsedSeries {
  const { source, stepSeconds } = options;
  const stepMs = stepSeconds * 1000;
  const times: number[] = [];
  const values: number[] = [];
  let layout: "timestamped" | "values" | undefined;
  let lineNo = 0;
  let pos = 0;
  let sawData = false;
  while (pos <= text.length) {
    let end = text.indexOf("\n", pos);
    if (end === -1) end = text.length;
    let line = text.slice(pos, end);
    pos = end + 1;
    lineNo++;
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (line.length === 0 || line.startsWith("#")) continue;
    const comma = line.lastIndexOf(",");
    const valueText = comma === -1 ? line : line.slice(comma + 1);
    const value = Number(valueText);
    if (!sawData && (valueText.trim() === "" || Number.isNaN(value))) {
      sawData = true; // a header line such as `minute,count`
      continue;
    }
    sawData = true;
    const rowLayout = comma === -1 ? "values" : "timestamped";
    if (layout === undefined) layout = rowLayout;
    else if (layout !== rowLayout) {
      throw new TraceDataError(source, `mixes "timestamp,value" rows with bare values`, lineNo);
    }
    if (valueText.trim() === "" || !Number.isFinite(value) || value < 0) {
      throw new TraceDataError(source, `"${valueText}" is not a request count (a finite number ≥ 0)`, lineNo);
    }
    if (rowLayout === "timestamped") {
      const stamp = line.slice(0, line.indexOf(","));
      const t = parseInstant(stamp, options.utcOffsetMinutes);
      if (Number.isNaN(t)) throw new TraceDataError(source, `"${stamp}" is not a timestamp`, lineNo);
      const previous = times[times.length - 1];
      if (previous !== undefined && t <= previous) {
        throw new TraceDataError(source, `timestamps must increase ("${stamp}" does not)`, lineNo);
      }
      if (previous !== undefined && (t - previous) % stepMs !== 0) {
        throw new TraceDataError(source, `"${stamp}" is off the ${stepSeconds}-second grid`, lineNo);
      }
      times.push(t);
    }
    values.push(value);
  }
  if (values.length === 0) throw new TraceDataError(source, "holds no data rows");
  if (layout === "values") {
    return { startMs: undefined, stepSeconds, values: Float64Array.from(values), rows: values.length };
  }
  const startMs = times[0]!;
  const steps = (times[times.length - 1]! - startMs) / stepMs + 1;
  const grid = new Float64Array(steps);
  for (let i = 0; i < times.length; i++) grid[(times[i]! - startMs) / stepMs] = values[i]!;
  return { startMs, stepSeconds, values: grid, rows: values.length };
}
