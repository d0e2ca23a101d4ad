/**
 * The calls on a lifecycle action while we decide it: heart-beating it so the hook's timeout never ends a wait we are
 * still deciding, completing it (retried within the invocation when a transient failure would otherwise lose it), and
 * handing the wait over to a fresh invocation before Lambda's 900 s end it. Transient failures are retried within the
 * invocation, bounded by the Lambda time left.
 */

import { type ClusterConfig, lifecycleGlobalTimeoutSeconds } from "../../config/schema.ts";
import type { LifecycleAction } from "../../events/lifecycle-action.ts";
import { continuationPayload, type LifecycleWaitState } from "../../events/lifecycle-continuation.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import { AwsCallError } from "../../ports/errors.ts";
import type { LifecycleResult } from "../../ports/fleet.ts";
import { actionRef, type Invocation } from "./invocation.ts";

/*
 * Whether a failed call may succeed if simply asked again later: the ports' errors say so themselves (`retryable`:
 * throttling, server faults, network trouble — already retried by the SDK).
 */
export function isRetryableError(error: unknown): boolean {
  return error instanceof AwsCallError && error.retryable;
}

/*
 * A bounded retry, inside the invocation, of a lifecycle call that failed transiently (`isRetryableError`: throttling,
 * 5xx, network — what is left once the SDK's own 3 attempts are spent). Under sustained throttling, failing the
 * invocation instead costs a whole Lambda retry (1 to 2 minutes later) and can let the hook time out; the calls
 * retried here are idempotent (Complete and Heartbeat answer `not-found` once the action is over, which is a result,
 * not an error, and is never retried). Backoff is exponential and deterministic, waited through `deps.clock.sleep`,
 * and stops early when the Lambda time left could not hold the wait and one more call.
 */
/** Attempts in all (the first included): with 12.5 % of calls failing after the SDK, 5 fail together once in 30 000. */
export const TRANSIENT_ATTEMPTS = 5;
/** The first backoff; then 2 s, 4 s, 8 s: 15 s in all at most, within the hand-over's API reserve. */
export const TRANSIENT_BASE_DELAY_MS = 1000;
/** Time one more call needs with the SDK's retries; no retry starts with less left after its backoff. */
export const CALL_RESERVE_MS = 5000;

export interface RetryOptions {
  /** Milliseconds the invocation has left (`Invocation.remainingMs`); unbounded when not given. */
  remainingMs?: () => number;
  attempts?: number;
}

export async function retryTransient<T>(
  deps: Pick<AutoscalerDeps, "clock" | "logger">,
  what: string,
  call: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? TRANSIENT_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const delayMs = TRANSIENT_BASE_DELAY_MS * 2 ** (attempt - 1);
      const timeLeft = options.remainingMs?.() ?? Number.POSITIVE_INFINITY;
      if (!isRetryableError(error) || attempt >= attempts || timeLeft - delayMs < CALL_RESERVE_MS) throw error;
      deps.logger.warn(`${what} failed transiently; retrying`, { attempt, delayMs, error });
      await deps.clock.sleep(delayMs);
    }
  }
}

/*
 * Heart-beating a lifecycle action so that the hook's timeout never ends a wait we are still deciding. The timeout is
 * the hook's own (DescribeLifecycleHooks), or the cluster's `lifecycle.heartbeatTimeoutSeconds` when the hook cannot be
 * read. A heartbeat is due once half the timeout has passed since the last one (or since the action started, when we
 * do not know of any): one poll interval of lateness still leaves half the timeout spare.
 *
 * A sweep (the scaler's pass for an action whose event was lost) heartbeats on every pass: it cannot know the
 * last heartbeat (the poller's are not readable back from Auto Scaling), and for a terminating action often not even
 * when the wait began (then `startedAt` is the sweep's own time, so the age it sees is zero). Sweeps only come for
 * actions already waiting past the grace period, once a minute, and a heartbeat is idempotent: one cheap call per
 * stuck action per minute keeps it from timing out before a later sweep can decide it, even when that sweep fails.
 */
export async function hookTimeoutSeconds(
  deps: Pick<AutoscalerDeps, "fleet" | "logger">,
  cluster: ClusterConfig,
  state: LifecycleWaitState,
): Promise<number> {
  try {
    const hooks = await deps.fleet.describeLifecycleHooks(state.action.groupName);
    const hook = hooks.find((h) => h.name === state.action.hookName);
    if (hook) return hook.heartbeatTimeoutSeconds;
  } catch (error) {
    deps.logger.warn("could not read the lifecycle hooks; using the configured heartbeat timeout", { error });
  }
  return cluster.lifecycle.heartbeatTimeoutSeconds;
}

export function heartbeatDue(state: LifecycleWaitState, now: number, timeoutSeconds: number): boolean {
  if (state.sweep) return true;
  const last = state.lastHeartbeatAt ?? state.action.startedAt;
  return now - last >= (timeoutSeconds * 1000) / 2;
}

/**
 * Heartbeats when due. `not-found` means the action no longer exists (completed by a duplicate, timed out, or the
 * instance is gone): the caller stops waiting. A transient failure is retried with backoff within the time left
 * (`retryTransient`); one that persists is logged and retried at the next poll.
 */
export async function heartbeatIfDue(
  deps: Pick<AutoscalerDeps, "fleet" | "logger" | "clock">,
  state: LifecycleWaitState,
  timeoutSeconds: number,
  remainingMs?: () => number,
): Promise<"not-due" | "recorded" | "not-found" | "failed"> {
  if (!heartbeatDue(state, deps.clock.now(), timeoutSeconds)) return "not-due";
  // The heartbeat counts from when the successful call was sent (the hook's timeout restarts when AWS gets it), not
  // from when its answer was seen: a wait running beside it may have slept meanwhile.
  let sentAt = deps.clock.now();
  try {
    const r = await retryTransient(
      deps,
      "lifecycle heartbeat",
      () => {
        sentAt = deps.clock.now();
        return deps.fleet.recordLifecycleActionHeartbeat(actionRef(state.action));
      },
      remainingMs ? { remainingMs } : {},
    );
    if (r === "recorded") state.lastHeartbeatAt = sentAt;
    return r;
  } catch (error) {
    deps.logger.warn("lifecycle heartbeat failed; will retry at the next poll", {
      instanceId: state.action.instanceId,
      error,
    });
    return "failed";
  }
}

/**
 * When the next heartbeat is due (epoch ms): half the hook's timeout after the last one (or the action's start).
 * Every wait sleeps at most until then, so a long poll interval can never let the hook expire under it.
 */
export function nextHeartbeatDueAt(state: LifecycleWaitState, timeoutSeconds: number): number {
  return (state.lastHeartbeatAt ?? state.action.startedAt) + (timeoutSeconds * 1000) / 2;
}

/** The longest Auto Scaling keeps a lifecycle action, heartbeats or not: 100 × the heartbeat timeout, at most 48 h. */
export function globalTimeoutMs(heartbeatTimeoutSeconds: number): number {
  return lifecycleGlobalTimeoutSeconds(heartbeatTimeoutSeconds) * 1000;
}

/**
 * Whether the action ran out of time under us: no heartbeat for a whole heartbeat timeout, or past the global timeout.
 * (An action that ended earlier was ended by someone: a duplicate's completion.)
 */
export function hookExpired(state: LifecycleWaitState, now: number, timeoutSeconds: number): boolean {
  const last = state.lastHeartbeatAt ?? state.action.startedAt;
  return now - last >= timeoutSeconds * 1000 || now - state.action.startedAt >= globalTimeoutMs(timeoutSeconds);
}

/**
 * Heart-beating beside a wait, never in its way: a heartbeat (with its retries and their backoff, up to 15 s) runs
 * in the background while the wait goes on probing on its own schedule, so a throttled heartbeat never delays a probe
 * or the deadline. `beat()` starts one when due and none is running; `actionGone` is set once one is answered
 * "no active lifecycle action"; `settle()` waits for the one in flight (before an invocation returns or hands over,
 * so that nothing runs after it and the hand-over carries the last heartbeat's time).
 */
export class Heartbeater {
  #inFlight: Promise<void> | undefined;
  #gone = false;

  constructor(
    private readonly deps: Pick<AutoscalerDeps, "fleet" | "logger" | "clock">,
    private readonly state: LifecycleWaitState,
    readonly timeoutSeconds: number,
    private readonly remainingMs?: () => number,
  ) {}

  get actionGone(): boolean {
    return this.#gone;
  }

  get running(): boolean {
    return this.#inFlight !== undefined;
  }

  /** Starts a heartbeat when one is due (never waits for it). A sweep waits for it: it makes one pass and leaves. */
  async beat(): Promise<void> {
    if (this.#inFlight !== undefined || this.#gone) return;
    if (!heartbeatDue(this.state, this.deps.clock.now(), this.timeoutSeconds)) return;
    const run = heartbeatIfDue(this.deps, this.state, this.timeoutSeconds, this.remainingMs).then((r) => {
      if (r === "not-found") this.#gone = true;
      this.#inFlight = undefined;
    });
    this.#inFlight = run;
    if (this.state.sweep) await run;
  }

  /** The longest a wait may sleep now: until the next heartbeat is due. */
  sleepBoundMs(): number {
    if (this.state.sweep) return Number.POSITIVE_INFINITY;
    const half = (this.timeoutSeconds * 1000) / 2;
    // One running now restarts the count when it lands; one overdue (it just failed) is tried again a quarter of the
    // timeout later at the latest: no busy loop, and still well within the timeout.
    if (this.#inFlight !== undefined) return half;
    const left = nextHeartbeatDueAt(this.state, this.timeoutSeconds) - this.deps.clock.now();
    return left > 0 ? left : Math.max(1000, half / 2);
  }

  settle(): Promise<void> {
    return this.#inFlight ?? Promise.resolve();
  }
}

/*
 * CompleteLifecycleAction with the in-invocation retry of a transient failure (`retryTransient`): the call that
 * ends a wait must not be lost to one throttled answer, or the hook's timeout decides instead of us. `not-found` (the
 * action is already over) is an answer, returned as is.
 */
export function completeAction(
  deps: Pick<AutoscalerDeps, "fleet" | "clock" | "logger">,
  action: LifecycleAction,
  result: LifecycleResult,
  invocation: Pick<Invocation, "remainingMs">,
): Promise<"completed" | "not-found"> {
  return retryTransient(
    deps,
    `CompleteLifecycleAction ${result}`,
    () => deps.fleet.completeLifecycleAction(actionRef(action), result),
    { remainingMs: invocation.remainingMs },
  );
}

/*
 * Never let Lambda's 900 s end a wait silently: when the time left cannot hold another poll and the work after it,
 * the wait goes on in a fresh invocation (`ContinuationPort`) with everything it needs to resume. If the hand-over
 * itself fails, the error propagates: Lambda retries the original event (async invoke / SQS), and since deadlines count
 * from the action's start, the retry resumes where this one stopped.
 */
/** Time kept for the API calls after a wait (register, complete, notify) with the SDK's retries. */
const API_RESERVE_MS = 30_000;

/** The smallest time left in which one more poll (status + metrics probe) and the work after it still fit. */
export function handOverReserveMs(cluster: ClusterConfig): number {
  return 2 * cluster.readiness.requestTimeoutMs + API_RESERVE_MS;
}

export class HandOverError extends Error {
  override readonly name = "HandOverError";
  constructor(
    readonly fn: "launch" | "drain",
    readonly instanceId: string,
    override readonly cause: unknown,
  ) {
    super(`could not hand the ${fn} wait for ${instanceId} over to a fresh invocation`);
  }
}

export async function handOver(
  deps: Pick<AutoscalerDeps, "continuation" | "logger">,
  fn: "launch" | "drain",
  state: LifecycleWaitState,
): Promise<number> {
  const next: LifecycleWaitState = { ...state, handovers: state.handovers + 1 };
  try {
    await deps.continuation.continueLater(fn, continuationPayload(fn, next));
  } catch (error) {
    throw new HandOverError(fn, state.action.instanceId, error);
  }
  deps.logger.info("wait handed over to a fresh invocation", {
    instanceId: state.action.instanceId,
    handovers: next.handovers,
    attempts: state.attempts,
    lastReason: state.lastReason,
  });
  return next.handovers;
}
