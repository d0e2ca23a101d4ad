/**
 * A terminal chart of one run's timeline: a supply drawn as a shaded area (`░`) and a demand drawn as a Braille line
 * on top (2 × 4 dots per cell), so the two stay apart without colour; an optional strip under the axis marks the
 * columns where something went wrong (overload). Each column shows the maximum of the samples it covers, so short
 * peaks survive any width. Colours (ANSI) only when asked for.
 */
import { COLOR, visibleWidth } from "./ansi.ts";
import { formatCompact } from "./format.ts";

export interface AreaLineChartInput {
  /** Epoch ms of each sample (ascending, equally spaced in practice). */
  times: ArrayLike<number>;
  /** Drawn as a shaded area (e.g. serving capacity, nodes in service). */
  area: ArrayLike<number>;
  /** Drawn as a Braille line (e.g. demand, desired nodes). */
  line: ArrayLike<number>;
  /** Per-sample flags shown in a strip under the axis (e.g. overload). */
  marks?: ArrayLike<boolean>;
  /** Total width in columns, y-axis labels included. */
  width: number;
  /** Plot rows. */
  height: number;
  color?: boolean;
  /** Formats y-axis labels; default `formatCompact`. */
  formatY?: (v: number) => string;
  /** Label of the marks strip, e.g. `overload`. */
  marksLabel?: string;
  /** Round the y-axis top to whole numbers (node counts). */
  integerY?: boolean;
  /** At least this many columns for the y-axis labels, so stacked charts line up. */
  minGutter?: number;
}

/** Braille dot bits by [column][row from top]. */
const DOT = [
  [0x01, 0x02, 0x04, 0x40],
  [0x08, 0x10, 0x20, 0x80],
];
const MIN_PLOT_WIDTH = 10;

/** The chart as lines of exactly `width` columns (code points; Braille and box characters are one column wide). */
export function renderAreaLineChart(input: AreaLineChartInput): string[] {
  const { times, area, line, height } = input;
  const n = Math.min(times.length, area.length, line.length);
  const fmt = input.formatY ?? formatCompact;
  let top = 0;
  for (let i = 0; i < n; i++) top = Math.max(top, area[i]!, line[i]!);
  top = niceCeiling(top, input.integerY === true);
  const labels = [fmt(top), fmt(top / 2), "0"];
  const gutter = Math.max(
    input.minGutter ?? 0,
    ...labels.map((l) => l.length + 2),
    (input.marksLabel ?? "").length + 2,
  );
  const plotWidth = Math.max(MIN_PLOT_WIDTH, input.width - gutter);
  const color = input.color === true;

  // Sub-columns: 2 Braille dots per cell. Each takes the max of its samples.
  const sub = plotWidth * 2;
  const lineMax = bucketMax(line, n, sub);
  const areaMax = bucketMax(area, n, plotWidth);
  const dotsHigh = height * 4;
  const toDot = (v: number) => (top <= 0 ? 0 : Math.min(dotsHigh - 1, Math.round((v / top) * (dotsHigh - 1))));

  const cells: number[][] = Array.from({ length: height }, () => new Array<number>(plotWidth).fill(0));
  let previous: number | undefined;
  for (let x = 0; x < sub; x++) {
    const v = lineMax[x];
    if (v === undefined || Number.isNaN(v)) {
      previous = undefined;
      continue;
    }
    const y = toDot(v);
    const from = previous === undefined ? y : Math.min(previous, y);
    const to = previous === undefined ? y : Math.max(previous, y);
    for (let d = from; d <= to; d++) {
      const row = height - 1 - Math.floor(d / 4);
      cells[row]![x >> 1]! |= DOT[x & 1]![3 - (d % 4)]!;
    }
    previous = y;
  }

  const out: string[] = [];
  for (let r = 0; r < height; r++) {
    const rowFromBottom = height - 1 - r;
    let label = "";
    if (r === 0) label = labels[0]!;
    else if (r === Math.floor(height / 2) && height >= 4) label = labels[1]!;
    const row = new Painted(color);
    for (let c = 0; c < plotWidth; c++) {
      const bits = cells[r]![c]!;
      if (bits !== 0) {
        row.add(String.fromCharCode(0x2800 + bits), COLOR.yellow);
        continue;
      }
      const a = areaMax[c];
      const filledDots = a === undefined || top <= 0 ? 0 : (a / top) * dotsHigh;
      if (filledDots >= rowFromBottom * 4 + 2) row.add("░", COLOR.green);
      else row.add(" ", undefined);
    }
    out.push(`${label.padStart(gutter - 2)} ${label === "" ? "│" : "┤"}${row.done()}`);
  }
  out.push(`${"0".padStart(gutter - 2)} └${"─".repeat(plotWidth)}`);
  if (input.marks !== undefined) {
    const marked = bucketAny(input.marks, n, plotWidth);
    const strip = new Painted(color);
    for (let c = 0; c < plotWidth; c++) strip.add(marked[c] ? "▀" : " ", marked[c] ? COLOR.red : undefined);
    out.push(`${(input.marksLabel ?? "").padStart(gutter - 2)}  ${strip.done()}`);
  }
  if (n > 0) out.push(timeAxis(times[0]!, times[n - 1]!, gutter, plotWidth));
  return out.map((l) => padToWidth(l, gutter + plotWidth));
}

/** A line built cell by cell that switches colour only where the colour changes (not once per cell). */
class Painted {
  private text = "";
  private current: string | undefined;

  constructor(private readonly color: boolean) {}

  add(cell: string, code: string | undefined): void {
    if (this.color && code !== this.current) {
      if (this.current !== undefined) this.text += COLOR.reset;
      if (code !== undefined) this.text += code;
      this.current = code;
    }
    this.text += cell;
  }

  done(): string {
    return this.color && this.current !== undefined ? this.text + COLOR.reset : this.text;
  }
}

/** Max of the samples in each of `buckets` equal slices; a slice narrower than one sample repeats its sample. */
function bucketMax(values: ArrayLike<number>, n: number, buckets: number): (number | undefined)[] {
  const out: (number | undefined)[] = new Array(buckets).fill(undefined);
  if (n === 0) return out;
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.max(from + 1, Math.floor(((b + 1) * n) / buckets));
    let m = Number.NEGATIVE_INFINITY;
    for (let i = from; i < to && i < n; i++) if (values[i]! > m) m = values[i]!;
    out[b] = m === Number.NEGATIVE_INFINITY ? undefined : m;
  }
  return out;
}

function bucketAny(flags: ArrayLike<boolean>, n: number, buckets: number): boolean[] {
  const out = new Array<boolean>(buckets).fill(false);
  for (let b = 0; b < buckets && n > 0; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.max(from + 1, Math.floor(((b + 1) * n) / buckets));
    for (let i = from; i < to && i < n; i++) if (flags[i]) out[b] = true;
  }
  return out;
}

/** 1, 2, 2.5, 5 × 10^k at or above `v` (integers ≥ 1 when `integer`). */
export function niceCeiling(v: number, integer: boolean): number {
  if (!(v > 0)) return 1;
  if (integer && v <= 10) return Math.max(1, Math.ceil(v));
  const exp = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) {
    const c = m * exp;
    if (c >= v * 0.9999) return integer ? Math.ceil(c) : c;
  }
  return 10 * exp;
}

const TIME_STEPS_MIN = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080];

/** Tick labels in UTC under the plot: `HH:MM` within two days, `MM-DD` beyond. */
function timeAxis(startMs: number, endMs: number, gutter: number, plotWidth: number): string {
  const span = Math.max(endMs - startMs, 60_000);
  const days = span > 2 * 86_400_000;
  const label = (ms: number) => {
    const iso = new Date(ms).toISOString();
    return days ? iso.slice(5, 10) : iso.slice(11, 16);
  };
  const labelWidth = 5;
  const maxTicks = Math.max(2, Math.floor(plotWidth / (labelWidth + 3)));
  const stepMin = TIME_STEPS_MIN.find((s) => span / (s * 60_000) <= maxTicks) ?? 10080;
  const stepMs = stepMin * 60_000;
  const chars = new Array<string>(plotWidth).fill(" ");
  let lastEnd = -2;
  for (let t = Math.ceil(startMs / stepMs) * stepMs; t <= endMs; t += stepMs) {
    const col = Math.round(((t - startMs) / span) * (plotWidth - 1));
    const text = label(t);
    const at = Math.min(Math.max(0, col - Math.floor(text.length / 2)), plotWidth - text.length);
    if (at <= lastEnd + 1) continue;
    for (let i = 0; i < text.length; i++) chars[at + i] = text[i]!;
    lastEnd = at + text.length - 1;
  }
  return `${" ".repeat(gutter)}${chars.join("")}`;
}

/** Pads to `width` visible columns, ignoring ANSI escapes. */
function padToWidth(line: string, width: number): string {
  const visible = visibleWidth(line);
  return visible >= width ? line : line + " ".repeat(width - visible);
}
