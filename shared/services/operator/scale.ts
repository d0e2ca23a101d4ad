/**
 * `scale`: set the group's desired capacity to an absolute number, after every check the request asks for.
 *
 * Refused (nothing changes) when the number is outside [floor, ceiling] (`boundsOf`), when `expectDesired` is not
 * the group's desired capacity now (compare-and-set: someone, or the scaler, changed it since the caller looked), or
 * while the control-plane-outage breaker is open — new nodes could not get configuration — unless `force: true`,
 * which is logged as a warning and announced. A dry run makes every check and answers what would happen.
 *
 * Auto Scaling has no conditional SetDesiredCapacity: the compare and the set are one API round trip apart, which is
 * the window in which a concurrent change can still slip through.
 */
import { BREAKER_TAG, decodeBreaker, decodePause, PAUSE_TAG } from "../../domain/tags.ts";
import type { ScaleRequest } from "../../events/operator-request.ts";
import { boundsOf, ceilingSource, floorSource, loadGroup } from "./cluster-state.ts";
import type { ActionContext, ScaleResponse } from "./types.ts";
import { OperatorRefusalError } from "./types.ts";

export async function scaleAction(ctx: ActionContext, request: ScaleRequest): Promise<ScaleResponse> {
  const { deps, cluster } = ctx;
  const group = await loadGroup(deps, cluster);
  const bounds = boundsOf(cluster, group);
  const from = group.desired;
  const to = request.desired;

  if (request.expectDesired !== undefined && request.expectDesired !== from)
    throw new OperatorRefusalError(
      "conflict",
      `expectDesired: the group's desired capacity is ${from}, not ${request.expectDesired} — it changed since you ` +
        "looked; read status and decide again",
      "expectDesired",
      { currentDesired: from, expectDesired: request.expectDesired },
    );

  if (to < bounds.floor || to > bounds.ceiling)
    throw new OperatorRefusalError(
      "out_of_bounds",
      `desired: ${to} is outside [${bounds.floor}, ${bounds.ceiling}] (floor: ${floorSource(bounds)}; ceiling: ` +
        `${ceilingSource(bounds)})`,
      "desired",
      { requested: to, floor: bounds.floor, ceiling: bounds.ceiling },
    );

  const breaker = decodeBreaker(group.tags[BREAKER_TAG]);
  if (breaker.open && !request.force)
    throw new OperatorRefusalError(
      "breaker_open",
      "the control-plane-outage breaker is open" +
        (breaker.openedAt !== undefined ? ` since ${new Date(breaker.openedAt).toISOString()}` : "") +
        (breaker.lastReason ? ` (last: ${breaker.lastReason})` : "") +
        ": new nodes cannot get configuration. Fix the control plane, or repeat with force: true",
      "force",
      { openedAt: breaker.openedAt, abandons: breaker.abandons.length },
    );
  const forced = breaker.open && request.force;

  const warnings: string[] = [];
  if (forced)
    warnings.push(
      "forced while the control-plane-outage breaker is open: new nodes may be abandoned until the CP works",
    );
  if (!decodePause(group.tags[PAUSE_TAG]).paused && to !== from)
    warnings.push(
      "the cluster is not paused: the scaler decides again at its next run and may move this size; pause first to " +
        "hold a manual size",
    );

  const base = { ok: true as const, action: "scale" as const, cluster: cluster.name, fromDesired: from, toDesired: to };
  if (request.dryRun) return { ...base, dryRun: true, changed: false, forced, bounds, warnings };
  if (to === from) return { ...base, dryRun: false, changed: false, forced, bounds, warnings };

  if (forced)
    deps.logger.warn("manual scale forced while the control-plane breaker is open", {
      cluster: cluster.name,
      fromDesired: from,
      toDesired: to,
      requestedBy: request.requestedBy,
      caller: ctx.caller.arn ?? "unverified",
      reason: request.reason,
    });
  await deps.fleet.setDesiredCapacity(cluster.autoScalingGroupName, to);
  await deps.notifier.notify({
    kind: "manual-action",
    cluster: cluster.name,
    at: deps.clock.now(),
    requestId: ctx.requestId,
    action: "scale",
    by: request.requestedBy,
    ...(ctx.caller.arn !== undefined ? { callerArn: ctx.caller.arn } : {}),
    reason: request.reason,
    fromDesired: from,
    toDesired: to,
    forced,
  });
  return { ...base, dryRun: false, changed: true, forced, bounds, warnings };
}
