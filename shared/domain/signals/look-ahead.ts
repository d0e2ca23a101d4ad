/**
 * Scale for the load expected when a node launched now will be serving, not the load now: a new DP node needs
 * `leadTimeSeconds` (boot + CP sync + registration) before it takes traffic, and CloudWatch's newest datapoint is
 * already minutes old. The look-ahead only ever raises a value (a rising trend); a falling trend never lowers it, so
 * it can make the autoscaler add nodes earlier but never remove them earlier.
 *
 * It works on the cluster's LOAD — each point's per-node value × the nodes it was measured on (`Point.n`) — not on
 * the per-node value: removing a node raises the per-node value of the others at constant load, and a trend of that
 * looks like rising load (scale out), then falling (scale in), a cycle of its own at constant traffic. The load, and
 * its projection, are then spread over the nodes in service now.
 *
 * The projection adds headroom to a scale-out the load already needs; it does not start one from a quiet fleet. Below
 * `projectFrom` (the bottom of the target's tolerance band) the value is the newest one: on per-minute noisy traffic
 * (NASA swings ±50 % minute to minute) a five-point slope projected over five minutes asked for nodes the load never
 * needed (nasa-launch-day: 80.6 instance-hours projecting from any level, 74.6 from the band; overload unchanged).
 */
import type { Point } from "../observation.ts";
import { RISE_SIGNIFICANCE } from "./rise-test.ts";
import { recentLoadTrend } from "./trend.ts";

export interface LookAhead {
  /** The newest datapoint's load per node in service now (its value when it was measured on as many nodes). */
  current: number;
  /** The value used for the proposal: `current`, or higher when the load's trend is rising. */
  value: number;
  /** Robust slope of the recent load per node in service now, per second (0 when there is no trend or it is off). */
  slopePerSecond: number;
  /** How far ahead of the newest datapoint the value was projected, seconds (0: not projected). */
  horizonSeconds: number;
  /** Nodes the newest datapoint was measured on (its `n`, else `nodesNow`). */
  measuredOn: number;
  /**
   * One-sided Mann–Kendall p-value that the load rises (1: no rising trend). A positive slope is projected only when
   * this is ≤ `RISE_SIGNIFICANCE`: most pairs of the recent points must rise, not just the median pair.
   */
  riseP: number;
}

/**
 * Projects the newest point of `points` (ascending, non-empty) to `now + leadMs` along the recent robust slope of the
 * load, per node in service now (`nodesNow` > 0; a point without `n` counts as measured on `nodesNow`).
 *
 * Rule: current = newest.v × newest.n ÷ nodesNow; horizon = now + lead − (newest.t + period / 2) — from the middle of
 * the newest period (a datapoint averages its period, `t` is the period's start) to the moment a node launched now
 * would serve; value = current + slope × horizon when the slope > 0, horizon > 0 and current ≥ `projectFrom`, else
 * current. `leadMs` = 0 turns the projection off (the rebasing onto the nodes in service now stays).
 */
export function lookAhead(
  points: readonly Point[],
  now: number,
  leadMs: number,
  periodMs: number,
  nodesNow: number,
  projectFrom = 0,
): LookAhead {
  const newest = points[points.length - 1]!;
  const measuredOn = newest.n ?? nodesNow;
  const current = measuredOn > 0 && nodesNow > 0 ? (newest.v * measuredOn) / nodesNow : newest.v;
  if (!(nodesNow > 0)) return { current, value: current, slopePerSecond: 0, horizonSeconds: 0, measuredOn, riseP: 1 };
  // The trend is observed at any level (the scale-in guardrail asks whether the load rises), projected only from
  // `projectFrom` up.
  const trend = recentLoadTrend(points, periodMs, nodesNow);
  const slope = trend.slopePerMs / nodesNow;
  const observed: LookAhead = {
    current,
    value: current,
    slopePerSecond: Number.isNaN(slope) ? 0 : slope * 1000,
    horizonSeconds: 0,
    measuredOn,
    riseP: trend.riseP,
  };
  const horizonMs = now + leadMs - (newest.t + periodMs / 2);
  if (leadMs <= 0 || current < projectFrom || !(slope > 0) || horizonMs <= 0 || trend.riseP > RISE_SIGNIFICANCE)
    return observed;
  return { ...observed, value: current + slope * horizonMs, horizonSeconds: horizonMs / 1000 };
}
