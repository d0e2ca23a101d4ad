/**
 * A saturated measurement is a floor, not a reading. A node at 100 % CPU serves what it can and the rest of the demand
 * waits or fails: the datapoint says "at least this much load", and spreading it over more nodes (the look-ahead's
 * rebasing onto the nodes in service now) says nothing about how much more there is. So a signal whose newest
 * datapoint is saturated never lets a scale-in through (`guardrails/stabilisation.ts`).
 *
 * Seen in the simulator: a CP outage as a flash crowd arrived left 2 nodes at 100 % CPU and 3 launches stuck; when
 * the CP came back and the 3 joined, the 2 nodes' 100 % read as 40 % over 5 nodes and the fleet was scaled in
 * 5 → 3 with 80,000 req/s waiting.
 *
 * Only signals with a physical ceiling saturate: CPU. Bandwidth can burst past the baseline it is measured against,
 * request rates have no ceiling, a custom signal's meaning is unknown.
 */
import type { SignalSeries } from "../observation.ts";

/** Per-node values at or above which a signal's datapoint counts as saturated, by signal id. */
export const SATURATED_AT: Readonly<Record<string, number>> = { cpu: 95 };

/** True when the newest datapoint of `series`, as measured (before any rebasing), is at its signal's ceiling. */
export function newestSaturated(series: SignalSeries): boolean {
  const ceiling = SATURATED_AT[series.id];
  const newest = series.points[series.points.length - 1];
  return ceiling !== undefined && newest !== undefined && newest.v >= ceiling;
}
