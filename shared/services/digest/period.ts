/**
 * Which digest period a scaler tick closes. Periods are `digestMinutes` long and aligned on UTC midnight (the schema
 * only allows lengths that divide a day), so every container, retry and replay agrees on them without any state.
 *
 * The period `[from, to)` is told by the schedule tick of minute `to + SETTLE_MINUTES`: the own metrics are EMF log
 * lines that CloudWatch turns into metrics asynchronously, so the last minute of a period is read back a few minutes
 * later, not at its end. The EventBridge rule fires once a minute (`rate(1 minute)`), and its event's `time` is the
 * scheduled minute, so exactly one tick matches; a tick that is lost is a digest lost (the figures stay on the
 * dashboard), and a retried tick may send one twice — both rare, and both only about routine events.
 */

/** Minutes after a period's end before its digest is read back. */
export const SETTLE_MINUTES = 5;

const MINUTE_MS = 60_000;

export interface DigestPeriod {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
}

/** The period whose digest the tick scheduled at `tickAt` sends, or undefined (most ticks, or the digest is off). */
export function periodClosedBy(tickAt: number, digestMinutes: number): DigestPeriod | undefined {
  if (!(digestMinutes > 0) || !Number.isFinite(tickAt)) return undefined;
  const endMinute = Math.floor(tickAt / MINUTE_MS) - SETTLE_MINUTES;
  if (endMinute % digestMinutes !== 0) return undefined;
  const to = endMinute * MINUTE_MS;
  return { from: to - digestMinutes * MINUTE_MS, to };
}
