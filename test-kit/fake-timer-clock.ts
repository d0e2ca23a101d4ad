/**
 * A virtual clock whose sleeps wait until the test advances time — unlike `ManualClock`, whose sleeps advance it at
 * once. Needed where code races a sleep against real I/O (a deadline against an HTTP request): with an
 * auto-advancing clock the deadline would always win. Deterministic: time moves only in `advance`.
 */
import type { Clock } from "../shared/ports/clock.ts";

interface Waiter {
  at: number;
  resolve: () => void;
}

export class FakeTimerClock implements Clock {
  private t: number;
  private waiters: Waiter[] = [];
  /** Every sleep requested, in ms, in call order. */
  readonly sleeps: number[] = [];

  constructor(startMs = Date.UTC(2026, 0, 15, 12, 0, 0)) {
    this.t = startMs;
  }

  now(): number {
    return this.t;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.waiters.push({ at: this.t + ms, resolve });
      this.waiters.sort((a, b) => a.at - b.at);
    });
  }

  /** Moves time forward, waking sleepers in time order and letting each react before the next wakes. */
  async advance(ms: number): Promise<void> {
    const target = this.t + Math.max(0, ms);
    for (;;) {
      const next = this.waiters[0];
      if (next === undefined || next.at > target) break;
      this.waiters.shift();
      this.t = next.at;
      next.resolve();
      await settle();
    }
    this.t = target;
    await settle();
  }

  /** Sleeps that have not woken yet. */
  get pendingSleeps(): number {
    return this.waiters.length;
  }

  /** Resolves once `count` sleeps have been requested in all (real I/O may run meanwhile). */
  async waitForSleeps(count: number, maxTurns = 20_000): Promise<void> {
    for (let i = 0; i < maxTurns; i++) {
      if (this.sleeps.length >= count) return;
      await settle();
    }
    throw new Error(`expected ${count} sleeps, saw ${this.sleeps.length}: [${this.sleeps.join(", ")}]`);
  }
}

/** One turn of the event loop, so promise chains and socket callbacks run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
