/**
 * Scale for the load expected when a node launched now will be serving, not the load now: a new DP node needs
 * `leadTimeSeconds` (boot + CP sync + registration) before it takes traffic, and CloudWatch's newest datapoint is
 * already minutes old. The look-ahead only ever raises a value (a rising trend); a falling trend never lowers it, so
 * it can make the autoscaler add nodes earlier but never remove them earlier.
 */
import type { Point } from "../observation.ts";
import { recentSlopePerMs } from "./trend.ts";

export interface LookAhead {
  /** The newest datapoint's value. */
  current: number;
  /** The value used for the proposal: `current`, or higher when the trend is rising. */
  value: number;
  /** Robust slope of the recent points, per second (0 when there is no trend or it is off). */
  slopePerSecond: number;
  /** How far ahead of the newest datapoint the value was projected, seconds (0: not projected). */
  horizonSeconds: number;
}

/**
 * Projects the newest point of `points` (ascending, non-empty) to `now + leadMs` along the recent robust slope.
 *
 * Rule: horizon = now + lead − (newest.t + period / 2) — from the middle of the newest period (a datapoint averages
 * its period, `t` is the period's start) to the moment a node launched now would serve; value = current + slope ×
 * horizon when slope > 0 and horizon > 0, else current. `leadMs` = 0 turns the look-ahead off.
 */
export function lookAhead(points: readonly Point[], now: number, leadMs: number, periodMs: number): LookAhead {
  const newest = points[points.length - 1]!;
  const current = newest.v;
  if (leadMs <= 0) return { current, value: current, slopePerSecond: 0, horizonSeconds: 0 };
  const slope = recentSlopePerMs(points, periodMs);
  const horizonMs = now + leadMs - (newest.t + periodMs / 2);
  if (!(slope > 0) || horizonMs <= 0) {
    return { current, value: current, slopePerSecond: Number.isNaN(slope) ? 0 : slope * 1000, horizonSeconds: 0 };
  }
  return {
    current,
    value: current + slope * horizonMs,
    slopePerSecond: slope * 1000,
    horizonSeconds: horizonMs / 1000,
  };
}
