/**
 * How much each notification matters, so a cluster can keep Slack for what needs a person (`notify.minSeverity`):
 * - info — the autoscaler doing its job: a scale decision, a node ready, a node drained (the routine events, which go
 *   into the cluster's digest unless `notify.digestMinutes` is 0), and the digest itself;
 * - warning — something held back or went wrong once: a blocked scale-out or -in, an abandoned launch, an operator's
 *   manual action (someone changed what the autoscaler does);
 * - critical — scaling is stopped or broken: the CP-outage breaker opening, and closing again (a recovery is reported
 *   at its incident's level, or a "critical only" channel would hear of the outage and never of its end), and the
 *   autoscaler's own errors.
 * What is below the cluster's level is not sent; the functions' logs still carry every decision and node event.
 */
import type { ClusterConfig } from "../config/schema.ts";
import type { NotificationEvent } from "../ports/notifier.ts";

export type Severity = ClusterConfig["notify"]["minSeverity"];

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export function severityOf(event: NotificationEvent): Severity {
  switch (event.kind) {
    case "scale-decided":
    case "node-ready":
    case "node-drained":
    case "digest":
      return "info";
    case "scale-blocked":
    case "node-abandoned":
    case "manual-action":
      return "warning";
    case "breaker-opened":
    case "breaker-closed":
    case "autoscaler-error":
      return "critical";
  }
}

/** The autoscaler doing its job: told in the cluster's digest rather than one message each (`coalesce.ts`). */
export function isRoutine(event: NotificationEvent): boolean {
  return event.kind === "scale-decided" || event.kind === "node-ready" || event.kind === "node-drained";
}

/** True when `event` matters at least as much as `min`. */
export function meetsSeverity(event: NotificationEvent, min: Severity): boolean {
  return RANK[severityOf(event)] >= RANK[min];
}
