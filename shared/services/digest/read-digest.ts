/**
 * A cluster's digest, read back from the autoscaler's own metrics (namespace `DPAutoscaler`, dimension `Cluster`) in
 * one GetMetricData over the period: every figure is one datapoint whose period is the whole digest period. The
 * metrics are what the functions publish anyway (`OWN_METRICS`): the scaler's decisions and sizes, launch's
 * `NodeSecondsToReady` and `LaunchesAbandoned`, drain's `NodeSecondsDraining`, and `GuardrailBlocks.<name>`.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import { GUARDRAIL_NAMES, ROUTINE_HOLDS } from "../../domain/decision.ts";
import type { Point } from "../../domain/observation.ts";
import {
  guardrailBlocksMetric,
  type MetricQuery,
  type MetricsPort,
  OWN_METRICS,
  OWN_NAMESPACE,
} from "../../ports/metrics.ts";
import type { ActivityDigest, Range } from "../../ports/notifier.ts";
import type { DigestPeriod } from "./period.ts";

/** Query id → the metric and statistic it reads. */
const FIGURES = {
  scaleOuts: [OWN_METRICS.scaleOut, "Sum"],
  scaleIns: [OWN_METRICS.scaleIn, "Sum"],
  capacityChanges: [OWN_METRICS.capacityChanges, "Sum"],
  nodesReady: [OWN_METRICS.secondsToReady, "SampleCount"],
  readyP50: [OWN_METRICS.secondsToReady, "p50"],
  readyP95: [OWN_METRICS.secondsToReady, "p95"],
  nodesDrained: [OWN_METRICS.secondsDraining, "SampleCount"],
  abandoned: [OWN_METRICS.launchesAbandoned, "Sum"],
  inServiceMin: [OWN_METRICS.inService, "Minimum"],
  inServiceMax: [OWN_METRICS.inService, "Maximum"],
  desiredMin: [OWN_METRICS.desired, "Minimum"],
  desiredMax: [OWN_METRICS.desired, "Maximum"],
} as const;

type Figure = keyof typeof FIGURES;

/** CloudWatch query ids: a lowercase letter first, then letters, digits, underscores. */
function figureId(figure: Figure): string {
  return `d_${figure}`;
}

function guardrailId(index: number): string {
  return `g_${index}`;
}

export function digestQueries(cluster: ClusterConfig, period: DigestPeriod): MetricQuery[] {
  const periodSeconds = (period.to - period.from) / 1000;
  const query = (id: string, metricName: string, stat: string): MetricQuery => ({
    id,
    namespace: OWN_NAMESPACE,
    metricName,
    dimensions: { Cluster: cluster.name },
    stat,
    periodSeconds,
  });
  return [
    ...Object.entries(FIGURES).map(([figure, [metric, stat]]) => query(figureId(figure as Figure), metric, stat)),
    ...GUARDRAIL_NAMES.map((name, i) => query(guardrailId(i), guardrailBlocksMetric(name), "Sum")),
  ];
}

/** The one datapoint of the period (the sum of several, should CloudWatch split it), or undefined. */
function value(points: Point[] | undefined, combine: (a: number, b: number) => number): number | undefined {
  if (!points || points.length === 0) return undefined;
  return points.map((p) => p.v).reduce(combine);
}

const add = (a: number, b: number) => a + b;

export function digestFromResults(results: Record<string, Point[]>, period: DigestPeriod): ActivityDigest {
  const sum = (f: Figure) => Math.round(value(results[figureId(f)], add) ?? 0);
  const min = (f: Figure) => value(results[figureId(f)], Math.min);
  const max = (f: Figure) => value(results[figureId(f)], Math.max);
  const rangeOf = (lo: Figure, hi: Figure): Range | undefined => {
    const lowest = min(lo);
    const peak = max(hi);
    return lowest === undefined || peak === undefined ? undefined : { lowest, peak };
  };
  const p50 = max("readyP50");
  const p95 = max("readyP95");
  const digest: ActivityDigest = {
    from: period.from,
    to: period.to,
    scaleOuts: sum("scaleOuts"),
    scaleIns: sum("scaleIns"),
    capacityChanges: sum("capacityChanges"),
    nodesReady: sum("nodesReady"),
    nodesDrained: sum("nodesDrained"),
    launchesAbandoned: sum("abandoned"),
    guardrailBlocks: GUARDRAIL_NAMES.map((name, i) => ({
      name,
      count: Math.round(value(results[guardrailId(i)], add) ?? 0),
    })).filter((g) => g.count > 0),
  };
  const inService = rangeOf("inServiceMin", "inServiceMax");
  if (inService) digest.inService = inService;
  const desired = rangeOf("desiredMin", "desiredMax");
  if (desired) digest.desired = desired;
  if (p50 !== undefined && p95 !== undefined) digest.secondsToReady = { p50, p95 };
  return digest;
}

/** True when something happened: a size change, a node added, removed or abandoned, a guardrail block that is news. */
export function somethingHappened(d: ActivityDigest): boolean {
  return (
    d.scaleOuts + d.scaleIns + d.capacityChanges + d.nodesReady + d.nodesDrained + d.launchesAbandoned > 0 ||
    d.guardrailBlocks.some((g) => !ROUTINE_HOLDS.includes(g.name))
  );
}

export async function readDigest(
  metrics: MetricsPort,
  cluster: ClusterConfig,
  period: DigestPeriod,
): Promise<ActivityDigest> {
  const results = await metrics.fetch(digestQueries(cluster, period), period.from, period.to);
  return digestFromResults(results, period);
}
