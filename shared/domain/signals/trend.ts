/**
 * A robust slope of a signal's recent points: the Theil–Sen estimator (the median of the slopes of every pair of
 * points). One outlier among five points barely moves it, unlike a least-squares fit or "last minus first".
 */
import type { Point } from "../observation.ts";
import { risePValue } from "./rise-test.ts";

/** The trend uses the newest point and those at most this many periods before it (5 points at a regular cadence). */
export const TREND_PERIODS = 4;
/** Fewer points than this give no trend: two points are a difference, not a trend. */
export const MIN_TREND_POINTS = 3;
/** More points than this (sub-period data) are not needed and would cost pairs. */
export const MAX_TREND_POINTS = 8;

// Scratch space for the pairwise slopes, reused by every call: the function stays pure (nothing survives a call)
// without allocating an array per signal per decision.
const pairSlopes = new Float64Array((MAX_TREND_POINTS * (MAX_TREND_POINTS - 1)) / 2);

/**
 * The Theil–Sen slope, in value units per millisecond, of the newest points of `points` (ascending by time): those
 * at most `TREND_PERIODS × periodMs` older than the newest, at most `MAX_TREND_POINTS`. NaN when fewer than
 * `MIN_TREND_POINTS` points qualify.
 */
export function recentSlopePerMs(points: readonly Point[], periodMs: number): number {
  return slopeOf(points, periodMs, 0);
}

/** The recent trend of a cluster's load: how fast, and how sure the points are that it rises at all. */
export interface LoadTrend {
  /** Theil–Sen slope of the load, value·nodes per ms; NaN when there is no trend (too few recent points). */
  slopePerMs: number;
  /** One-sided Mann–Kendall p-value that the load rises (`rise-test.ts`); 1 when there is no trend. */
  riseP: number;
}

/**
 * The trend of the cluster's LOAD, `v × n` per point (a point without `n` counts `defaultNodes`), over the points
 * `recentSlopePerMs` uses. Unlike the per-node value, the load does not jump when a node joins or leaves: removing one
 * of four nodes at 50 % raises the per-node value to 67 % while the load stays 200 %·nodes.
 */
export function recentLoadTrend(points: readonly Point[], periodMs: number, defaultNodes: number): LoadTrend {
  const pairs: PairCounts = { points: 0, rising: 0, falling: 0 };
  const slopePerMs = slopeOf(points, periodMs, defaultNodes, pairs);
  return { slopePerMs, riseP: Number.isNaN(slopePerMs) ? 1 : risePValue(pairs.points, pairs.rising, pairs.falling) };
}

/** How many points the trend used, and how many of their pairs rise and fall. */
interface PairCounts {
  points: number;
  rising: number;
  falling: number;
}

/**
 * `defaultNodes` 0: the per-node values themselves; otherwise each value × its point's nodes. Fills `pairs`, when
 * given, with what the slope was computed from.
 */
function slopeOf(points: readonly Point[], periodMs: number, defaultNodes: number, pairs?: PairCounts): number {
  const n = points.length;
  if (n < MIN_TREND_POINTS) return Number.NaN;
  const newestT = points[n - 1]!.t;
  const oldestAllowed = newestT - TREND_PERIODS * periodMs;
  let start = n - 1;
  while (start > 0 && n - start < MAX_TREND_POINTS && points[start - 1]!.t >= oldestAllowed) start--;
  if (n - start < MIN_TREND_POINTS) return Number.NaN;

  let count = 0;
  let rising = 0;
  let falling = 0;
  for (let i = start; i < n; i++) {
    const a = points[i]!;
    for (let j = i + 1; j < n; j++) {
      const b = points[j]!;
      const dt = b.t - a.t;
      if (dt > 0) {
        const slope = (trendValue(b, defaultNodes) - trendValue(a, defaultNodes)) / dt;
        pairSlopes[count++] = slope;
        if (slope > 0) rising++;
        else if (slope < 0) falling++;
      }
    }
  }
  if (count === 0) return Number.NaN;
  if (pairs) {
    pairs.points = n - start;
    pairs.rising = rising;
    pairs.falling = falling;
  }
  return medianInPlace(pairSlopes, count);
}

function trendValue(p: Point, defaultNodes: number): number {
  return defaultNodes === 0 ? p.v : p.v * (p.n ?? defaultNodes);
}

/** Median of the first `count` values of `xs`, sorting them in place (insertion sort: count ≤ 28). */
function medianInPlace(xs: Float64Array, count: number): number {
  for (let i = 1; i < count; i++) {
    const x = xs[i]!;
    let j = i - 1;
    while (j >= 0 && xs[j]! > x) {
      xs[j + 1] = xs[j]!;
      j--;
    }
    xs[j + 1] = x;
  }
  const mid = count >> 1;
  return count % 2 === 1 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}
