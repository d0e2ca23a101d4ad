/**
 * Wait until the leaving node's targets leave `draining` in every target group, bounded by the longest deregistration
 * delay of the cluster's groups and `drain.maxWaitSeconds` (whichever is shorter), heart-beating the hook and handing
 * over before Lambda's time runs out. ALB ends draining early when the target is idle; NLB keeps flows for the delay.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import { handOver, handOverReserveMs, isRetryableError } from "../lifecycle/action-calls.ts";
import type { LifecycleStepInput } from "../lifecycle/invocation.ts";
import { healthEverywhere } from "../lifecycle/target-groups.ts";

export type DrainWaitResult =
  | { kind: "drained" }
  | { kind: "bound-reached"; boundSeconds: number }
  | { kind: "action-gone" }
  | { kind: "handed-over"; handovers: number }
  | { kind: "sweep-left" };

export async function drainBoundSeconds(
  deps: Pick<AutoscalerDeps, "targets">,
  cluster: ClusterConfig,
): Promise<number> {
  // A delay that cannot be read now (throttled) counts as the longest wait allowed: the bound stays safe.
  const delays = await Promise.all(
    cluster.targetGroupArns.map((arn) =>
      deps.targets.deregistrationDelaySeconds(arn).catch((error: unknown) => {
        if (!isRetryableError(error)) throw error;
        return cluster.drain.maxWaitSeconds;
      }),
    ),
  );
  return Math.min(cluster.drain.maxWaitSeconds, Math.max(0, ...delays));
}

export async function waitUntilDrained(input: LifecycleStepInput): Promise<DrainWaitResult> {
  const { deps, cluster, state, invocation, beats } = input;
  const { clock } = deps;
  const boundSeconds = await drainBoundSeconds(deps, cluster);
  const deregisteredAt = state.deregisteredAt ?? clock.now();
  // A sweep does not know when an earlier one deregistered: count from the action's start, so sweeps cannot push the
  // bound forward forever.
  const from = state.sweep ? Math.min(deregisteredAt, state.action.startedAt) : deregisteredAt;
  const until = from + boundSeconds * 1000;
  const pollMs = cluster.readiness.pollIntervalSeconds * 1000;
  for (;;) {
    // One poll that fails transiently (throttled) is "not known yet", as a failed heartbeat is: failing the
    // invocation would restart the whole wait on Lambda's retry and, under sustained throttling, let the hook time out.
    const health = await healthEverywhere(deps, cluster, state.action.instanceId).catch((error: unknown) => {
      if (!isRetryableError(error)) throw error;
      deps.logger.warn("target health not readable; will retry at the next poll", {
        instanceId: state.action.instanceId,
        error,
      });
      return undefined;
    });
    state.attempts++;
    const draining = health?.filter((h) => h.health.state === "draining");
    if (draining?.length === 0) return { kind: "drained" };
    state.lastReason = draining
      ? `draining in ${draining.length} of ${health!.length} target groups`
      : "target health not readable";
    const now = clock.now();
    if (now >= until) return { kind: "bound-reached", boundSeconds };
    await beats.beat();
    if (beats.actionGone) return { kind: "action-gone" };
    if (state.sweep) return { kind: "sweep-left" };
    const sleepMs = Math.min(pollMs, until - now, beats.sleepBoundMs());
    if (invocation.remainingMs() - sleepMs < handOverReserveMs(cluster)) {
      await beats.settle();
      return { kind: "handed-over", handovers: await handOver(deps, "drain", state) };
    }
    await clock.sleep(sleepMs);
    if (beats.actionGone) return { kind: "action-gone" };
  }
}
