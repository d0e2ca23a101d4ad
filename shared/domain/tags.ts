/**
 * State the autoscaler keeps in Auto Scaling group tags (no database of its own): the operator's pause and the
 * control-plane-outage breaker. Tag values are at most 256 characters; these codecs stay under that and never throw
 * on a value somebody edited by hand. What a hand-edited value means is defined (docs/operations.md, "Tags"):
 *
 * - pause: our JSON object → paused; `true`/`yes`/`on`/`1`/`paused` → paused; `false`/`no`/`off`/`0`/empty → not
 *   paused; anything else → **paused** (the tag is an operator's act: holding the size is the safe reading), with a
 *   warning (`readPauseTag`);
 * - breaker: our JSON object (`o` 0 or 1) → as written; `closed`/`false`/`no`/`off`/`0`/empty → closed; anything else →
 *   **closed**, with a warning (`readBreakerTag`): the breaker is the autoscaler's own record, an unreadable one must not
 *   freeze scaling with nothing left to close it, and the breaker opens again on its own if launches keep failing.
 */
import type { BreakerState, PauseState } from "./observation.ts";

export const PAUSE_TAG = "dp-autoscaler:paused";
export const BREAKER_TAG = "dp-autoscaler:cp-breaker";
export const TAG_VALUE_MAX = 256;

/** Encodes a pause as compact JSON, shortening the reason so the value fits in a tag. */
export function encodePause(p: { by?: string; reason: string; since: number }): string {
  const base = { s: p.since, b: (p.by ?? "").slice(0, 64), r: "" };
  const room = TAG_VALUE_MAX - JSON.stringify(base).length;
  base.r = truncateForJson(p.reason, room);
  return JSON.stringify(base);
}

/** A tag read back: the state the autoscaler acts on, and a warning when the value is not one it recognises. */
export interface TagReading<T> {
  state: T;
  /** One sentence naming the tag, the value (cut) and how it was read; absent for a recognised value. */
  warning?: string;
}

const TRUE_WORDS: ReadonlySet<string> = new Set(["true", "yes", "on", "1"]);
const FALSE_WORDS: ReadonlySet<string> = new Set(["false", "no", "off", "0", ""]);

export function decodePause(value: string | undefined): PauseState {
  return readPauseTag(value).state;
}

export function readPauseTag(value: string | undefined): TagReading<PauseState> {
  if (value === undefined) return { state: { paused: false } };
  const word = value.trim().toLowerCase();
  if (FALSE_WORDS.has(word)) return { state: { paused: false } };
  if (TRUE_WORDS.has(word) || word === "paused")
    return { state: { paused: true, reason: `tag set by hand to "${word}"` } };
  const o = jsonObject(value);
  if (o !== undefined)
    return {
      state: {
        paused: true,
        since: epochMs(o.s),
        by: typeof o.b === "string" && o.b !== "" ? o.b : undefined,
        reason: typeof o.r === "string" ? o.r : undefined,
      },
    };
  return {
    state: { paused: true, reason: `unrecognised tag value ${quoted(value)}` },
    warning:
      `tag ${PAUSE_TAG} = ${quoted(value)} is not a value the autoscaler recognises: read as PAUSED (the size is ` +
      'held); set it to "true" or "false", or use ctl pause / resume',
  };
}

/**
 * Who claimed a breaker transition (an instance id), written into the breaker tag with it: the opening claim (`k`) and
 * the closing claim (`c`). Auto Scaling tags have no compare-and-set, so the one announcement of a transition is
 * elected by "last writer wins, read back after a settle time" (`shared/services/breaker/breaker-service.ts`).
 */
export interface BreakerClaims {
  openedBy?: string;
  closingBy?: string;
}

/**
 * Encodes the breaker; keeps only the newest abandons that fit. Times are kept to the millisecond (seconds with three
 * decimals, so a value written before the change, in whole seconds, still decodes).
 */
export function encodeBreaker(b: BreakerState, claims: BreakerClaims = {}): string {
  const abandons = [...b.abandons];
  for (;;) {
    const o: Record<string, unknown> = { o: b.open ? 1 : 0, a: abandons.map(toSeconds) };
    if (b.openedAt !== undefined) o.t = toSeconds(b.openedAt);
    if (claims.openedBy) o.k = claims.openedBy.slice(0, CLAIM_MAX);
    if (claims.closingBy) o.c = claims.closingBy.slice(0, CLAIM_MAX);
    const fixed = JSON.stringify(o).length + 8;
    if (fixed <= TAG_VALUE_MAX) {
      if (b.lastReason) o.r = truncateForJson(b.lastReason, TAG_VALUE_MAX - fixed);
      return JSON.stringify(o);
    }
    abandons.shift();
  }
}

export function decodeBreaker(value: string | undefined): BreakerState {
  return readBreakerTag(value).state;
}

export function readBreakerTag(value: string | undefined): TagReading<BreakerState> {
  const closed: BreakerState = { open: false, abandons: [] };
  if (value === undefined) return { state: closed };
  const word = value.trim().toLowerCase();
  if (FALSE_WORDS.has(word) || word === "closed") return { state: closed };
  const o = jsonObject(value);
  if (o !== undefined && (o.o === 0 || o.o === 1)) {
    const abandons = Array.isArray(o.a) ? o.a.map(fromSeconds).filter((t) => t !== undefined) : [];
    return {
      state: {
        open: o.o === 1,
        abandons,
        openedAt: fromSeconds(o.t),
        lastReason: typeof o.r === "string" ? o.r : undefined,
      },
    };
  }
  return {
    state: closed,
    warning:
      `tag ${BREAKER_TAG} = ${quoted(value)} is not a value the autoscaler writes: read as CLOSED (scaling is not ` +
      "frozen); delete the tag, or let the next launch rewrite it",
  };
}

/** The value as a JSON object, or undefined (not JSON, or JSON that is not an object). */
function jsonObject(value: string): Record<string, unknown> | undefined {
  try {
    const o: unknown = JSON.parse(value);
    return typeof o === "object" && o !== null && !Array.isArray(o) ? (o as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A hand-edited value quoted for a warning: at most 64 characters of it. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 64 ? `${value.slice(0, 64)}…` : value);
}

/** The claims written with the breaker (none when the value is not ours or not readable). */
export function decodeBreakerClaims(value: string | undefined): BreakerClaims {
  if (value === undefined) return {};
  try {
    const o = JSON.parse(value) as { k?: unknown; c?: unknown };
    const claim = (v: unknown) => (typeof v === "string" && v !== "" ? v.slice(0, CLAIM_MAX) : undefined);
    const out: BreakerClaims = {};
    const openedBy = claim(o?.k);
    const closingBy = claim(o?.c);
    if (openedBy) out.openedBy = openedBy;
    if (closingBy) out.closingBy = closingBy;
    return out;
  } catch {
    return {};
  }
}

const CLAIM_MAX = 24;

/** Epoch ms as seconds with millisecond decimals (1736942400.123). */
function toSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}

function fromSeconds(s: unknown): number | undefined {
  return typeof s === "number" ? epochMs(Math.round(s * 1000)) : undefined;
}

/** The last instant a JavaScript `Date` can hold (ms): a larger "time" cannot be formatted, only crash. */
const MAX_DATE_MS = 8.64e15;

/** A hand-edited time is kept only when it is one: a number of epoch ms a Date can hold. */
function epochMs(v: unknown): number | undefined {
  return typeof v === "number" && v >= 0 && v <= MAX_DATE_MS ? v : undefined;
}

/** Cuts `s` so that its JSON string encoding (quotes excluded) takes at most `room` characters. */
function truncateForJson(s: string, room: number): string {
  let out = s;
  while (out.length > 0 && JSON.stringify(out).length - 2 > room) out = out.slice(0, Math.max(0, out.length - 8));
  return out;
}
