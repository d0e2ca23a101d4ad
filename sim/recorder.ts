/**
 * What a run measures, minute by minute and in total: the timeline the report draws, the counters of the summary, the
 * events (decisions with their reasons, abandons, the breaker, drains, faults) and the raw material of the invariants.
 * Only the measured window counts; the warm-up and the drain after the end are not measured.
 */
import type { TimelineEvent, TimelinePoint } from "./types.ts";

/** Events kept at most per run (a month of decisions would otherwise swamp the report). */
const MAX_EVENTS = 20_000;

export interface MinuteTotals {
  demandRequests: number;
  servedRequests: number;
  capacityRpsSeconds: number;
  /** Upstream p95 × requests, summed over the ticks (÷ latencyWeight: the minute's request-weighted upstream p95). */
  upstreamLatencyWeighted: number;
  latencyWeight: number;
  seconds: number;
}

export function emptyMinute(): MinuteTotals {
  return {
    demandRequests: 0,
    servedRequests: 0,
    capacityRpsSeconds: 0,
    upstreamLatencyWeighted: 0,
    latencyWeight: 0,
    seconds: 0,
  };
}

export class Recorder {
  readonly timeline: TimelinePoint[] = [];
  readonly events: TimelineEvent[] = [];
  readonly violations: string[] = [];
  demandRequests = 0;
  servedRequests = 0;
  overloadMinutes = 0;
  scaleOutActions = 0;
  scaleInActions = 0;
  abandonedLaunches = 0;
  registeredBeforeReady = 0;
  lifecycleTimeouts = 0;
  /** Seconds from "first answered ready" to "registered", one per node registered after it was ready. */
  readonly readyToRegisteredSeconds: number[] = [];
  notifications = 0;
  /** Slack messages after the real coalescer (`SimNotifier.channel`). */
  slackMessages = 0;
  peakNodes = 0;
  minNodes = Number.POSITIVE_INFINITY;
  droppedEvents = 0;
  /** DescribeAutoScalingGroups calls answered stale (the `staleGroupReadRate` fault). */
  staleReads = 0;
  readonly #windowStart: number;
  readonly #windowEnd: number;

  constructor(windowStartMs: number, windowEndMs: number) {
    this.#windowStart = windowStartMs;
    this.#windowEnd = windowEndMs;
  }

  /** Inside the measured window. */
  measures(atMs: number): boolean {
    return atMs >= this.#windowStart && atMs < this.#windowEnd;
  }

  event(t: number, kind: TimelineEvent["kind"], text: string): void {
    if (!this.measures(t)) return;
    if (this.events.length >= MAX_EVENTS) {
      this.droppedEvents++;
      return;
    }
    this.events.push({ t, kind, text });
  }

  violation(text: string): void {
    // The same broken rule at many instants is one finding with a count, not thousands of lines.
    if (this.violations.length < 50) this.violations.push(text);
  }
}

/** p-th percentile (0–100) by nearest rank; 0 for an empty list. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
