/**
 * A continuation (a hand-over, a sweep, or anything that reaches launch or drain in that shape) is a hint: it says
 * which action to look at, never what is true about it. `clampContinuation` clamps its times to what Auto Scaling and
 * EC2 report — a wait cannot have started after now, nor before the scaling activity that launched (or terminates) the
 * instance; a heartbeat, a first ready or a registration cannot be in the future. So a forged or corrupted
 * `startedAt` can neither stretch a deadline (nor stop heartbeats: "due" counts from the last heartbeat) nor cut one
 * short, and a chain of hand-overs ends at the hook's global timeout counted from the reported start.
 */
import type { LifecycleWaitState } from "../../events/lifecycle-continuation.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";

/** Activities read to find when a wait started (one DescribeScalingActivities page). */
const ACTIVITIES_READ = 50;

/** When Auto Scaling (or EC2) says the instance's launch or termination began, if it says. */
export async function reportedStart(
  deps: Pick<AutoscalerDeps, "fleet" | "instances">,
  action: LifecycleWaitState["action"],
): Promise<number | undefined> {
  const verb = action.transition === "launching" ? /^Launching a new EC2 instance/ : /^Terminating EC2 instance/;
  const activities = await deps.fleet.recentActivities(action.groupName, ACTIVITIES_READ).catch(() => []);
  const activity = activities.find((a) => verb.test(a.description) && a.description.includes(action.instanceId));
  if (activity) return activity.startTime;
  if (action.transition === "terminating") return undefined;
  return (await deps.instances.describeInstance(action.instanceId).catch(() => undefined))?.launchTime;
}

/** A continuation's times, clamped to what AWS reports (see the file's comment). Mutates and returns `state`. */
export async function clampContinuation(
  deps: Pick<AutoscalerDeps, "fleet" | "instances" | "clock" | "logger">,
  state: LifecycleWaitState,
): Promise<LifecycleWaitState> {
  const now = deps.clock.now();
  const claimed = state.action.startedAt;
  const reported = await reportedStart(deps, state.action);
  let startedAt = claimed;
  if (startedAt > now) startedAt = reported !== undefined && reported <= now ? reported : now;
  if (reported !== undefined && startedAt < reported && reported <= now) startedAt = reported;
  const within = (t: number | undefined) => (t === undefined ? undefined : Math.min(now, Math.max(startedAt, t)));
  const before = JSON.stringify([
    claimed,
    state.lastHeartbeatAt,
    state.firstReadyAt,
    state.registeredAt,
    state.deregisteredAt,
  ]);
  state.action.startedAt = startedAt;
  state.lastHeartbeatAt = within(state.lastHeartbeatAt);
  state.firstReadyAt = within(state.firstReadyAt);
  state.registeredAt = within(state.registeredAt);
  state.deregisteredAt = within(state.deregisteredAt);
  for (const k of ["lastHeartbeatAt", "firstReadyAt", "registeredAt", "deregisteredAt"] as const)
    if (state[k] === undefined) delete state[k];
  const after = JSON.stringify([
    startedAt,
    state.lastHeartbeatAt,
    state.firstReadyAt,
    state.registeredAt,
    state.deregisteredAt,
  ]);
  if (after !== before)
    deps.logger.warn("continuation times clamped to what Auto Scaling reports", {
      instanceId: state.action.instanceId,
      claimedStartedAt: claimed,
      startedAt,
      reportedStart: reported,
    });
  return state;
}
