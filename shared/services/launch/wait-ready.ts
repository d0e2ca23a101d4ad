/**
 * The readiness wait of one launching node: poll its status API every `readiness.pollIntervalSeconds` until it answers
 * ready, or the deadline (`readiness.deadlineSeconds` after the lifecycle action started) passes. On the way: re-read
 * the instance from EC2 now and then (an instance terminated under us ends the wait), heartbeat the hook when due
 * (beside the probes, never delaying them; no sleep outlasts the next heartbeat due), and hand over to a fresh invocation before Lambda's time runs out. All waiting goes through `deps.clock.sleep`.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import { checkReadiness } from "../../dataplane/check-readiness.ts";
import { ProbeTargetError } from "../../dataplane/errors.ts";
import { resolveProbeTarget } from "../../dataplane/probe-target.ts";
import type { ProbeAddress } from "../../dataplane/probe-url.ts";
import type { LifecycleWaitState } from "../../events/lifecycle-continuation.ts";
import { handOver, handOverReserveMs, isRetryableError } from "../lifecycle/action-calls.ts";
import type { LifecycleStepInput } from "../lifecycle/invocation.ts";

/** EC2 is asked again about the instance at most this often while it does not answer. */
const INSTANCE_RECHECK_MS = 30_000;
/** A describeInstance that failed, told apart from "EC2 does not know it" (undefined). */
const UNREADABLE: unique symbol = Symbol("unreadable");
/** Instance states in which it will never answer again. */
const GONE_STATES = new Set(["shutting-down", "terminated", "stopping", "stopped"]);

export type ReadyWaitResult =
  | { kind: "ready" }
  | { kind: "deadline" }
  | { kind: "instance-gone"; reason: string }
  /** A heartbeat said the action no longer exists. */
  | { kind: "action-gone" }
  | { kind: "handed-over"; handovers: number }
  /** Sweep mode: one look, nothing to decide yet. */
  | { kind: "sweep-left" };

export type ReadyWaitInput = LifecycleStepInput;

export function launchDeadline(cluster: ClusterConfig, state: LifecycleWaitState): number {
  return state.action.startedAt + cluster.readiness.deadlineSeconds * 1000;
}

export async function waitUntilReady(input: ReadyWaitInput): Promise<ReadyWaitResult> {
  const { deps, cluster, state, invocation, beats } = input;
  const { clock } = deps;
  const deadline = launchDeadline(cluster, state);
  const pollMs = cluster.readiness.pollIntervalSeconds * 1000;
  const reserveMs = handOverReserveMs(cluster);
  let address: ProbeAddress | undefined;
  let describedAt = Number.NEGATIVE_INFINITY;

  for (;;) {
    if (address === undefined || clock.now() - describedAt >= INSTANCE_RECHECK_MS) {
      describedAt = clock.now();
      // A lookup that fails transiently (throttled) is "not known yet", as a failed heartbeat is: failing the
      // invocation would restart the wait on Lambda's retry and, under sustained throttling, let the hook time out.
      const instance = await deps.instances
        .describeInstance(state.action.instanceId)
        .catch((error: unknown): typeof UNREADABLE => {
          if (!isRetryableError(error)) throw error;
          deps.logger.warn("instance not readable; will retry at the next poll", {
            instanceId: state.action.instanceId,
            error,
          });
          return UNREADABLE;
        });
      if (instance === UNREADABLE) {
        if (address === undefined) note(state, "instance not readable from EC2 yet", false);
      } else {
        if (instance === undefined || GONE_STATES.has(instance.state))
          return { kind: "instance-gone", reason: `instance gone (${instance?.state ?? "unknown to EC2"})` };
        const target = resolveProbeTarget(instance, cluster.autoScalingGroupName);
        if (target.ok) address = target.address;
        else if (target.final) return { kind: "instance-gone", reason: target.reason };
        else {
          address = undefined;
          note(state, target.reason, false);
        }
      }
    }

    if (address !== undefined) {
      const verdict = await probeOnce(input, address);
      state.attempts++;
      if (verdict.ready) {
        state.firstReadyAt ??= clock.now();
        return { kind: "ready" };
      }
      note(state, verdict.reason, verdict.cpRelated);
    }

    const now = clock.now();
    if (now >= deadline) return { kind: "deadline" };
    // Heart-beating runs beside the probes (input.beats): a throttled heartbeat's retries never delay a probe.
    await beats.beat();
    if (beats.actionGone) return { kind: "action-gone" };
    if (state.sweep) return { kind: "sweep-left" };
    const sleepMs = Math.min(pollMs, deadline - now, beats.sleepBoundMs());
    if (invocation.remainingMs() - sleepMs < reserveMs) {
      await beats.settle();
      return { kind: "handed-over", handovers: await handOver(deps, "launch", state) };
    }
    await clock.sleep(sleepMs);
    if (beats.actionGone) return { kind: "action-gone" };
  }
}

async function probeOnce(input: ReadyWaitInput, address: ProbeAddress) {
  try {
    return await checkReadiness(input.deps.probe, input.cluster.readiness, address);
  } catch (error) {
    // Only a template or address that fails the safety checks throws here: never probe, say why.
    if (error instanceof ProbeTargetError) return { ready: false, reason: error.message, cpRelated: false };
    throw error;
  }
}

function note(state: LifecycleWaitState, reason: string, cpRelated: boolean): void {
  state.lastReason = reason;
  state.lastReasonCpRelated = cpRelated;
}
