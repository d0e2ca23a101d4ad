/** What one lifecycle message led to; the handler returns these (the simulator and `invoke` read them). */

export type LifecycleOutcome =
  /** CONTINUE completed by us. */
  | { status: "continued"; instanceId: string; detail: string }
  /** ABANDON completed (or attempted) by us. */
  | { status: "abandoned"; instanceId: string; reason: string }
  /** The wait goes on in a fresh invocation. */
  | { status: "handed-over"; instanceId: string; handovers: number; reason: string }
  /** A sweep looked, found nothing to decide yet, and left. */
  | { status: "waiting"; instanceId: string; reason: string }
  /** The action was already over (a duplicate, a retry, a timeout): state checked, nothing left to do. */
  | { status: "already-done"; instanceId: string; detail: string }
  /** Acknowledged, deliberately not acted on (test notification, unmanaged group, wrong function). */
  | { status: "ignored"; reason: string }
  /** The message cannot be understood; nothing was done. */
  | { status: "invalid"; error: string }
  /** Something failed on the way; the message should be retried. */
  | { status: "failed"; error: string };

export interface LifecycleHandlerResult {
  /** SQS partial batch response (empty for other triggers). */
  batchItemFailures: { itemIdentifier: string }[];
  outcomes: (LifecycleOutcome & { id: string })[];
}
