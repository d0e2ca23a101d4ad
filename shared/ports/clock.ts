/**
 * The only door to time. Everything that needs "now" or a pause takes a `Clock`, so the simulator can run the same
 * code on a virtual clock (see `sim/virtual-clock.ts`). This file holds the one real implementation; nothing
 * else in the project may call `Date.now()`, `new Date()` without an argument, or `setTimeout`.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
