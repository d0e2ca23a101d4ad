/**
 * Figures the renderers read off a run's timeline (the summary holds the rest): peak demand, latency peaks, and
 * which minutes were overloaded.
 */
import type { RunResult, TimelineEvent, TimelinePoint } from "../types.ts";

export interface TimelineStats {
  peakDemandRps: number;
  peakDemandAtMs: number | undefined;
  peakServingCapacityRps: number;
  /** Highest per-minute p95 gateway latency, ms. */
  peakLatencyMs: number;
  peakUpstreamLatencyMs: number;
  /** Requests per second offered, averaged over the timeline. */
  meanDemandRps: number;
}

export function timelineStats(timeline: readonly TimelinePoint[]): TimelineStats {
  const stats: TimelineStats = {
    peakDemandRps: 0,
    peakDemandAtMs: undefined,
    peakServingCapacityRps: 0,
    peakLatencyMs: 0,
    peakUpstreamLatencyMs: 0,
    meanDemandRps: 0,
  };
  let sum = 0;
  // A minute the simulator could not measure (NaN latency with no node in service) must not poison a peak.
  const max = (a: number, b: number) => (Number.isFinite(b) && b > a ? b : a);
  for (const p of timeline) {
    if (Number.isFinite(p.demandRps)) sum += p.demandRps;
    if (p.demandRps > stats.peakDemandRps) {
      stats.peakDemandRps = p.demandRps;
      stats.peakDemandAtMs = p.t;
    }
    stats.peakServingCapacityRps = max(stats.peakServingCapacityRps, p.servingCapacityRps);
    stats.peakLatencyMs = max(stats.peakLatencyMs, p.latencyMs);
    stats.peakUpstreamLatencyMs = max(stats.peakUpstreamLatencyMs, p.upstreamLatencyMs);
  }
  stats.meanDemandRps = timeline.length === 0 ? 0 : sum / timeline.length;
  return stats;
}

/**
 * A minute is overloaded when part of its demand went unserved. The tolerance keeps float rounding in the simulator
 * (served = 99.9999 % of demand) from painting false alarms.
 */
export function isOverloaded(p: TimelinePoint): boolean {
  return p.demandRps > 0 && p.servedRps < p.demandRps * (1 - 1e-6);
}

/** Events counted by kind, in a stable order. */
export function eventCounts(run: RunResult): [TimelineEvent["kind"], number][] {
  const counts = new Map<TimelineEvent["kind"], number>();
  for (const e of run.events) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
