/**
 * Number and time formatting shared by the terminal, compare and HTML renderers, so a figure reads the same everywhere.
 * Simulated time is always shown in UTC: reports must not depend on the viewer's time zone.
 */

/** 3 significant digits with k / M / G: `950`, `1.23k`, `190k`, `4.5M`. */
export function formatCompact(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  const units: [number, string][] = [
    [1e9, "G"],
    [1e6, "M"],
    [1e3, "k"],
  ];
  for (const [size, unit] of units) {
    if (abs >= size * 0.9995) return `${trimZeros((x / size).toPrecision(3))}${unit}`;
  }
  if (abs >= 100 || Number.isInteger(x)) return String(Math.round(x));
  return trimZeros(x.toPrecision(abs >= 1 ? 3 : 2));
}

function trimZeros(s: string): string {
  return s.includes(".") && !s.includes("e") ? s.replace(/\.?0+$/, "") : s;
}

/** `3,461,612`; fractional values keep `digits` decimals. */
export function formatNumber(x: number, digits = 0): string {
  if (!Number.isFinite(x)) return String(x);
  return x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Percent with precision that keeps small values visible: `0 %`, `0.012 %`, `1.5 %`, `42 %`. */
export function formatPercent(pct: number): string {
  if (!Number.isFinite(pct)) return String(pct);
  if (pct === 0) return "0 %";
  const abs = Math.abs(pct);
  const digits = abs >= 10 ? 0 : abs >= 1 ? 1 : abs >= 0.1 ? 2 : 3;
  return `${pct.toFixed(digits)} %`;
}

/**
 * `a / b` as `0.85×`. Both zero: `=` (as good as the baseline); only the baseline zero: `∞`; no baseline: `–`.
 */
export function formatRatio(ratio: number | undefined): string {
  if (ratio === undefined) return "–";
  if (Number.isNaN(ratio)) return "=";
  if (!Number.isFinite(ratio)) return "∞";
  return `${ratio.toFixed(2)}×`;
}

/** a ÷ b, NaN when both are 0 (shown as `=`), Infinity when only b is. */
export function ratio(a: number, b: number): number {
  if (b === 0) return a === 0 ? Number.NaN : Number.POSITIVE_INFINITY;
  return a / b;
}

/** `1995-07-13 13:49 UTC` (seconds only when not zero). */
export function formatUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  const seconds = iso.slice(17, 19) === "00" ? "" : iso.slice(16, 19);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}${seconds} UTC`;
}

/** An instant as a trace's own clock writes it (`formatInstant` in `sim/traffic/time.ts`): `1995-07-13 09:49 UTC−4`. */
const INSTANT_WITH_OFFSET = /(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))? UTC([+−-])(\d{1,2})(?::(\d{2}))?/g;

/**
 * `text` with every instant written in a trace's own clock (`1995-07-13 09:49 UTC−4`) rewritten in UTC
 * (`1995-07-13 13:49 UTC`): a run's notes describe the trace in its clock, and a report says every time in one zone.
 */
export function instantsInUtc(text: string): string {
  return text.replace(INSTANT_WITH_OFFSET, (...m: string[]) => {
    const [, y, mo, d, h, mi, sec, sign, oh, om] = m;
    const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec ?? 0));
    const offsetMinutes = (sign === "+" ? 1 : -1) * (Number(oh) * 60 + Number(om ?? 0));
    return formatUtc(local - offsetMinutes * 60_000);
  });
}

/** `45 s`, `90 min`, `24 h`, `3 d 4 h`. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 180) return `${min} min`;
  const h = Math.round(min / 60);
  if (h < 72) return `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}
