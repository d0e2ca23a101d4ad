/**
 * One launch or drain invocation: what it carries (the action, the cluster, the Lambda time left, the wait state), what
 * it answers (`LifecycleOutcome`, read by the simulator and `invoke`), the lifecycle states it reads, and how a
 * lifecycle message or continuation reaches the launch or drain service (`handleLifecycleInvocation`).
 */

import type { Context } from "aws-lambda";
import type { ClusterConfig, DeploymentConfig } from "../../config/schema.ts";
import type { LifecycleAction } from "../../events/lifecycle-action.ts";
import { initialWaitState, type LifecycleWaitState } from "../../events/lifecycle-continuation.ts";
import { type LifecycleItem, parseLifecycleInvocation } from "../../events/lifecycle-event.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import type { LifecycleActionRef } from "../../ports/fleet.ts";
import { countInvalidEvents } from "../../runtime/invalid-events.ts";
import { clampContinuation } from "./continuation-hints.ts";

/** The reference Complete/Heartbeat need: the token when the event carried one, else the instance id. */
export function actionRef(action: LifecycleAction): LifecycleActionRef {
  return {
    groupName: action.groupName,
    hookName: action.hookName,
    instanceId: action.instanceId,
    ...(action.token !== undefined ? { token: action.token } : {}),
  };
}

/** The managed cluster whose Auto Scaling group this is, if any. */
export function clusterForGroup(config: DeploymentConfig, groupName: string): ClusterConfig | undefined {
  return config.clusters.find((c) => c.autoScalingGroupName === groupName);
}

/* What a launch or drain needs to know about the Lambda invocation it runs in. */
export interface Invocation {
  /** Milliseconds left before Lambda ends this invocation (virtual in the simulator). */
  remainingMs(): number;
  requestId?: string;
}

export function invocationOf(context: Context): Invocation {
  return { remainingMs: () => context.getRemainingTimeInMillis(), requestId: context.awsRequestId };
}

/* Auto Scaling lifecycle states as the launch and drain functions read them. */
/** The launch action is over: the instance went on into service. */
export const LAUNCH_DONE_STATES: ReadonlySet<string> = new Set(["Pending:Proceed", "InService"]);

export function isTerminatingState(state: string): boolean {
  return state.startsWith("Terminating") || state === "Terminated";
}

export const LAUNCH_WAIT_STATE = "Pending:Wait";
export const TERMINATE_WAIT_STATE = "Terminating:Wait";

/* What one lifecycle message led to; the handler returns these (the simulator and `invoke` read them). */
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
  /** Present and false when a message was refused as invalid (`dp-autoscaler invoke` exits 1); `error` says why. */
  ok?: false;
  error?: string;
  /** SQS partial batch response (empty for other triggers). */
  batchItemFailures: { itemIdentifier: string }[];
  outcomes: (LifecycleOutcome & { id: string })[];
}

/* What every step of a launch or drain (waits, registration, completion) works with. */
export interface LifecycleStepInput {
  deps: AutoscalerDeps;
  cluster: ClusterConfig;
  /** Mutated as the steps go (attempts, last reason, heartbeat, first ready, registered/deregistered at). */
  state: LifecycleWaitState;
  invocation: Invocation;
  hookTimeoutSeconds: number;
  /** Heartbeats the action beside the waits (one per invocation, shared by its waits; `Heartbeater`). */
  beats: HeartbeatRunner;
}

/** What the waits need of the heart-beating that runs beside them (`Heartbeater` in `action-calls.ts`). */
export interface HeartbeatRunner {
  /** Starts a heartbeat when one is due (a sweep's is awaited). */
  beat(): Promise<void>;
  /** A heartbeat was answered "no active lifecycle action". */
  readonly actionGone: boolean;
  /** The longest a wait may sleep now (until the next heartbeat is due). */
  sleepBoundMs(): number;
  /** Waits for the heartbeat in flight. */
  settle(): Promise<void>;
}

/*
 * The part launch and drain share: parse whatever form the event came in, route each lifecycle message to the
 * cluster that owns its Auto Scaling group, run the service, and answer in the trigger's terms.
 *
 * - Test notifications, unmanaged groups and messages meant for the other function are acknowledged and logged,
 *   with no action (a terminate event reaching launch is not drained from here: drain may run outside the VPC and
 *   launch's probes from the wrong place would abandon healthy nodes; the scaler's lifecycle sweep finds the action).
 * - Invalid messages are logged once as an error, counted in `InvalidEvents` and acknowledged with `ok: false` (the
 *   scaler's contract): retrying cannot fix them.
 * - A failure is retried by the trigger: SQS through `batchItemFailures` (only the failed messages), EventBridge and
 *   SNS (asynchronous invokes) by rethrowing. Every run re-reads the real state, so retries are harmless.
 */
export type LifecycleFunction = "launch" | "drain";

export type LifecycleService = (
  deps: AutoscalerDeps,
  cluster: ClusterConfig,
  state: LifecycleWaitState,
  invocation: Invocation,
) => Promise<LifecycleOutcome>;

const TRANSITION_OF: Record<LifecycleFunction, "launching" | "terminating"> = {
  launch: "launching",
  drain: "terminating",
};

export async function handleLifecycleInvocation(
  deps: AutoscalerDeps,
  fn: LifecycleFunction,
  service: LifecycleService,
  event: unknown,
  invocation: Invocation,
): Promise<LifecycleHandlerResult> {
  const { sqs, items } = parseLifecycleInvocation(event);
  const errors = new Map<string, unknown>();
  const outcomes = await Promise.all(
    items.map(async (item) => {
      try {
        return { id: item.id, ...(await handleItem(deps, fn, service, item, invocation)) };
      } catch (error) {
        errors.set(item.id, error);
        deps.logger.error("lifecycle message failed; it will be retried", { messageId: item.id, error });
        return {
          id: item.id,
          status: "failed" as const,
          error: error instanceof Error ? error.message : String(error),
        };
      }
    }),
  );
  const failed = outcomes.filter((o) => o.status === "failed");
  if (!sqs && failed.length > 0) throw errors.get(failed[0]!.id);
  const batchItemFailures = sqs ? failed.map((o) => ({ itemIdentifier: o.id })) : [];
  // Refused, as the scaler refuses: answered (not retried), logged once per message (handleItem), counted.
  const refused = outcomes.flatMap((o) => (o.status === "invalid" ? [o.error] : []));
  if (refused.length === 0) return { batchItemFailures, outcomes };
  countInvalidEvents(deps, refused.length);
  const error = `${refused.length} of ${outcomes.length} lifecycle message(s) refused: ${refused[0]}`;
  return { ok: false, error, batchItemFailures, outcomes };
}

async function handleItem(
  deps: AutoscalerDeps,
  fn: LifecycleFunction,
  service: LifecycleService,
  item: LifecycleItem,
  invocation: Invocation,
): Promise<LifecycleOutcome> {
  const { message } = item;
  switch (message.kind) {
    case "invalid":
      deps.logger.error("invalid lifecycle message: no action taken", { messageId: item.id, problem: message.error });
      return { status: "invalid", error: message.error };
    case "test-notification":
      deps.logger.info("lifecycle hook test notification acknowledged", { groupName: message.groupName });
      return { status: "ignored", reason: "autoscaling:TEST_NOTIFICATION" };
    case "continuation":
      if (message.function !== fn) return wrongFunction(deps, fn, message.state);
      // A continuation is a hint: its times are clamped to what Auto Scaling reports before anything is decided.
      return runFor(deps, fn, service, await clampContinuation(deps, message.state), invocation);
    case "action": {
      const state = initialWaitState(message.action);
      if (message.action.transition !== TRANSITION_OF[fn]) return wrongFunction(deps, fn, state);
      return runFor(deps, fn, service, state, invocation);
    }
  }
}

async function runFor(
  deps: AutoscalerDeps,
  fn: LifecycleFunction,
  service: LifecycleService,
  state: LifecycleWaitState,
  invocation: Invocation,
): Promise<LifecycleOutcome> {
  const { action } = state;
  if (action.transition !== TRANSITION_OF[fn]) return wrongFunction(deps, fn, state);
  const cluster = clusterForGroup(await deps.loadConfig(), action.groupName);
  if (!cluster) {
    deps.logger.warn("lifecycle action of an Auto Scaling group that is not a managed cluster: ignored", {
      groupName: action.groupName,
      instanceId: action.instanceId,
    });
    return { status: "ignored", reason: `group ${action.groupName} is not a managed cluster` };
  }
  deps.logger.info(`${fn} started`, {
    cluster: cluster.name,
    instanceId: action.instanceId,
    hookName: action.hookName,
    handovers: state.handovers,
    sweep: state.sweep,
    attempts: state.attempts,
  });
  const outcome = await service(deps, cluster, state, invocation);
  deps.logger.info(`${fn} finished`, { cluster: cluster.name, instanceId: action.instanceId, outcome });
  return outcome;
}

function wrongFunction(deps: AutoscalerDeps, fn: LifecycleFunction, state: LifecycleWaitState): LifecycleOutcome {
  deps.logger.error("lifecycle action routed to the wrong function: ignored", {
    function: fn,
    transition: state.action.transition,
    instanceId: state.action.instanceId,
  });
  return { status: "ignored", reason: `a ${state.action.transition} action is not for the ${fn} function` };
}
