/**
 * What a trigger asks of the scaler: which clusters to reconcile (an alarm → its cluster; the schedule and
 * `{ reconcile: "all" }` → every cluster), each one isolated from the others' failures. Alarms of no managed cluster
 * are logged and ignored; the alarm's new state is only a hint (OK and INSUFFICIENT_DATA reconcile too). The schedule
 * also sends the digest of each cluster whose digest period it closes (`shared/services/digest/`).
 */
import type { ClusterConfig, DeploymentConfig } from "../../config/schema.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import { DEPLOYMENT_SCOPE, OWN_METRICS } from "../../ports/metrics.ts";
import { sendDigestIfDue } from "../digest/send-digest.ts";
import { type ClusterOutcome, type ReconcileOptions, reconcileCluster } from "./reconcile-cluster.ts";
import { routeAlarm } from "./route-alarm.ts";
import type { ScalerTrigger } from "./trigger.ts";

export interface IgnoredAlarm {
  alarmName: string;
  state: string;
  reason: string;
}

export interface ScalerResult {
  /** False when the event was invalid, the configuration could not be loaded, or any cluster failed. */
  ok: boolean;
  trigger?: ScalerTrigger["kind"];
  decisions: ClusterOutcome[];
  ignored?: IgnoredAlarm[];
  error?: string;
}

/** The clusters a trigger asks for, in configuration order; alarms of no cluster go to `ignored`. */
export function clustersFor(
  config: DeploymentConfig,
  trigger: ScalerTrigger,
): { clusters: ClusterConfig[]; ignored: IgnoredAlarm[]; error?: string } {
  if (trigger.kind === "schedule" || (trigger.kind === "reconcile" && trigger.target === "all"))
    return { clusters: config.clusters, ignored: [] };
  if (trigger.kind === "reconcile") {
    const c = config.clusters.find((x) => x.name === trigger.target);
    if (c) return { clusters: [c], ignored: [] };
    const known = config.clusters.map((x) => x.name).join(", ");
    return { clusters: [], ignored: [], error: `unknown cluster "${trigger.target}" (configured: ${known})` };
  }
  const wanted = new Set<string>();
  const ignored: IgnoredAlarm[] = [];
  for (const alarm of trigger.alarms) {
    const route = routeAlarm(config, alarm);
    if (route.matched) wanted.add(route.cluster);
    else ignored.push({ alarmName: alarm.alarmName, state: alarm.state, reason: "belongs to no managed cluster" });
  }
  return { clusters: config.clusters.filter((c) => wanted.has(c.name)), ignored };
}

export async function runScalerTrigger(
  deps: AutoscalerDeps,
  config: DeploymentConfig,
  trigger: ScalerTrigger,
  options: ReconcileOptions,
): Promise<ScalerResult> {
  const { logger } = deps;
  if (trigger.kind === "alarm")
    for (const a of trigger.alarms)
      logger.info(`alarm ${a.alarmName} is ${a.state}`, {
        alarm: {
          name: a.alarmName,
          state: a.state,
          previousState: a.previousState,
          via: a.via,
          changedAt: a.changedAt,
        },
      });

  const { clusters, ignored, error } = clustersFor(config, trigger);
  for (const i of ignored) logger.info(`alarm ${i.alarmName} ignored: it ${i.reason}`, { alarm: i });
  if (ignored.length > 0)
    deps.publisher.publish(
      DEPLOYMENT_SCOPE,
      [{ name: OWN_METRICS.unknownAlarms, unit: "Count", value: ignored.length }],
      deps.clock.now(),
    );
  if (error !== undefined) {
    logger.error(error);
    return { ok: false, trigger: trigger.kind, decisions: [], error };
  }

  const decisions: ClusterOutcome[] = [];
  // One cluster after the other: a deterministic order for logs and the simulator, and GetMetricData's 50 TPS spared.
  for (const cluster of clusters) {
    try {
      decisions.push(await reconcileCluster(deps, cluster, options));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      logger.error(`${cluster.name}: reconcile failed`, { cluster: cluster.name, error: err as Error });
      deps.publisher.publish(
        cluster.name,
        [{ name: OWN_METRICS.clusterErrors, unit: "Count", value: 1 }],
        deps.clock.now(),
      );
      decisions.push({ cluster: cluster.name, ok: false, error: message });
    }
  }
  // The schedule's tick also closes digest periods; after the scaling, so a digest never delays a decision.
  if (trigger.kind === "schedule")
    for (const cluster of clusters) await sendDigestIfDue(deps, cluster, trigger.at, options.requestId);
  const result: ScalerResult = { ok: decisions.every((d) => d.ok), trigger: trigger.kind, decisions };
  if (ignored.length > 0) result.ignored = ignored;
  return result;
}
