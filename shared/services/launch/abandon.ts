/**
 * Giving up on a launching node: deregister it from every target group first (never leave a node half-registered,
 * e.g. after a crash between RegisterTargets and CompleteLifecycleAction), then ABANDON (the ASG terminates and
 * replaces it). Only an ABANDON that found its action notifies and counts toward the CP-outage breaker, so duplicates
 * and retries do not announce or count the same node twice.
 *
 * A node that was not ready by the deadline for a reason that does not name the control plane (typically: its port
 * refused connections, because a DP that cannot reach its CP at boot exits) is judged with a peer's evidence
 * (`peer-cp-check.ts`): if an in-service node of the cluster reports the CP unreachable, the abandon counts as a
 * control-plane one. The peer is asked after the ABANDON, so the lifecycle action is never delayed by it, and only by
 * the invocation whose ABANDON found its action.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import { isNoAnswerReason } from "../../dataplane/reasons.ts";
import type { LifecycleWaitState } from "../../events/lifecycle-continuation.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import { OWN_METRICS } from "../../ports/metrics.ts";
import { breakerOnAbandon } from "../breaker/breaker-service.ts";
import { completeAction, hookExpired } from "../lifecycle/action-calls.ts";
import { type Invocation, LAUNCH_DONE_STATES, type LifecycleOutcome } from "../lifecycle/invocation.ts";
import { announceExpiredHook, lifecycleStateOf } from "../lifecycle/live-state.ts";
import { deregisterEverywhere } from "../lifecycle/target-groups.ts";
import { askPeerAboutControlPlane, describePeerEvidence, type PeerEvidence } from "./peer-cp-check.ts";

export type AbandonCause =
  /** Not ready by the readiness deadline; `lastReason` is what the node said last. */
  | { kind: "deadline"; lastReason: string; cpRelated: boolean }
  /** The instance went away (terminated, unknown to EC2, in another group): it says nothing about the CP. */
  | { kind: "instance-gone"; reason: string };

export async function abandonLaunch(
  deps: AutoscalerDeps,
  cluster: ClusterConfig,
  state: LifecycleWaitState,
  invocation: Invocation,
  cause: AbandonCause,
  hookTimeoutSeconds?: number,
): Promise<LifecycleOutcome> {
  const { instanceId } = state.action;
  // Live state decides, right before the first mutating call: a node already in service (a duplicate's CONTINUE, or a
  // stale or forged message about a serving node) is never deregistered nor abandoned.
  const { lifecycleState } = await lifecycleStateOf(deps, state.action.groupName, instanceId, invocation);
  if (lifecycleState !== undefined && LAUNCH_DONE_STATES.has(lifecycleState)) {
    deps.logger.warn("not abandoning: the instance is already in service", { instanceId, lifecycleState });
    return { status: "already-done", instanceId, detail: `instance is already ${lifecycleState}: not abandoned` };
  }
  await deregisterEverywhere(deps, cluster, instanceId, invocation);
  const result = await completeAction(deps, state.action, "ABANDON", invocation);
  const now = deps.clock.now();
  if (result === "not-found" && hookTimeoutSeconds !== undefined && hookExpired(state, now, hookTimeoutSeconds)) {
    // Ran out of time under us: the hook's default result decided, not us. Say so, and count it like our abandon.
    await announceExpiredHook(deps, cluster, "launch", state, invocation, "the hook's default result applied");
    if (cause.kind === "deadline" && cause.cpRelated)
      await breakerOnAbandon(deps, cluster, {
        instanceId,
        reason: `lifecycle hook timed out: ${cause.lastReason}`,
        cpRelated: true,
        requestId: invocation.requestId,
      });
  }
  const peer =
    result === "completed" && cause.kind === "deadline" && !cause.cpRelated
      ? await askPeerAboutControlPlane(deps, cluster, instanceId, invocation.remainingMs)
      : undefined;
  const why = abandonReason(cluster, cause, peer);
  const secondsWaited = Math.round((now - state.action.startedAt) / 1000);
  deps.logger.warn("launch abandoned", {
    cluster: cluster.name,
    instanceId,
    reason: why.reason,
    cpRelated: why.cpRelated,
    peerEvidence: peer,
    attempts: state.attempts,
    secondsWaited,
    completion: result,
  });
  if (result === "completed") {
    deps.publisher.publish(cluster.name, [{ name: OWN_METRICS.launchesAbandoned, unit: "Count", value: 1 }], now);
    await deps.notifier.notify({
      kind: "node-abandoned",
      cluster: cluster.name,
      at: now,
      requestId: invocation.requestId,
      instanceId,
      lastReason: why.reason,
      secondsWaited,
    });
    await breakerOnAbandon(deps, cluster, { ...why, instanceId, requestId: invocation.requestId });
  }
  return { status: "abandoned", instanceId, reason: why.reason };
}

/** The reason in words, and whether the breaker counts it: the node's own words, or a peer's evidence. */
export function abandonReason(
  cluster: ClusterConfig,
  cause: AbandonCause,
  peer?: PeerEvidence,
): { reason: string; cpRelated: boolean } {
  if (cause.kind === "instance-gone") return { reason: cause.reason, cpRelated: false };
  const base = `not ready after ${cluster.readiness.deadlineSeconds} s`;
  if (peer === undefined) return { reason: `${base}: ${cause.lastReason}`, cpRelated: cause.cpRelated };
  const node = peer.verdict === "cp-unreachable" ? nodeWords(cause.lastReason) : cause.lastReason;
  return {
    reason: `${base}: ${node}; ${describePeerEvidence(peer)}`,
    cpRelated: cause.cpRelated || peer.verdict === "cp-unreachable",
  };
}

/** The node's last words, said as "no answer" when it never answered (a DP that cannot reach its CP at boot exits). */
function nodeWords(lastReason: string): string {
  return isNoAnswerReason(lastReason) ? `no answer from the node, ${lastReason}` : lastReason;
}
