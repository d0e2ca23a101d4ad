/**
 * Catches lifecycle actions whose event was lost (Auto Scaling events are best effort). The scaler's every-minute tick
 * calls `sweepLifecycle` for each cluster with the group it just read; for every instance waiting in `Pending:Wait`
 * or `Terminating:Wait` for longer than a grace period, it sends the launch or drain function a **sweep**: a
 * continuation with `sweep: true`, which makes one pass — probe once (launch) or check draining once (drain), heartbeat
 * if due, register + CONTINUE if ready, ABANDON past the deadline, CONTINUE once drained — and never waits or hands
 * over.
 *
 * Why sweeps rather than full pollers: nothing records that a poller is running (no database, and heartbeats are not
 * readable back from Auto Scaling), so a full poller per tick would pile up one more poller every minute. A sweep
 * ends in seconds, so at most one per instance per tick exists, and a duplicate of a live poller costs one probe.
 * The price: an instance whose event was lost is judged once a minute instead of every poll interval. The grace
 * period keeps sweeps away from the normal case, where the event-driven poller is already on it.
 *
 * When the wait started: the newest scaling activity naming the instance ("Launching a new EC2 instance: i-…",
 * "Terminating EC2 instance: i-…"), else (launch) the instance's launch time; deadlines count from there, so sweeps
 * cannot push a deadline forward. Never throws: a failure here must not stop the scaler's tick.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { LifecycleTransition } from "../../events/lifecycle-action.ts";
import { continuationPayload, initialWaitState } from "../../events/lifecycle-continuation.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import type { GroupInstance, GroupState, LifecycleHook, ScalingActivity } from "../../ports/fleet.ts";
import { retryTransient } from "./action-calls.ts";
import { LAUNCH_WAIT_STATE, TERMINATE_WAIT_STATE } from "./invocation.ts";

/** An event normally arrives within seconds; after this, a waiting instance is swept every tick. */
export const LOST_EVENT_GRACE_MS = 90_000;
/** Activities read to find when each wait started (one DescribeScalingActivities page). */
const ACTIVITIES_READ = 50;
/** The scaler has 60 s for every cluster: the sweep's reads get 3 attempts (1 s and 2 s apart), not the full budget. */
const SWEEP_READS = { attempts: 3 };

const TRANSITION_OF_STATE: Record<string, LifecycleTransition> = {
  [LAUNCH_WAIT_STATE]: "launching",
  [TERMINATE_WAIT_STATE]: "terminating",
};

export async function sweepLifecycle(deps: AutoscalerDeps, cluster: ClusterConfig, group: GroupState): Promise<void> {
  const waiting = group.instances.filter((i) => TRANSITION_OF_STATE[i.lifecycleState] !== undefined);
  if (waiting.length === 0) return;
  try {
    // Retried on a transient error: without both reads no action of the group is swept in this tick.
    const [hooks, activities] = await Promise.all([
      retryTransient(deps, "DescribeLifecycleHooks", () => deps.fleet.describeLifecycleHooks(group.name), SWEEP_READS),
      retryTransient(
        deps,
        "DescribeScalingActivities",
        () => deps.fleet.recentActivities(group.name, ACTIVITIES_READ),
        SWEEP_READS,
      ),
    ]);
    await Promise.all(waiting.map((instance) => sweepOne(deps, cluster, group, instance, hooks, activities)));
  } catch (error) {
    deps.logger.warn("lifecycle sweep failed; the next tick tries again", { cluster: cluster.name, error });
  }
}

async function sweepOne(
  deps: AutoscalerDeps,
  cluster: ClusterConfig,
  group: GroupState,
  instance: GroupInstance,
  hooks: LifecycleHook[],
  activities: ScalingActivity[],
): Promise<void> {
  const transition = TRANSITION_OF_STATE[instance.lifecycleState]!;
  const hook = ourHook(hooks, transition);
  if (!hook) {
    deps.logger.warn("instance waits on a lifecycle hook the autoscaler cannot identify: not swept", {
      cluster: cluster.name,
      instanceId: instance.instanceId,
      transition,
      hooks: hooks.map((h) => h.name),
    });
    return;
  }
  const startedAt = await waitStartedAt(deps, instance.instanceId, transition, activities);
  const now = deps.clock.now();
  if (startedAt !== undefined && now - startedAt < LOST_EVENT_GRACE_MS) return;
  const fn = transition === "launching" ? "launch" : "drain";
  const state = initialWaitState(
    {
      transition,
      groupName: group.name,
      hookName: hook.name,
      instanceId: instance.instanceId,
      startedAt: startedAt ?? now,
    },
    true,
  );
  await deps.continuation.continueLater(fn, continuationPayload(fn, state));
  deps.logger.info("waiting instance swept", {
    cluster: cluster.name,
    instanceId: instance.instanceId,
    lifecycleState: instance.lifecycleState,
    waitingSeconds: startedAt !== undefined ? Math.round((now - startedAt) / 1000) : undefined,
  });
}

/**
 * The hook this transition waits on. With one hook per transition it is that one; with several (another tool's hook
 * on the same group), only one whose name says it is ours — completing someone else's action would be wrong.
 */
export function ourHook(hooks: LifecycleHook[], transition: LifecycleTransition): LifecycleHook | undefined {
  const candidates = hooks.filter((h) => h.transition === transition);
  if (candidates.length === 1) return candidates[0];
  const ours = candidates.filter((h) => /dp-autoscaler/i.test(h.name));
  return ours.length === 1 ? ours[0] : undefined;
}

async function waitStartedAt(
  deps: AutoscalerDeps,
  instanceId: string,
  transition: LifecycleTransition,
  activities: ScalingActivity[],
): Promise<number | undefined> {
  const verb = transition === "launching" ? /^Launching a new EC2 instance/ : /^Terminating EC2 instance/;
  const activity = activities.find((a) => verb.test(a.description) && a.description.includes(instanceId));
  if (activity) return activity.startTime;
  if (transition === "terminating") return undefined;
  return (await deps.instances.describeInstance(instanceId))?.launchTime;
}
