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

/** Encodes the breaker; keeps only the newest abandons that fit. */
export function encodeBreaker(b: BreakerState): string {
  const abandons = [...b.abandons];
  for (;;) {
    const o: Record<string, unknown> = { o: b.open ? 1 : 0, a: abandons.map((t) => Math.round(t / 1000)) };
    if (b.openedAt !== undefined) o.t = Math.round(b.openedAt / 1000);
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
    const abandons = Array.isArray(o.a)
      ? o.a.map((s) => epochMs(typeof s === "number" ? s * 1000 : undefined)).filter((t) => t !== undefined)
      : [];
    return {
      open: o.o === 1,
      abandons,
      openedAt: epochMs(typeof o.t === "number" ? o.t * 1000 : undefined),
      lastReason: typeof o.r === "string" ? o.r : undefined,
    };
  } catch {
    return { open: false, abandons: [] };
  }
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
