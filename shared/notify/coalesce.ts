/**
 * Noise control, so that the person on call reads one message per situation:
 *
 * - **Blocked scale-outs.** The scaler runs every minute; while a guardrail holds it would announce the same block
 *   every minute. The first `scale-blocked` for a cluster + guardrail + direction is sent; the same ones within
 *   `coalesceBlockedSeconds` are counted, not sent; the first one after the window is sent with that count. The
 *   guardrail's numbers change from minute to minute, so "identical" means same cluster, guardrail and direction.
 *   A `scale-decided` for the cluster means the situation changed: it forgets the cluster's blocks.
 * - **Below the cluster's `minSeverity`** (`severity.ts`) nothing is sent; an unsent `scale-decided` still forgets
 *   the cluster's blocks (the situation changed, the next block is news).
 * - **Routine events** (`isRoutine`: a scale decision, a node ready, a node drained) are not sent one by one while the
 *   cluster has a digest (`notify.digestMinutes` > 0): the scaler tells them in one message per period, read back
 *   from the own metrics (`shared/services/digest/`). Warnings and critical events (a blocked scale-out, an
 *   abandoned launch, the breaker opening or closing, a manual action, an error) are never digested.
 * - **Node bursts.** The first node event (`node-ready`, `node-abandoned`, `node-drained`) of a cluster is sent at
 *   once and opens a `burstWindowSeconds` window; the node events inside it are held and leave as one summary when
 *   the window has passed (the notifier checks on every call and on a timer) or on `flush`.
 *
 * State lives in memory, per warm Lambda container (the design has no database). Consequences, accepted: two
 * containers running at once each send their own messages (at worst, duplicates, never silence for a new situation);
 * a held node event waits in a container that is frozen until it is next invoked, and is lost if that container is
 * never reused — which is why the first event of every burst is sent immediately.
 * Time comes from the caller (the injected clock).
 */
import type { NotificationEvent } from "../ports/notifier.ts";
import type { NodeEvent } from "./blocks/node-burst.ts";
import { isRoutine, meetsSeverity, type Severity } from "./severity.ts";

export interface CoalesceSettings {
  coalesceBlockedSeconds: number;
  burstWindowSeconds: number;
}

/** What one cluster asks of Slack: its `notify.minSeverity` and `notify.digestMinutes`. */
export interface ClusterNotifyPolicy {
  minSeverity: Severity;
  digestMinutes: number;
}

/** What to send: one event (with how many identical ones were suppressed before it), or a burst summary. */
export type Outgoing =
  | { kind: "event"; event: NotificationEvent; suppressedBefore?: number }
  | { kind: "burst"; cluster: string; events: NodeEvent[]; spanSeconds: number };

type BlockedEvent = Extract<NotificationEvent, { kind: "scale-blocked" }>;

interface BlockedState {
  lastSentAt: number;
  suppressed: number;
}

interface BurstState {
  openedAt: number;
  closesAt: number;
  held: NodeEvent[];
}

export function isNodeEvent(event: NotificationEvent): event is NodeEvent {
  return event.kind === "node-ready" || event.kind === "node-abandoned" || event.kind === "node-drained";
}

function blockedKey(e: BlockedEvent): string {
  const direction = e.decision.recommended < e.decision.currentDesired ? "in" : "out";
  return `${e.cluster}\u0000${e.guardrail.name}\u0000${direction}`;
}

export class NotificationCoalescer {
  private readonly blocked = new Map<string, BlockedState>();
  private readonly bursts = new Map<string, BurstState>();

  /**
   * What to send now for `event` (bursts whose window has passed come first); nothing for it below the cluster's
   * `minSeverity`, nor for a routine event of a cluster with a digest.
   */
  offer(event: NotificationEvent, now: number, settings: CoalesceSettings, policy: ClusterNotifyPolicy): Outgoing[] {
    const out = this.due(now);
    if (!meetsSeverity(event, policy.minSeverity) || (policy.digestMinutes > 0 && isRoutine(event))) {
      if (event.kind === "scale-decided") this.forgetBlocks(event.cluster);
    } else if (event.kind === "scale-blocked") {
      out.push(...this.offerBlocked(event, now, settings));
    } else if (isNodeEvent(event)) {
      out.push(...this.offerNodeEvent(event, now, settings));
    } else {
      if (event.kind === "scale-decided") this.forgetBlocks(event.cluster);
      out.push({ kind: "event", event });
    }
    return out;
  }

  /** Summaries of the bursts whose window has passed. */
  due(now: number): Outgoing[] {
    const out: Outgoing[] = [];
    for (const [cluster, burst] of this.bursts) {
      if (now < burst.closesAt) continue;
      this.bursts.delete(cluster);
      const summary = summarise(cluster, burst);
      if (summary) out.push(summary);
    }
    return out;
  }

  /** Everything held, now (e.g. before a process exits). */
  drain(): Outgoing[] {
    const out: Outgoing[] = [];
    for (const [cluster, burst] of this.bursts) {
      const summary = summarise(cluster, burst);
      if (summary) out.push(summary);
    }
    this.bursts.clear();
    return out;
  }

  /** When the earliest open burst window closes (epoch ms), if any holds events. */
  nextDueAt(): number | undefined {
    let next: number | undefined;
    for (const burst of this.bursts.values())
      if (burst.held.length > 0 && (next === undefined || burst.closesAt < next)) next = burst.closesAt;
    return next;
  }

  private offerBlocked(event: BlockedEvent, now: number, settings: CoalesceSettings): Outgoing[] {
    const key = blockedKey(event);
    const state = this.blocked.get(key);
    const windowMs = settings.coalesceBlockedSeconds * 1000;
    if (state && now - state.lastSentAt < windowMs) {
      state.suppressed += 1;
      return [];
    }
    this.blocked.set(key, { lastSentAt: now, suppressed: 0 });
    return [{ kind: "event", event, ...(state && state.suppressed > 0 ? { suppressedBefore: state.suppressed } : {}) }];
  }

  private offerNodeEvent(event: NodeEvent, now: number, settings: CoalesceSettings): Outgoing[] {
    const windowMs = settings.burstWindowSeconds * 1000;
    if (windowMs <= 0) return [{ kind: "event", event }];
    const burst = this.bursts.get(event.cluster);
    if (burst && now < burst.closesAt) {
      burst.held.push(event);
      return [];
    }
    // `due` already summarised an expired burst of this cluster; this event opens the next one.
    this.bursts.set(event.cluster, { openedAt: now, closesAt: now + windowMs, held: [] });
    return [{ kind: "event", event }];
  }

  private forgetBlocks(cluster: string): void {
    for (const key of this.blocked.keys()) if (key.startsWith(`${cluster}\u0000`)) this.blocked.delete(key);
  }
}

/** One held event goes out as itself; several as a summary; none as nothing. */
function summarise(cluster: string, burst: BurstState): Outgoing | undefined {
  const [first, ...rest] = burst.held;
  if (first === undefined) return undefined;
  if (rest.length === 0) return { kind: "event", event: first };
  const last = burst.held[burst.held.length - 1]!;
  return { kind: "burst", cluster, events: burst.held, spanSeconds: (last.at - burst.openedAt) / 1000 };
}
