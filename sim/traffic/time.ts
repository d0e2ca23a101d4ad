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
  const fast = text.length === 19 ? parseFixedNaive(text) : Number.NaN;
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
 * The trace files' own format, `YYYY-MM-DD HH:MM:SS` (or `T`), starting at `from` in `text`, read with char codes and
 * calendar arithmetic instead of a regular expression and `Date.UTC`: parsing a month of minutes is dominated by this
 * function. Returns the instant as if the text were UTC, or `NaN` when the text has another shape.
 */
export function parseFixedNaive(text: string, from = 0): number {
  if (text.length - from < 19) return Number.NaN;
  const sep = text.charCodeAt(from + 10);
  if (
    text.charCodeAt(from + 4) !== DASH ||
    text.charCodeAt(from + 7) !== DASH ||
    (sep !== SPACE && sep !== LETTER_T) ||
    text.charCodeAt(from + 13) !== COLON ||
    text.charCodeAt(from + 16) !== COLON
  ) {
    return Number.NaN;
  }
  const year = digits(text, from, 4);
  const month = digits(text, from + 5, 2);
  const day = digits(text, from + 8, 2);
  const hour = digits(text, from + 11, 2);
  const minute = digits(text, from + 14, 2);
  const second = digits(text, from + 17, 2);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return Number.NaN;
  if (!(hour <= 23 && minute <= 59 && second <= 59)) return Number.NaN;
  return ((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60_000 + second * 1000;
}

const DASH = 45;
const SPACE = 32;
const COLON = 58;
const LETTER_T = 84;

/** The decimal number in `count` digits at `at`, or NaN. */
function digits(text: string, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    v = v * 10 + d;
  }
  return v;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
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

/** `1995-07-01T00:00:00-04:00` — ISO 8601 with the given offset, as the trace files' `# start:` directive. */
export function formatIsoWithOffset(ms: number, utcOffsetMinutes: number): string {
  const local = new Date(ms + utcOffsetMinutes * 60_000).toISOString().slice(0, 19);
  if (utcOffsetMinutes === 0) return `${local}Z`;
  const abs = Math.abs(utcOffsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${local}${utcOffsetMinutes < 0 ? "-" : "+"}${hh}:${mm}`;
}
