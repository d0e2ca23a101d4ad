/**
 * Builds the `Observation` the pure decision reads: the Auto Scaling group (size, instances, pause and breaker
 * tags) and every signal of the cluster from ONE `GetMetricData` call, each normalised to a per-node value in the
 * unit of its target. "No data" stays an empty series, never zeros.
 *
 * Conversions (see docs/configuration.md):
 * - cpu: AWS/EC2 CPUUtilization by AutoScalingGroupName, Average — % per REPORTING instance, booting and draining
 *   ones included: × the reporting instances (SampleCount; never fewer than the nodes in service, whose datapoints
 *   may still be on their way) ÷ the nodes in service then (own InServiceNodes) gives % per node in service, and each
 *   point carries that count as `n`; a period the scaler has not recorded yet (a first deployment) keeps its value,
 *   measured on `n` = SampleCount (see observe/in-service.ts);
 * - bandwidth: NetworkIn/NetworkOut Average (bytes per period per instance) → bits/s = v × 8 ÷ period; the larger
 *   direction ÷ the node's baseline bandwidth, in %, undiluted like cpu. The period must equal the instances' monitoring interval
 *   (60 s detailed, 300 s basic), which is what `scaling.metricPeriodSeconds` means;
 * - request rate and custom signals: `Sum` ÷ period (per second); `cluster-total` values ÷ the nodes in service at
 *   each datapoint's time;
 * - aggregate throughput (bandwidth-ceiling): NetworkIn/NetworkOut Sum ÷ period × 8, the larger direction;
 * - latencies: as the configured metrics report them (ms);
 * - recent recommendations: the autoscaler's own RecommendedCapacity, Maximum per minute.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { GuardrailInputs, NodeView, Observation, Point, SignalSeries } from "../../domain/observation.ts";
import { SIGNAL_IDS } from "../../domain/signals/expected.ts";
import { BREAKER_TAG, PAUSE_TAG, readBreakerTag, readPauseTag } from "../../domain/tags.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import type { GroupInstance, GroupState } from "../../ports/fleet.ts";
import { nodeBaselineBandwidth } from "./baseline.ts";
import { nodesByTime, perNodeInService, reportingInstances, totalPerNodeInService } from "./in-service.ts";
import { clusterQueries, customQueryId, OWN_METRIC_PERIOD_SECONDS, QUERY_IDS } from "./queries.ts";
import { bytesPerPeriodToBitsPerSecond, isSumStat, mapValues, maxAtCommonTimes, perSecond } from "./series-math.ts";

export type ObserveDeps = Pick<AutoscalerDeps, "fleet" | "instances" | "metrics" | "clock">;

export interface DetailedObservation {
  observation: Observation;
  /** The group as Auto Scaling reported it (the lifecycle sweep needs its instances and tags). */
  group: GroupState;
  /** Things worth a log line that the observation cannot say (an unknown instance type's baseline, …). */
  notes: string[];
}

const IN_SERVICE = "InService";

/** The cluster's Auto Scaling group does not exist (deleted, renamed, or another account/region). */
export class GroupNotFoundError extends Error {
  override readonly name = "GroupNotFoundError";
  constructor(
    readonly cluster: string,
    readonly groupName: string,
  ) {
    super(`cluster ${cluster}: Auto Scaling group "${groupName}" not found`);
  }
}

/** Observes `cluster` now. Rejects with `GroupNotFoundError` when its Auto Scaling group does not exist. */
export async function observeCluster(deps: ObserveDeps, cluster: ClusterConfig): Promise<Observation> {
  return (await observeClusterDetailed(deps, cluster)).observation;
}

export async function observeClusterDetailed(deps: ObserveDeps, cluster: ClusterConfig): Promise<DetailedObservation> {
  const now = deps.clock.now();
  const { scaling } = cluster;
  // The stabilisation window may reach further back than the signals' lookback; one call covers both.
  const windowSeconds = Math.max(
    scaling.lookbackSeconds,
    scaling.scaleIn.stabilisationSeconds + OWN_METRIC_PERIOD_SECONDS,
  );
  const [group, data] = await Promise.all([
    deps.fleet.describeGroup(cluster.autoScalingGroupName),
    deps.metrics.fetch(clusterQueries(cluster), now - windowSeconds * 1000, now),
  ]);
  if (group === undefined) throw new GroupNotFoundError(cluster.name, cluster.autoScalingGroupName);

  const serving = group.instances.filter((i) => i.lifecycleState === IN_SERVICE);
  const nodes = serving.length;
  const period = scaling.metricPeriodSeconds;
  const series = (id: string): Point[] => data[id] ?? [];
  // How many nodes served, and how many instances reported, in each period (see observe/in-service.ts).
  const inServiceAt = nodesByTime(series(QUERY_IDS.inService));
  const reportingAt = reportingInstances(nodesByTime(series(QUERY_IDS.reporting)), inServiceAt);
  const notes: string[] = [];
  const signals: SignalSeries[] = [];
  const { cpu, bandwidth, requestRate, custom } = cluster.signals;

  if (cpu.enabled)
    signals.push({
      id: SIGNAL_IDS.cpu,
      unit: "%",
      target: cpu.targetPercent,
      points: perNodeInService(series(QUERY_IDS.cpu), inServiceAt, reportingAt),
      nodesMeasured: nodes,
    });

  if (bandwidth.enabled) {
    const baseline = await nodeBaselineBandwidth(
      deps.instances,
      cluster,
      serving.length > 0 ? serving : group.instances,
    );
    if (baseline.note) notes.push(`bandwidth: ${baseline.note}`);
    const bps = maxAtCommonTimes(
      bytesPerPeriodToBitsPerSecond(series(QUERY_IDS.networkIn), period),
      bytesPerPeriodToBitsPerSecond(series(QUERY_IDS.networkOut), period),
    );
    const perNodeBps = baseline.bps;
    signals.push({
      id: SIGNAL_IDS.bandwidth,
      unit: "%",
      target: bandwidth.targetPercent,
      // Without a baseline there is no percentage: missing data, never a made-up number.
      points:
        perNodeBps === undefined
          ? []
          : perNodeInService(
              mapValues(bps, (v) => (v / perNodeBps) * 100),
              inServiceAt,
              reportingAt,
            ),
      nodesMeasured: nodes,
    });
  }

  if (requestRate) {
    signals.push(
      clusterTotal(SIGNAL_IDS.requestRate, "req/s", requestRate.targetPerNode, series(QUERY_IDS.requestRate), {
        stat: requestRate.metric.stat,
        period,
        nodes,
        inServiceAt,
      }),
    );
  }

  for (const s of custom) {
    const raw = series(customQueryId(s.id));
    const opts = { stat: s.metric.stat, period, nodes, inServiceAt };
    signals.push(
      s.aggregation === "cluster-total"
        ? clusterTotal(s.id, s.unit, s.target, raw, opts)
        : {
            id: s.id,
            unit: s.unit,
            target: s.target,
            // Reported by the nodes themselves (no dilution to undo), but measured on the nodes of its time.
            points: perNodeInService(rate(raw, opts), inServiceAt),
            nodesMeasured: nodes,
          },
    );
  }

  const guardrailInputs: GuardrailInputs = {};
  if (cluster.guardrails.bandwidthCeiling)
    guardrailInputs.aggregateThroughputBps = maxAtCommonTimes(
      bytesPerPeriodToBitsPerSecond(series(QUERY_IDS.aggregateIn), period),
      bytesPerPeriodToBitsPerSecond(series(QUERY_IDS.aggregateOut), period),
    );
  if (cluster.guardrails.upstreamLatency) {
    guardrailInputs.upstreamLatencyMs = series(QUERY_IDS.upstreamLatency);
    guardrailInputs.gatewayLatencyMs = series(QUERY_IDS.gatewayLatency);
  }

  // A hand-edited state tag the autoscaler does not recognise: read as documented (tags.ts), and said once a run.
  const pause = readPauseTag(group.tags[PAUSE_TAG]);
  const breaker = readBreakerTag(group.tags[BREAKER_TAG]);
  for (const warning of [pause.warning, breaker.warning]) if (warning !== undefined) notes.push(warning);

  const observation: Observation = {
    cluster: cluster.name,
    observedAt: now,
    group: {
      name: group.name,
      desired: group.desired,
      min: group.min,
      max: group.max,
      instances: group.instances.map(nodeView),
    },
    signals,
    guardrailInputs,
    paused: pause.state,
    breaker: breaker.state,
    recentRecommendations: series(QUERY_IDS.recommended),
  };
  return { observation, group, notes };
}

interface RateOptions {
  stat: string;
  period: number;
  nodes: number;
  inServiceAt: ReadonlyMap<number, number>;
}

/** A `Sum` per period becomes per second; other statistics are already rates or levels. */
function rate(points: Point[], o: RateOptions): Point[] {
  return isSumStat(o.stat) ? perSecond(points, o.period) : points;
}

/**
 * A cluster total spread over the nodes in service at each datapoint's time (now, when unknown). With no node in
 * service the total is kept whole over one "node", so the proposal (nodes × value ÷ target = total ÷ target) still
 * says how many nodes the load needs.
 */
function clusterTotal(id: string, unit: string, target: number, points: Point[], o: RateOptions): SignalSeries {
  const over = Math.max(1, o.nodes);
  return {
    id,
    unit,
    target,
    points: totalPerNodeInService(rate(points, o), o.inServiceAt, over),
    nodesMeasured: over,
  };
}

function nodeView(i: GroupInstance): NodeView {
  const v: NodeView = { instanceId: i.instanceId, lifecycleState: i.lifecycleState, healthStatus: i.healthStatus };
  if (i.instanceType !== undefined) v.instanceType = i.instanceType;
  return v;
}
