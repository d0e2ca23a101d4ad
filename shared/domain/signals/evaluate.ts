/**
 * One signal's answer, HPA replica_calculator style: is its data usable, what value counts (with the look-ahead),
 * and how many nodes it asks for. Produces the decision's `SignalReason` with a plain-words note.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { SignalReason } from "../decision.ts";
import { fmt, nodes, withUnit } from "../format.ts";
import type { SignalSeries } from "../observation.ts";
import { freshnessOf } from "./freshness.ts";
import { lookAhead } from "./look-ahead.ts";
import { LOOK_AHEAD_EXTRA_NODES, lookAheadProposal, proportionalProposal, withinTolerance } from "./proposal.ts";
import { RISE_SIGNIFICANCE } from "./rise-test.ts";
import { newestSaturated } from "./saturation.ts";

export interface SignalEvaluation {
  reason: SignalReason;
  /** No usable data: empty, stale, not a number, or measured on no node. */
  missing: boolean;
  /**
   * The signal's load rises beyond doubt (Mann–Kendall, `RISE_SIGNIFICANCE`): the stabilisation guardrail lets no
   * scale-in through against it, whatever level the per-node value shows.
   */
  rising: boolean;
  /** The newest datapoint is at the signal's ceiling (`saturation.ts`): a floor of the load, no ground to scale in. */
  saturated: boolean;
}

/** Evaluates `series` at `now` under the cluster's scaling settings. Pure. */
export function evaluateSignal(cluster: ClusterConfig, series: SignalSeries, now: number): SignalEvaluation {
  const sc = cluster.scaling;
  const { id, unit, target, points, nodesMeasured } = series;
  const staleAfterMs = sc.staleAfterSeconds * 1000;
  const freshness = freshnessOf(points, now, staleAfterMs);
  if (freshness !== "fresh") {
    let why: string;
    if (freshness === "empty") why = "no data";
    else if (freshness === "invalid") why = "newest datapoint is not a number";
    else {
      const ageS = Math.round((now - points[points.length - 1]!.t) / 1000);
      why = `newest datapoint is ${ageS} s old (stale after ${sc.staleAfterSeconds} s)`;
    }
    return missing(id, unit, target, `${id}: ${why} — missing`);
  }
  if (!(nodesMeasured > 0)) return missing(id, unit, target, `${id}: measured on no node in service — missing`);
  if (!(target > 0)) return missing(id, unit, target, `${id}: target ${target} is not positive — ignored as missing`);

  // Project only from inside or above the tolerance band: the look-ahead adds headroom to a needed scale-out.
  const projectFrom = target * (1 - sc.tolerance);
  const la = lookAhead(
    points,
    now,
    sc.leadTimeSeconds * 1000,
    sc.metricPeriodSeconds * 1000,
    nodesMeasured,
    projectFrom,
  );
  // From inside the band the look-ahead starts a scale-out of at most one node; above it, it adds at most three to
  // what the newest value asks for (a larger monotonic cap than the band's: the scale-out is already needed).
  const uncapped = proportionalProposal(nodesMeasured, la.value, target, sc.tolerance);
  const inBand = withinTolerance(la.current, target, sc.tolerance);
  const extra = inBand ? LOOK_AHEAD_EXTRA_NODES.inBand : LOOK_AHEAD_EXTRA_NODES.aboveBand;
  const proposal = lookAheadProposal(nodesMeasured, la.current, la.value, target, sc.tolerance, extra);
  let valueText = withUnit(la.current, unit);
  // The newest datapoint was measured on another number of nodes: say what it was before it was spread over today's.
  if (la.measuredOn !== nodesMeasured)
    valueText += ` (${withUnit(points[points.length - 1]!.v, unit)} measured on ${nodes(la.measuredOn)})`;
  const perMinText = withUnit(la.slopePerSecond * 60, unit === "" ? "/min" : `${unit}/min`);
  if (la.horizonSeconds > 0) {
    valueText += ` rising ${perMinText}, ${withUnit(la.value, unit)} expected in ${fmt(la.horizonSeconds / 60)} min`;
  } else if (
    la.slopePerSecond > 0 &&
    la.riseP > RISE_SIGNIFICANCE &&
    sc.leadTimeSeconds > 0 &&
    la.current >= projectFrom
  ) {
    // Say why a positive slope was not projected: an operator reading "rising" would expect it to be.
    valueText += ` (slope ${perMinText}, but the rise is not beyond doubt: Mann–Kendall p ${fmt(la.riseP)}, not projected)`;
  }
  let band = withinTolerance(la.value, target, sc.tolerance)
    ? `: within ±${fmt(sc.tolerance * 100)} % of target → ${proposal}`
    : ` → ${proposal}`;
  if (uncapped > proposal)
    band = ` → ${uncapped}, capped at ${proposal} (the look-ahead adds at most ${nodes(extra)} to what the newest value asks for)`;
  const note = `${id} ${valueText} vs target ${withUnit(target, unit)} on ${nodes(nodesMeasured)}${band}`;
  const rising = la.slopePerSecond > 0 && la.riseP <= RISE_SIGNIFICANCE;
  return {
    reason: { signal: id, unit, value: la.value, target, proposal, note },
    missing: false,
    rising,
    saturated: newestSaturated(series),
  };
}

/** A configured signal the observation does not carry at all. */
export function absentSignal(id: string, unit: string, target: number): SignalEvaluation {
  return missing(id, unit, target, `${id}: not in the observation — missing`);
}

function missing(signal: string, unit: string, target: number, note: string): SignalEvaluation {
  return {
    reason: { signal, unit, value: null, target, proposal: null, note },
    missing: true,
    rising: false,
    saturated: false,
  };
}
