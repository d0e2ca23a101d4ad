/**
 * Instants as traces and scenarios write them. A trace keeps its own clock (NASA 1995: server local time, UTC−4;
 * WC98: GMT), so a timestamp without an offset is read in the clock of the trace it refers to; one with `Z` or `±HH:MM`
 * means exactly that instant.
 */

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Epoch ms of `text` (`YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.fff]]`, `T` or space, optional `Z` / `±HH[:MM]`), or `NaN`.
 * Without an offset, the text is read as local time at `defaultUtcOffsetMinutes` east of UTC (−240 for UTC−4).
 */
export function parseInstant(text: string, defaultUtcOffsetMinutes: number): number {
  const fast = parseFixedNaive(text);
  if (!Number.isNaN(fast)) return fast - defaultUtcOffsetMinutes * 60_000;
  const m = ISO_INSTANT.exec(text.trim());
  if (m === null) return Number.NaN;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "0", zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const local = Date.UTC(Number(y), month - 1, day, hour, minute, second, Number(frac.padEnd(3, "0")));
  if (new Date(local).getUTCDate() !== day) return Number.NaN; // 31 April and friends
  return local - zoneOffsetMinutes(zone, defaultUtcOffsetMinutes) * 60_000;
}

function zoneOffsetMinutes(zone: string | undefined, fallback: number): number {
  if (zone === undefined) return fallback;
  if (zone === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || "0"));
}

/**
 * The trace files' own format, `YYYY-MM-DD HH:MM:SS`, read without a regular expression: parsing a month of minutes
 * is dominated by this function. Returns the instant as if the text were UTC, or `NaN` when the text has another shape.
 */
export function parseFixedNaive(text: string): number {
  if (text.length !== 19) return Number.NaN;
  const c = (i: number) => text.charCodeAt(i) - 48;
  if (text[4] !== "-" || text[7] !== "-" || (text[10] !== " " && text[10] !== "T")) return Number.NaN;
  if (text[13] !== ":" || text[16] !== ":") return Number.NaN;
  const digits = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
  for (const i of digits) {
    const v = c(i);
    if (v < 0 || v > 9) return Number.NaN;
  }
  const year = c(0) * 1000 + c(1) * 100 + c(2) * 10 + c(3);
  const month = c(5) * 10 + c(6);
  const day = c(8) * 10 + c(9);
  const hour = c(11) * 10 + c(12);
  const minute = c(14) * 10 + c(15);
  const second = c(17) * 10 + c(18);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** `1995-07-13 09:49 UTC−4` — an instant shown in a trace's own clock. */
export function formatInstant(ms: number, utcOffsetMinutes: number): string {
  const shifted = new Date(ms + utcOffsetMinutes * 60_000).toISOString();
  const seconds = shifted.slice(17, 19) === "00" ? "" : shifted.slice(16, 19);
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}${seconds} ${formatUtcOffset(utcOffsetMinutes)}`;
}

/** `UTC`, `UTC−4`, `UTC+5:30`. */
export function formatUtcOffset(utcOffsetMinutes: number): string {
  if (utcOffsetMinutes === 0) return "UTC";
  const sign = utcOffsetMinutes < 0 ? "−" : "+";
  const abs = Math.abs(utcOffsetMinutes);
  const minutes = abs % 60;
  return `UTC${sign}${Math.floor(abs / 60)}${minutes === 0 ? "" : `:${String(minutes).padStart(2, "0")}`}`;
}
