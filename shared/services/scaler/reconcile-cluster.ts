/**
 * One cluster, one pass: observe → decide → act → record (EMF) → log → notify, then hand over stuck lifecycle
 * actions. Everything is computed from live state, so running it twice, or twice at once, converges on the same
 * absolute size.
 *
 * The lifecycle sweep runs whatever happened to the scaling part: a tick whose observation was throttled, or whose
 * decision or action failed, still sweeps (no lifecycle action may be left to time out because metrics were
 * unreadable). It only needs the group: the one the observation read, else one more DescribeAutoScalingGroups
 * (`groupForSweep`). The scaling failure is still thrown afterwards, so the cluster is reported as failed.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import { countCapacity } from "../../domain/capacity.ts";
import type { Decision, GuardrailName, ScalingAction } from "../../domain/decision.ts";
import type { Observation } from "../../domain/observation.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import type { GroupState } from "../../ports/fleet.ts";
import { observeClusterDetailed } from "../observe/observe.ts";
import { applyDecision } from "./apply-decision.ts";
import { groupForSweep } from "./group-for-sweep.ts";
import { decisionNotifications } from "./notify-decision.ts";
import { type ApplyOutcome, decisionMetrics } from "./own-metrics.ts";

/** The pure decision (`shared/domain/decide.ts`), injectable so a simulator or a test can wrap it. */
export type DecideFn = (cluster: ClusterConfig, obs: Observation, now: number) => Decision;

/** Finishes lifecycle actions whose events were lost (implemented by `shared/services/lifecycle/`). */
export type SweepLifecycleFn = (cluster: ClusterConfig, group: GroupState) => Promise<void>;

export interface ReconcileOptions {
  decide: DecideFn;
  sweepLifecycle?: SweepLifecycleFn;
  requestId?: string;
}

export interface ClusterOutcome {
  cluster: string;
  ok: boolean;
  action?: ScalingAction;
  currentDesired?: number;
  desired?: number;
  recommended?: number;
  /** What happened to the group: `set` (SetDesiredCapacity done), `unchanged`, `contention` (next tick retries). */
  applied?: ApplyOutcome;
  guardrails?: { name: GuardrailName; effect: "blocked" | "capped" }[];
  summary?: string;
  /** Set when this cluster failed (the others carried on). */
  error?: string;
}

export async function reconcileCluster(
  deps: AutoscalerDeps,
  cluster: ClusterConfig,
  options: ReconcileOptions,
): Promise<ClusterOutcome> {
  let observed: GroupState | undefined;
  try {
    return await scaleCluster(deps, cluster, options, (group) => {
      observed = group;
    });
  } finally {
    if (options.sweepLifecycle) await sweepWithoutThrowing(deps, cluster, options.sweepLifecycle, observed);
  }
}

async function scaleCluster(
  deps: AutoscalerDeps,
  cluster: ClusterConfig,
  options: ReconcileOptions,
  onGroup: (group: GroupState) => void,
): Promise<ClusterOutcome> {
  const { logger, clock } = deps;
  const { observation, group, notes } = await observeClusterDetailed(deps, cluster);
  onGroup(group);
  for (const note of notes) logger.warn(`${cluster.name}: ${note}`, { cluster: cluster.name });

  const decision = options.decide(cluster, observation, clock.now());
  const applied = await applyDecision(deps.fleet, cluster, decision);
  if (applied === "contention")
    logger.warn(`${cluster.name}: Auto Scaling is busy with another change; the next tick converges`, {
      cluster: cluster.name,
      desired: decision.desired,
    });

  const inService = countCapacity(observation.group.instances, observation.group.desired).inService;
  deps.publisher.publish(
    cluster.name,
    decisionMetrics(decision, applied, { inService, breakerOpen: observation.breaker.open }),
    decision.at,
  );
  logger.info(decision.summary, { cluster: cluster.name, decision, applied });

  for (const event of decisionNotifications(decision, applied, options.requestId)) {
    try {
      await deps.notifier.notify(event);
    } catch (err) {
      // The port promises never to reject; if one does, scaling has already happened and must not be undone.
      logger.warn("notification failed", { cluster: cluster.name, kind: event.kind, error: err as Error });
    }
  }

  return {
    cluster: cluster.name,
    ok: true,
    action: decision.action,
    currentDesired: decision.currentDesired,
    desired: decision.desired,
    recommended: decision.recommended,
    applied,
    guardrails: decision.guardrails.map((g) => ({ name: g.name, effect: g.effect })),
    summary: decision.summary,
  };
}

/** Never throws: a sweep's failure must not hide the scaling outcome, nor stop the other clusters. */
async function sweepWithoutThrowing(
  deps: AutoscalerDeps,
  cluster: ClusterConfig,
  sweep: SweepLifecycleFn,
  observed: GroupState | undefined,
): Promise<void> {
  try {
    const group = observed ?? (await groupForSweep(deps, cluster));
    if (group) await sweep(cluster, group);
  } catch (err) {
    deps.logger.error(`${cluster.name}: lifecycle sweep failed`, {
      cluster: cluster.name,
      error: err as Error,
    });
  }
}
