/**
 * `status`: one look at a cluster — size and bounds, nodes by state, target health per target group, pause and
 * breaker, the group's recent scaling activities (the scaler's SetDesiredCapacity shows there), the signals' newest
 * values and what the scaler would decide now. Parts that fail to read are reported, not fatal: status is what people
 * run when things are broken.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { Decision } from "../../domain/decision.ts";
import { BREAKER_TAG, PAUSE_TAG, readBreakerTag, readPauseTag } from "../../domain/tags.ts";
import type { StatusRequest } from "../../events/operator-request.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import type { TargetState } from "../../ports/targets.ts";
import { boundsOf, loadGroup, nodesByState } from "./cluster-state.ts";
import { decideNow } from "./explain.ts";
import type {
  ActionContext,
  DecisionBrief,
  RecentActivity,
  SignalNow,
  StatusResponse,
  TargetGroupHealth,
} from "./types.ts";

/** How many scaling activities status shows. */
export const RECENT_ACTIVITIES = 10;

export async function statusAction(ctx: ActionContext, _request: StatusRequest): Promise<StatusResponse> {
  const { deps, cluster } = ctx;
  const group = await loadGroup(deps, cluster);
  const [activities, targets, now] = await Promise.all([
    recentActivities(deps, cluster),
    Promise.all(cluster.targetGroupArns.map((arn) => targetGroupHealth(deps, arn))),
    decideNow(deps, cluster).then(
      (r) => ({ ok: true as const, ...r }),
      (err: unknown) => ({ ok: false as const, error: err instanceof Error ? err.message : String(err) }),
    ),
  ]);
  const pause = readPauseTag(group.tags[PAUSE_TAG]);
  const breaker = readBreakerTag(group.tags[BREAKER_TAG]);
  const tagWarnings = [pause.warning, breaker.warning].filter((w) => w !== undefined);
  const response: StatusResponse = {
    ok: true,
    action: "status",
    cluster: cluster.name,
    groupName: group.name,
    desired: group.desired,
    min: group.min,
    max: group.max,
    bounds: boundsOf(cluster, group),
    nodes: nodesByState(group.instances),
    targets,
    paused: pause.state,
    breaker: breaker.state,
    recentActivities: activities,
    signals: now.ok
      ? now.observation.signals.map((s): SignalNow => {
          const last = s.points[s.points.length - 1];
          return { id: s.id, unit: s.unit, target: s.target, latest: last?.v ?? null, ...(last ? { at: last.t } : {}) };
        })
      : [],
    decisionNow: now.ok ? brief(now.decision) : null,
  };
  if (!now.ok) response.decisionError = now.error;
  if (tagWarnings.length > 0) response.tagWarnings = tagWarnings;
  return response;
}

function brief(d: Decision): DecisionBrief {
  return {
    action: d.action,
    currentDesired: d.currentDesired,
    desired: d.desired,
    recommended: d.recommended,
    summary: d.summary,
    reasons: d.reasons,
    guardrails: d.guardrails,
  };
}

async function recentActivities(deps: AutoscalerDeps, cluster: ClusterConfig): Promise<RecentActivity[]> {
  try {
    const list = await deps.fleet.recentActivities(cluster.autoScalingGroupName, RECENT_ACTIVITIES);
    return list.map((a) => ({ at: a.startTime, status: a.statusCode, description: a.description, cause: a.cause }));
  } catch (error) {
    deps.logger.warn("status: scaling activities not readable", { cluster: cluster.name, error: error as Error });
    return [];
  }
}

async function targetGroupHealth(deps: AutoscalerDeps, targetGroupArn: string): Promise<TargetGroupHealth> {
  try {
    const list = await deps.targets.health(targetGroupArn);
    const counts: Partial<Record<TargetState, number>> = {};
    for (const t of list) counts[t.state] = (counts[t.state] ?? 0) + 1;
    return {
      targetGroupArn,
      counts,
      targets: list.map((t) => ({
        instanceId: t.instanceId,
        state: t.state,
        ...(t.reason ? { reason: t.reason } : {}),
      })),
    };
  } catch (err) {
    return { targetGroupArn, counts: {}, targets: [], error: err instanceof Error ? err.message : String(err) };
  }
}
