/**
 * A bounded retry, inside the invocation, of a lifecycle call that failed transiently (`isRetryableError`: throttling,
 * 5xx, network — what is left once the SDK's own 3 attempts are spent). Under sustained throttling, failing the
 * invocation instead costs a whole Lambda retry (1 to 2 minutes later) and can let the hook time out; the calls
 * retried here are idempotent (Complete and Heartbeat answer `not-found` once the action is over, which is a result,
 * not an error, and is never retried). Backoff is exponential and deterministic, waited through `deps.clock.sleep`,
 * and stops early when the Lambda time left could not hold the wait and one more call.
 */
import type { AutoscalerDeps } from "../deps.ts";
import { isRetryableError } from "./retryable.ts";

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
