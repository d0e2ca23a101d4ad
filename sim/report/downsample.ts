/**
 * Shrinks a run's timeline for the HTML report: at most `maxPoints` per series, each point the maximum of the minutes
 * it covers (peaks of demand, nodes and latency survive; a bucket counts as overloaded when any of its minutes was).
 * Values are rounded to what a chart can show, which keeps the file small.
 */
import type { TimelinePoint } from "../types.ts";
import { isOverloaded } from "./timeline-stats.ts";

export interface ChartColumns {
  /** Epoch seconds of each bucket's first minute (uPlot's unit). */
  t: number[];
  demand: number[];
  capacity: number[];
  served: number[];
  desired: number[];
  launching: number[];
  inService: number[];
  draining: number[];
  latency: number[];
  upstream: number[];
  /** 1 when any minute of the bucket was overloaded. */
  overload: number[];
  /** Timeline points per bucket (1 = not downsampled). */
  bucket: number;
}

export function toChartColumns(timeline: readonly TimelinePoint[], maxPoints: number): ChartColumns {
  const bucket = Math.max(1, Math.ceil(timeline.length / Math.max(1, maxPoints)));
  const cols: ChartColumns = {
    t: [],
    demand: [],
    capacity: [],
    served: [],
    desired: [],
    launching: [],
    inService: [],
    draining: [],
    latency: [],
    upstream: [],
    overload: [],
    bucket,
  };
  for (let from = 0; from < timeline.length; from += bucket) {
    const slice = timeline.slice(from, from + bucket);
    const max = (f: (p: TimelinePoint) => number) =>
      slice.reduce((m, p) => Math.max(m, f(p)), Number.NEGATIVE_INFINITY);
    cols.t.push(Math.round(slice[0]!.t / 1000));
    cols.demand.push(roundRate(max((p) => p.demandRps)));
    cols.capacity.push(roundRate(max((p) => p.servingCapacityRps)));
    cols.served.push(roundRate(max((p) => p.servedRps)));
    cols.desired.push(max((p) => p.desired));
    cols.launching.push(max((p) => p.launching));
    cols.inService.push(max((p) => p.inService));
    cols.draining.push(max((p) => p.draining));
    cols.latency.push(roundTenth(max((p) => p.latencyMs)));
    cols.upstream.push(roundTenth(max((p) => p.upstreamLatencyMs)));
    cols.overload.push(slice.some(isOverloaded) ? 1 : 0);
  }
  return cols;
}

/** Whole requests per second above 100, a tenth below. */
function roundRate(v: number): number {
  return Math.abs(v) >= 100 ? Math.round(v) : roundTenth(v);
}

function roundTenth(v: number): number {
  return Math.round(v * 10) / 10;
}
