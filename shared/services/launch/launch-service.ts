/**
 * Launch: from "an instance is in Pending:Wait" to CONTINUE (ready, registered) or ABANDON (not ready by the deadline,
 * or gone). Level-triggered: every invocation — first event, duplicate, retry after a crash, hand-over, sweep — starts
 * by reading the real state, so all of them end in the same place. What a message says (a continuation's times, its
 * instance) is a hint: the instance's lifecycle state is read again before every mutating call.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { LifecycleWaitState } from "../../events/lifecycle-continuation.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import { completeAction, globalTimeoutMs, Heartbeater, hookTimeoutSeconds } from "../lifecycle/action-calls.ts";
import type { Invocation, LifecycleOutcome } from "../lifecycle/invocation.ts";
import { isTerminatingState, LAUNCH_DONE_STATES } from "../lifecycle/invocation.ts";
import { lifecycleStateOf } from "../lifecycle/live-state.ts";
import { deregisterEverywhere } from "../lifecycle/target-groups.ts";
import { abandonLaunch } from "./abandon.ts";
import { registerAndContinue } from "./register-and-continue.ts";
import { settleEndedLaunch } from "./settle-ended.ts";
import { waitUntilReady } from "./wait-ready.ts";

export async function runLaunch(
  deps: AutoscalerDeps,
  cluster: ClusterConfig,
  state: LifecycleWaitState,
  invocation: Invocation,
): Promise<LifecycleOutcome> {
  const { action } = state;
  const instanceId = action.instanceId;

  // The read every path depends on: one throttled answer must not fail the invocation (and cost a Lambda retry).
  const { lifecycleState } = await lifecycleStateOf(deps, action.groupName, instanceId, invocation);
  if (lifecycleState !== undefined && LAUNCH_DONE_STATES.has(lifecycleState))
    return { status: "already-done", instanceId, detail: `instance is already ${lifecycleState}` };
  if (lifecycleState !== undefined && isTerminatingState(lifecycleState)) {
    await deregisterEverywhere(deps, cluster, instanceId, invocation);
    return { status: "already-done", instanceId, detail: `instance is ${lifecycleState}: deregistered` };
  }

  // An instance entering the warm pool is stopped or kept idle: it serves nothing, so it is not registered; it is
  // launched again (Origin WarmPool) when it joins the group, and judged then.
  if (action.destination === "WarmPool") {
    const result = await completeAction(deps, action, "CONTINUE", invocation);
    return result === "completed"
      ? { status: "continued", instanceId, detail: "entering the warm pool: not registered" }
      : { status: "already-done", instanceId, detail: "warm-pool action already completed" };
  }

  const hookTimeout = await hookTimeoutSeconds(deps, cluster, state);
  // Auto Scaling keeps no action past its global timeout: a wait (or a chain of hand-overs) never outlives it.
  if (deps.clock.now() - action.startedAt >= globalTimeoutMs(hookTimeout))
    return settleEndedLaunch(deps, cluster, instanceId, invocation, { state, hookTimeoutSeconds: hookTimeout });

  const beats = new Heartbeater(deps, state, hookTimeout, invocation.remainingMs);
  const input = { deps, cluster, state, invocation, hookTimeoutSeconds: hookTimeout, beats };
  try {
    return await decide(input);
  } finally {
    await beats.settle();
  }
}

async function decide(input: Parameters<typeof registerAndContinue>[0]): Promise<LifecycleOutcome> {
  const { deps, cluster, state, invocation, hookTimeoutSeconds } = input;
  const { instanceId } = state.action;
  const waited = await waitUntilReady(input);
  switch (waited.kind) {
    case "ready":
      return registerAndContinue(input);
    case "deadline":
      // A sweep past the deadline comes here too, so lost events get the same peer check (abandon.ts).
      return abandonLaunch(
        deps,
        cluster,
        state,
        invocation,
        {
          kind: "deadline",
          lastReason: state.lastReason ?? "never probed",
          cpRelated: state.lastReasonCpRelated ?? false,
        },
        hookTimeoutSeconds,
      );
    case "instance-gone":
      return abandonLaunch(
        deps,
        cluster,
        state,
        invocation,
        { kind: "instance-gone", reason: waited.reason },
        hookTimeoutSeconds,
      );
    case "action-gone":
      return settleEndedLaunch(deps, cluster, instanceId, invocation, input);
    case "handed-over":
      return {
        status: "handed-over",
        instanceId,
        handovers: waited.handovers,
        reason: state.lastReason ?? "waiting for readiness",
      };
    case "sweep-left":
      return { status: "waiting", instanceId, reason: state.lastReason ?? "waiting for readiness" };
  }
}
