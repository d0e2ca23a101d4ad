/**
 * State the autoscaler keeps in Auto Scaling group tags (no database of its own): the operator's pause and the
 * control-plane-outage breaker. Tag values are at most 256 characters; these codecs stay under that and never throw
 * on a value somebody edited by hand (an unreadable tag reads as "not paused" / "closed", and is reported).
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

export function decodePause(value: string | undefined): PauseState {
  if (value === undefined) return { paused: false };
  try {
    const o = JSON.parse(value) as { s?: unknown; b?: unknown; r?: unknown };
    return {
      paused: true,
      since: epochMs(o.s),
      by: typeof o.b === "string" && o.b !== "" ? o.b : undefined,
      reason: typeof o.r === "string" ? o.r : undefined,
    };
  } catch {
    // A hand-written tag still means "paused": the operator's intent is the tag's presence.
    return { paused: true, reason: value.slice(0, TAG_VALUE_MAX) };
  }
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
  if (value === undefined) return { open: false, abandons: [] };
  try {
    const o = JSON.parse(value) as { o?: unknown; a?: unknown; t?: unknown; r?: unknown };
    const abandons = Array.isArray(o.a) ? o.a.map(fromSeconds).filter((t) => t !== undefined) : [];
    return {
      open: o.o === 1,
      abandons,
      openedAt: fromSeconds(o.t),
      lastReason: typeof o.r === "string" ? o.r : undefined,
    };
  } catch {
    return { open: false, abandons: [] };
  }
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
