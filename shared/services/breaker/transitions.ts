/**
 * The control-plane-outage breaker as pure state transitions. Launches abandoned in a row for control-plane reasons
 * (the node's own words, see `shared/dataplane/reasons.ts`, or an in-service peer reporting the CP unreachable, see
 * `shared/services/launch/peer-cp-check.ts`) within the window open it; the next node that becomes ready closes it and
 * ends the streak. An abandon for any other reason (a node that never opened its port while its peers reach the CP, an
 * instance that vanished) neither counts nor ends the streak: during an outage, a spot reclaim must not hide the CP's
 * failure.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { BreakerState } from "../../domain/observation.ts";

export type BreakerConfig = ClusterConfig["controlPlane"]["breaker"];

export interface AbandonTransition {
  state: BreakerState;
  /** The breaker went from closed to open with this abandon (notify once). */
  opened: boolean;
}

export interface ReadyTransition {
  state: BreakerState;
  /** The breaker was open and is now closed (notify once). */
  closed: boolean;
  /** Anything to write back (an open breaker or a streak to clear). */
  changed: boolean;
  /** How long it was open, when it closed. */
  openMs?: number;
}

export function recordControlPlaneAbandon(
  state: BreakerState,
  at: number,
  reason: string,
  config: BreakerConfig,
): AbandonTransition {
  const since = at - config.windowSeconds * 1000;
  const abandons = [...state.abandons.filter((t) => t >= since && t <= at), at];
  if (state.open) return { state: { ...state, abandons, lastReason: reason }, opened: false };
  const opened = abandons.length >= config.abandonsToOpen;
  return {
    state: { open: opened, abandons, lastReason: reason, openedAt: opened ? at : undefined },
    opened,
  };
}

export function recordNodeReady(state: BreakerState, at: number): ReadyTransition {
  const changed = state.open || state.abandons.length > 0;
  const closedState: BreakerState = { open: false, abandons: [] };
  if (!state.open) return { state: closedState, closed: false, changed };
  return {
    state: closedState,
    closed: true,
    changed,
    openMs: state.openedAt !== undefined ? Math.max(0, at - state.openedAt) : undefined,
  };
}
