import { handOver, handOverReserveMs } from "../lifecycle/action-calls.ts";
import type { LifecycleStepInput } from "../lifecycle/invocation.ts";
import { healthEverywhere } from "../lifecycle/target-groups.ts";
import { launchDeadline } from "./wait-ready.ts";

export type HealthyWaitResult =
  | { kind: "healthy" }
  | { kind: "timeout"; states: string }
  | { kind: "action-gone" }
  | { kind: "handed-over"; handovers: number }
  | { kind: "sweep-left"; states: string };

export async function waitUntilHealthy(input: LifecycleStepInput): Promise<HealthyWaitResult> {
  const { deps, cluster, state, invocation, beats } = input;
  const { clock } = deps;
  const registeredAt = state.registeredAt ?? clock.now();
  // A sweep does not know when an earlier sweep first registered the node: count from the readiness deadline at the
  // latest, so that sweeps cannot push the bound forward forever.
  const from = state.sweep ? Math.min(registeredAt, launchDeadline(cluster, state)) : registeredAt;
  const until = from + cluster.readiness.healthyTimeoutSeconds * 1000;
  const pollMs = cluster.readiness.pollIntervalSeconds * 1000;
  for (;;) {
    const health = await healthEverywhere(deps, cluster, state.action.instanceId);
    if (health.every((h) => h.health.state === "healthy")) return { kind: "healthy" };
    const states = health.map((h) => `${shortArn(h.targetGroupArn)}=${h.health.state}`).join(", ");
    const now = clock.now();
    if (now >= until) return { kind: "timeout", states };
    await beats.beat();
    if (beats.actionGone) return { kind: "action-gone" };
    if (state.sweep) return { kind: "sweep-left", states };
    const sleepMs = Math.min(pollMs, until - now, beats.sleepBoundMs());
    if (invocation.remainingMs() - sleepMs < handOverReserveMs(cluster)) {
      await beats.settle();
      return { kind: "handed-over", handovers: await handOver(deps, "launch", state) };
    }
    await clock.sleep(sleepMs);
    if (beats.actionGone) return { kind: "action-gone" };
  }
}

/** `targetgroup/dp-alb/0123abcd` out of a target group ARN, for reasons people read. */
export function shortArn(arn: string): string {
  const i = arn.indexOf("targetgroup/");
  return i >= 0 ? arn.slice(i) : arn;
}
