/**
 * When is a series' data usable? A series is missing when it is empty, or when its newest point is older than
 * `staleAfterMs` at `now` (CloudWatch keeps serving the last datapoint of a dead metric source forever).
 */
import type { Point } from "../observation.ts";

export type Freshness = "fresh" | "empty" | "stale" | "invalid";

/** Classifies the newest point of `points` (ascending by time). */
export function freshnessOf(points: readonly Point[] | undefined, now: number, staleAfterMs: number): Freshness {
  if (points === undefined || points.length === 0) return "empty";
  const newest = points[points.length - 1]!;
  if (!Number.isFinite(newest.v) || !Number.isFinite(newest.t)) return "invalid";
  return now - newest.t > staleAfterMs ? "stale" : "fresh";
}

/** The newest point if it is fresh; undefined otherwise (empty, stale or not a number). */
export function freshNewest(
  points: readonly Point[] | undefined,
  now: number,
  staleAfterMs: number,
): Point | undefined {
  return freshnessOf(points, now, staleAfterMs) === "fresh" ? points![points!.length - 1] : undefined;
}
