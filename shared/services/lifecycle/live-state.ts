/**
 * Live state decides; messages are hints (a continuation's times are clamped first: `continuation-hints.ts`):
 *
 * - `lifecycleStateOf`: the instance's lifecycle state, re-read before every mutating call. A read that contradicts
 *   what the caller already knows (a stale answer right after someone else's completion) is read again, briefly.
 * - `announceExpiredHook`: an action that ran out of time under us (no heartbeat for the hook's whole timeout, or past
 *   its global timeout) is an error people hear about: logged, counted (`LifecycleHooksExpired`), announced.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { LifecycleWaitState } from "../../events/lifecycle-continuation.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import type { GroupState } from "../../ports/fleet.ts";
import { OWN_METRICS } from "../../ports/metrics.ts";
import { retryTransient } from "./action-calls.ts";

/** How often, and how far apart, a read that contradicts what we know is read again (eventual consistency). */
const REREAD_ATTEMPTS = 3;
const REREAD_DELAY_MS = 2_000;

export interface LiveState {
  /** Undefined: the group does not list the instance (gone, or in a warm pool). */
  lifecycleState: string | undefined;
  group: GroupState | undefined;
}

/**
 * The instance's lifecycle state now, retried on a transient failure. `until` says which answers are believable; one
 * that is not (e.g. `Pending:Wait` right after Auto Scaling said the action is over: a stale read) is read again, up
 * to 3 times 2 s apart, and the last answer is returned whatever it says.
 */
export async function lifecycleStateOf(
  deps: Pick<AutoscalerDeps, "fleet" | "clock" | "logger">,
  groupName: string,
  instanceId: string,
  invocation: { remainingMs(): number },
  believable: (lifecycleState: string | undefined) => boolean = () => true,
): Promise<LiveState> {
  for (let attempt = 1; ; attempt++) {
    const group = await retryTransient(deps, "DescribeAutoScalingGroups", () => deps.fleet.describeGroup(groupName), {
      remainingMs: invocation.remainingMs,
    });
    const lifecycleState = group?.instances.find((i) => i.instanceId === instanceId)?.lifecycleState;
    if (believable(lifecycleState) || attempt >= REREAD_ATTEMPTS) return { lifecycleState, group };
    deps.logger.info("lifecycle state read contradicts what is known; reading it again", {
      instanceId,
      lifecycleState,
      attempt,
    });
    await deps.clock.sleep(REREAD_DELAY_MS);
  }
}

/** Logs, counts and announces a lifecycle action that timed out before we decided it. */
export async function announceExpiredHook(
  deps: Pick<AutoscalerDeps, "logger" | "publisher" | "notifier" | "clock">,
  cluster: ClusterConfig,
  fn: "launch" | "drain",
  state: LifecycleWaitState,
  invocation: { requestId?: string },
  outcome: string,
): Promise<void> {
  const now = deps.clock.now();
  const { instanceId } = state.action;
  const message =
    `${fn} of ${instanceId}: the lifecycle hook timed out before the autoscaler decided it ` +
    `(${Math.round((now - state.action.startedAt) / 1000)} s after it started, last heartbeat ` +
    `${state.lastHeartbeatAt !== undefined ? `${Math.round((now - state.lastHeartbeatAt) / 1000)} s ago` : "never"}); ${outcome}`;
  deps.logger.error("lifecycle hook expired before the action was decided", {
    cluster: cluster.name,
    instanceId,
    function: fn,
    lastReason: state.lastReason,
    outcome,
  });
  deps.publisher.publish(cluster.name, [{ name: OWN_METRICS.lifecycleHooksExpired, unit: "Count", value: 1 }], now);
  await deps.notifier.notify({
    kind: "autoscaler-error",
    cluster: cluster.name,
    at: now,
    requestId: invocation.requestId,
    functionName: fn,
    message,
  });
}
