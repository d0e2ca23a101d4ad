/**
 * Keeps the CP-outage breaker in the Auto Scaling group's tags (no database of our own) and tells people once when it
 * opens and once when it closes.
 *
 * - **Counting is race-free by construction.** Each control-plane abandon writes its own tag
 *   (`dp-autoscaler:cp-abandon:<instance>`, `shared/domain/breaker-records.ts`); no writer can overwrite another's
 *   record, so N launches abandoned in the same millisecond are N records.
 * - **The state is derived from the records** (`deriveBreaker`) by every abandoner once the others' writes have had
 *   `BREAKER_SETTLE_MS` to become visible; whoever sees the breaker open writes the view the scaler's
 *   `control-plane-outage` guardrail and the operator read (`dp-autoscaler:cp-breaker`). Writing "open" is idempotent,
 *   so every abandoner that sees it may write it: a lost write is repaired by any of the others.
 * - **One announcement per transition.** Auto Scaling tags have no compare-and-set (nor has any other store the
 *   functions may write), so the announcer is elected: each candidate writes its claim into the view (last writer
 *   wins), waits the settle time, reads it back, and only the one whose claim stuck announces. Closing works the same
 *   way with a closing claim, read back after twice the settle time (so a close never overtakes the opening's
 *   read-back). The bound is in `docs/lifecycle.md`: a second announcement needs a claim written more than the settle
 *   time after the previous claimer's read-back, i.e. a tag read or write slower than the settle time.
 *
 * Failures are logged and swallowed: a breaker that could not be written must not undo a completed lifecycle action.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import {
  type AbandonRecord,
  abandonRecordKey,
  abandonRecords,
  encodeAbandonRecord,
} from "../../domain/breaker-records.ts";
import type { BreakerState } from "../../domain/observation.ts";
import { BREAKER_TAG, decodeBreaker, decodeBreakerClaims, encodeBreaker } from "../../domain/tags.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import { deriveBreaker, outdatedRecords } from "./transitions.ts";

type BreakerDeps = Pick<AutoscalerDeps, "fleet" | "notifier" | "logger" | "clock">;

/**
 * How long a writer waits for concurrent tag writes to become visible before it reads them back: well above a
 * CreateOrUpdateTags round trip (tens to hundreds of ms) and DescribeAutoScalingGroups' read-after-write lag.
 */
export const BREAKER_SETTLE_MS = 5_000;

export async function readBreaker(deps: Pick<AutoscalerDeps, "fleet">, groupName: string): Promise<BreakerState> {
  const group = await deps.fleet.describeGroup(groupName);
  return decodeBreaker(group?.tags[BREAKER_TAG]);
}

async function readTags(deps: Pick<AutoscalerDeps, "fleet">, groupName: string): Promise<Record<string, string>> {
  return (await deps.fleet.describeGroup(groupName))?.tags ?? {};
}

/** A launch was abandoned (and the ABANDON was ours). Only control-plane reasons count. */
export async function breakerOnAbandon(
  deps: BreakerDeps,
  cluster: ClusterConfig,
  abandon: { instanceId: string; reason: string; cpRelated: boolean; requestId?: string },
): Promise<void> {
  if (!abandon.cpRelated) return;
  const group = cluster.autoScalingGroupName;
  const config = cluster.controlPlane.breaker;
  try {
    const at = deps.clock.now();
    const before = await readTags(deps, group);
    if (decodeBreaker(before[BREAKER_TAG]).open) {
      // Open until a node is ready: nothing more to count (and no record to pile up during a long outage).
      deps.logger.info("control-plane abandon while the breaker is open", { cluster: cluster.name, ...abandon });
      return;
    }
    await deps.fleet.putTags(group, {
      [abandonRecordKey(abandon.instanceId)]: encodeAbandonRecord({ at, reason: abandon.reason }),
    });
    const outdated = outdatedRecords(abandonRecords(before), at, config, BREAKER_SETTLE_MS);
    if (outdated.length > 0) await deps.fleet.deleteTags(group, outdated.map(keyOf));

    await deps.clock.sleep(BREAKER_SETTLE_MS);
    // A read that does not show our own record is stale for sure: read again.
    const tags = await readTagsShowing(deps, group, (t) => t[abandonRecordKey(abandon.instanceId)] !== undefined);
    const records = abandonRecords(tags).filter((r) => !outdated.some((o) => o.instanceId === r.instanceId));
    const derived = deriveBreaker(records, config);
    deps.logger.info("control-plane abandon recorded", {
      cluster: cluster.name,
      instanceId: abandon.instanceId,
      breakerOpen: derived.state.open,
      abandonsInStreak: records.length,
    });
    if (!derived.state.open || decodeBreaker(tags[BREAKER_TAG]).open) return;

    const view = { ...derived.state, lastReason: abandon.reason };
    if (!(await claim(deps, group, view, { openedBy: abandon.instanceId }, BREAKER_SETTLE_MS))) return;
    deps.logger.warn("control-plane breaker opened", {
      cluster: cluster.name,
      abandons: derived.run.map((r) => r.instanceId),
    });
    await deps.notifier.notify({
      kind: "breaker-opened",
      cluster: cluster.name,
      at: deps.clock.now(),
      requestId: abandon.requestId,
      abandons: records.length,
      lastReason: abandon.reason,
    });
  } catch (error) {
    deps.logger.error("could not record the abandon in the control-plane breaker", { cluster: cluster.name, error });
  }
}

/** A node became ready: the CP works. Closes the breaker and ends any streak. */
export async function breakerOnReady(
  deps: BreakerDeps,
  cluster: ClusterConfig,
  ready: { instanceId: string; requestId?: string },
): Promise<void> {
  const group = cluster.autoScalingGroupName;
  try {
    const at = deps.clock.now();
    const tags = await readTags(deps, group);
    const view = decodeBreaker(tags[BREAKER_TAG]);
    // The streak ends here: the records of abandons before this node was ready no longer count. (A record written
    // after this read is a later abandon, and starts the next streak.)
    const ended = abandonRecords(tags).filter((r) => r.at <= at);
    if (!view.open) {
      const stale = tags[BREAKER_TAG] !== undefined ? [BREAKER_TAG] : [];
      if (ended.length + stale.length > 0) await deps.fleet.deleteTags(group, [...ended.map(keyOf), ...stale]);
      return;
    }
    const claims = decodeBreakerClaims(tags[BREAKER_TAG]);
    if (claims.closingBy !== undefined) return; // another ready node is closing it
    if (!(await claim(deps, group, view, { ...claims, closingBy: ready.instanceId }, 2 * BREAKER_SETTLE_MS))) return;

    const now = deps.clock.now();
    const back = await readTags(deps, group);
    const done = abandonRecords(back).filter((r) => r.at <= at);
    await deps.fleet.deleteTags(group, [BREAKER_TAG, ...done.map(keyOf)]);
    deps.logger.info("control-plane breaker closed", { cluster: cluster.name, instanceId: ready.instanceId });
    await deps.notifier.notify({
      kind: "breaker-closed",
      cluster: cluster.name,
      at: now,
      requestId: ready.requestId,
      instanceId: ready.instanceId,
      openSeconds: Math.round(Math.max(0, now - (view.openedAt ?? now)) / 1000),
    });
  } catch (error) {
    deps.logger.error("could not close the control-plane breaker", { cluster: cluster.name, error });
  }
}

/**
 * Writes `view` with this invocation's claim, waits `settleMs`, reads the view back: true when the claim stuck (last
 * writer wins, so exactly one of the candidates whose writes landed within the settle time of each other sees its own).
 */
async function claim(
  deps: BreakerDeps,
  group: string,
  view: BreakerState,
  claims: { openedBy?: string; closingBy?: string },
  settleMs: number,
): Promise<boolean> {
  await deps.fleet.putTags(group, { [BREAKER_TAG]: encodeBreaker(view, claims) });
  await deps.clock.sleep(settleMs);
  const closing = claims.closingBy !== undefined;
  const claimOf = (c: { openedBy?: string; closingBy?: string }) => (closing ? c.closingBy : c.openedBy);
  // A read that shows no claim at all does not show ours either (written before it): stale for sure, read again.
  const tags = await readTagsShowing(deps, group, (t) => claimOf(decodeBreakerClaims(t[BREAKER_TAG])) !== undefined);
  return claimOf(decodeBreakerClaims(tags[BREAKER_TAG])) === claimOf(claims);
}

/** Stale reads are read again (up to 3 times, a settle time apart) while they cannot show what we wrote. */
const STALE_REREADS = 3;

async function readTagsShowing(
  deps: BreakerDeps,
  group: string,
  shows: (tags: Record<string, string>) => boolean,
): Promise<Record<string, string>> {
  let tags = await readTags(deps, group);
  for (let i = 0; i < STALE_REREADS && !shows(tags); i++) {
    await deps.clock.sleep(BREAKER_SETTLE_MS);
    tags = await readTags(deps, group);
  }
  return tags;
}

function keyOf(r: AbandonRecord): string {
  return abandonRecordKey(r.instanceId);
}
