/** Waits for a promise, but no longer than the injected clock allows. */
import type { Clock } from "../ports/clock.ts";

export const TIMED_OUT: unique symbol = Symbol("timed out");
const NOT_YET: unique symbol = Symbol("not yet");

/**
 * `promise`'s value, or `TIMED_OUT` once `ms` of clock time have passed (a rejection still rejects). A promise that
 * has already settled is answered without starting a timer, so cached config and secrets cost no pending sleep.
 */
export async function within<T>(promise: Promise<T>, clock: Clock, ms: number): Promise<T | typeof TIMED_OUT> {
  // `promise` comes first, so when it has already settled its reaction runs before the sentinel's.
  const early: unknown = await Promise.race([promise, Promise.resolve(NOT_YET)]);
  if (early !== NOT_YET) return early as T;
  if (ms <= 0) return TIMED_OUT;
  const timeout = clock.sleep(ms).then((): typeof TIMED_OUT => TIMED_OUT);
  return Promise.race([promise, timeout]);
}
