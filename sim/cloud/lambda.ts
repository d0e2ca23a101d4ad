/**
 * Lambda, simulated: a function is the real handler (middy stack included) invoked with a Lambda-shaped context on
 * the virtual clock. Asynchronous invocations (EventBridge, `InvokeAsync`) are queued when the function's reserved
 * concurrency is reached (the scaler's is 1: serialised) and retried twice after a failure, ~1 min then ~2 min later,
 * as Lambda's async invoke does. A run that lasts past the function's timeout is recorded: real Lambda would have
 * killed it (the simulator cannot stop a promise, so it lets it finish and reports it).
 *
 * Containers: an invocation that finds no warm container (none idle, or the idle ones unused for longer than
 * `coldStart.idleMs`) starts cold and waits the init time first; Lambda's timeout runs from the handler's start, as the
 * init phase has its own limit.
 */
import type { Context } from "aws-lambda";
import type { LambdaHandler } from "../../shared/runtime/functions.ts";
import type { Rng } from "../random.ts";
import type { VirtualClock } from "../virtual-clock.ts";
import { SIM_ACCOUNT, SIM_REGION, uuid } from "./aws-shapes.ts";

export interface LambdaSettings {
  functionName: string;
  timeoutSeconds: number;
  /** Concurrent executions at most; undefined = unlimited. */
  reservedConcurrency?: number;
  /** Cold starts: the init time of a new container (uniform in [min, max] ms) and how long an idle one stays warm. */
  coldStart?: { initMs: { min: number; max: number }; idleMs: number };
}

export interface LambdaObserver {
  /** A handler answered (its return value). */
  result?(value: unknown, event: unknown): void;
  /** A handler threw (Lambda's async invoke retries it). */
  error?(message: string, event: unknown): void;
}

const RETRY_DELAYS_MS = [60_000, 120_000];

export interface InvocationRecord {
  requestId: string;
  startedAt: number;
  endedAt?: number;
  error?: string;
}

export class SimLambda {
  readonly settings: LambdaSettings;
  invocations = 0;
  errors = 0;
  /** Invocations that ran past the timeout. */
  overran = 0;
  /** Invocations that started a new container. */
  coldStarts = 0;
  maxDurationMs = 0;
  readonly #handler: LambdaHandler;
  readonly #clock: VirtualClock;
  readonly #rng: Rng;
  readonly #queue: { event: unknown; attempt: number }[] = [];
  #running = 0;
  readonly #observer: LambdaObserver;
  /** When each idle warm container was last released (a stack: the most recently used is reused first). */
  readonly #idleSince: number[] = [];

  constructor(
    settings: LambdaSettings,
    handler: LambdaHandler,
    clock: VirtualClock,
    rng: Rng,
    observer: LambdaObserver = {},
  ) {
    this.settings = settings;
    this.#handler = handler;
    this.#clock = clock;
    this.#rng = rng;
    this.#observer = observer;
  }

  /** Invocations running or waiting for a concurrency slot. */
  get inFlight(): number {
    return this.#running + this.#queue.length;
  }

  /** An asynchronous invocation (EventBridge target, `InvocationType: Event`). */
  invokeAsync(event: unknown, attempt = 0): void {
    this.#queue.push({ event, attempt });
    this.#drainQueue();
  }

  /** A synchronous invocation (`RequestResponse`): resolves with the handler's answer. */
  async invoke(event: unknown): Promise<unknown> {
    return this.#run(event);
  }

  #drainQueue(): void {
    const limit = this.settings.reservedConcurrency ?? Number.POSITIVE_INFINITY;
    while (this.#queue.length > 0 && this.#running < limit) {
      const next = this.#queue.shift()!;
      this.#running++;
      this.#clock.markUnsettled();
      this.#run(next.event).then(
        (value) => {
          this.#finished();
          this.#observer.result?.(value, next.event);
        },
        (err: unknown) => {
          this.#finished();
          const message = err instanceof Error ? err.message : String(err);
          this.#observer.error?.(message, next.event);
          const delay = RETRY_DELAYS_MS[next.attempt];
          if (delay !== undefined) this.#clock.after(delay, () => this.invokeAsync(next.event, next.attempt + 1));
        },
      );
    }
  }

  #finished(): void {
    this.#running--;
    this.#drainQueue();
  }

  async #run(event: unknown): Promise<unknown> {
    this.invocations++;
    const cold = this.settings.coldStart;
    if (!this.#takeWarmContainer() && cold) {
      this.coldStarts++;
      await this.#clock.sleep(this.#rng.uniform(cold.initMs.min, cold.initMs.max));
    }
    const startedAt = this.#clock.now();
    const deadline = startedAt + this.settings.timeoutSeconds * 1000;
    const context = this.#context(deadline);
    try {
      return await this.#handler(event, context);
    } catch (err) {
      this.errors++;
      throw err;
    } finally {
      const duration = this.#clock.now() - startedAt;
      this.maxDurationMs = Math.max(this.maxDurationMs, duration);
      if (duration > this.settings.timeoutSeconds * 1000) this.overran++;
      this.#idleSince.push(this.#clock.now());
    }
  }

  /** Reuses the most recently released container that is still warm; false when none is (a cold start). */
  #takeWarmContainer(): boolean {
    const idleMs = this.settings.coldStart?.idleMs ?? Number.POSITIVE_INFINITY;
    const now = this.#clock.now();
    while (this.#idleSince.length > 0) {
      // Most recent first: once one is too old, the older ones below it are too.
      if (now - this.#idleSince.pop()! <= idleMs) return true;
      this.#idleSince.length = 0;
    }
    return false;
  }

  #context(deadline: number): Context {
    const name = this.settings.functionName;
    const clock = this.#clock;
    return {
      callbackWaitsForEmptyEventLoop: false,
      functionName: name,
      functionVersion: "$LATEST",
      invokedFunctionArn: `arn:aws:lambda:${SIM_REGION}:${SIM_ACCOUNT}:function:${name}`,
      memoryLimitInMB: "256",
      awsRequestId: uuid(this.#rng),
      logGroupName: `/aws/lambda/${name}`,
      logStreamName: "simulated",
      getRemainingTimeInMillis: () => Math.max(0, deadline - clock.now()),
      done: () => {},
      fail: () => {},
      succeed: () => {},
    };
  }
}
