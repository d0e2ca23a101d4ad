/**
 * The control-plane-outage breaker's state, derived from its records. Launches abandoned in a row for control-plane
 * reasons (the node's own words, see `shared/dataplane/reasons.ts`, or an in-service peer reporting the CP
 * unreachable, see `shared/services/launch/peer-cp-check.ts`) within the window open it; the next node that becomes
 * ready closes it and ends the streak. An abandon for any other reason (a node that never opened its port while its
 * peers reach the CP, an instance that vanished) neither counts nor ends the streak: during an outage, a spot reclaim
 * must not hide the CP's failure.
 *
 * Each counted abandon is its own record (`shared/domain/breaker-records.ts`), so simultaneous abandons all count;
 * this file only says what a set of records means.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import { type AbandonRecord, openingRun } from "../../domain/breaker-records.ts";
import type { BreakerState } from "../../domain/observation.ts";

export type BreakerConfig = ClusterConfig["controlPlane"]["breaker"];

export interface DerivedBreaker {
  /** The state the records say, as the breaker tag shows it. */
  state: BreakerState;
  /** The records that opened it (empty while closed). */
  run: AbandonRecord[];
}

/**
 * What the records say: open from the last record of the first run of `abandonsToOpen` within the window. The
 * abandons listed are the streak's (every record, newest last); the last reason is the newest record's.
 */
export function deriveBreaker(records: readonly AbandonRecord[], config: BreakerConfig): DerivedBreaker {
  const run = openingRun(records, config.abandonsToOpen, config.windowSeconds * 1000) ?? [];
  const lastReason = records.at(-1)?.reason;
  const open = run.length > 0;
  return {
    state: {
      open,
      abandons: records.map((r) => r.at),
      ...(open ? { openedAt: run.at(-1)!.at } : {}),
      ...(lastReason !== undefined ? { lastReason } : {}),
    },
    run,
  };
}

/**
 * Records that can never again be part of an opening run, as seen at `now`: those older than the window (a run must
 * end at a record not yet written, so at `now` or later). `graceMs` keeps records a concurrent writer, whose clock
 * read was a moment earlier, may still count.
 */
export function outdatedRecords(
  records: readonly AbandonRecord[],
  now: number,
  config: BreakerConfig,
  graceMs: number,
): AbandonRecord[] {
  return records.filter((r) => r.at < now - config.windowSeconds * 1000 - graceMs);
}
