/**
 * What people hear about a decision: `scale-decided` when the size changed, `scale-blocked` for each guardrail that
 * stopped a scale-out (the notifier coalesces repeats). Holds that nothing blocked are silent.
 */
import type { Decision } from "../../domain/decision.ts";
import type { NotificationEvent } from "../../ports/notifier.ts";
import type { ApplyOutcome } from "./own-metrics.ts";

export function decisionNotifications(
  decision: Decision,
  applied: ApplyOutcome,
  requestId?: string,
): NotificationEvent[] {
  const base = { cluster: decision.cluster, at: decision.at, ...(requestId ? { requestId } : {}) };
  const events: NotificationEvent[] = [];
  if (applied === "set") events.push({ ...base, kind: "scale-decided", decision });
  for (const g of decision.guardrails) {
    // A blocked scale-out: the guardrail held the size below what was asked of it.
    if (g.effect === "blocked" && g.to < g.from && g.to <= decision.currentDesired)
      events.push({ ...base, kind: "scale-blocked", decision, guardrail: g });
  }
  return events;
}
