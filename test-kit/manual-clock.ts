/**
 * A virtual clock for tests: `sleep` advances time at once, then lets subscribers react (a fake node changing phase,
 * a fake ASG timing out a hook) before the sleeper resumes. Deterministic: no real time passes.
 */
import type { Clock } from "../shared/ports/clock.ts";

export type AdvanceListener = (now: number) => void | Promise<void>;

export class ManualClock implements Clock {
  private t: number;
  private readonly listeners: AdvanceListener[] = [];
  /** Every sleep requested, in ms (to assert poll cadence without timing anything). */
  readonly sleeps: number[] = [];

  constructor(startMs = Date.UTC(2026, 0, 15, 12, 0, 0)) {
    this.t = startMs;
  }

  now(): number {
    return this.t;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    await this.advance(ms);
  }

  async advance(ms: number): Promise<void> {
    this.t += Math.max(0, ms);
    for (const l of this.listeners) await l(this.t);
  }

  onAdvance(listener: AdvanceListener): void {
    this.listeners.push(listener);
  }

  /** Calls `action` once, the first time the clock reaches `atMs`. */
  at(atMs: number, action: () => void | Promise<void>): void {
    let done = false;
    this.onAdvance(async (now) => {
      if (!done && now >= atMs) {
        done = true;
        await action();
      }
    });
  }
}

/**
 * A `ManualClock` whose sleeps really run side by side: a sleep waits until `drive` moves time to its end, and
 * concurrent sleepers wake in time order (with `ManualClock`, each sleep moves time at once, so two sleeps running at
 * the same time add up). For code that runs work beside a wait (a heartbeat's backoff beside a readiness poll).
 */
export class SchedulingClock extends ManualClock {
  readonly #waiters: { at: number; seq: number; resolve: () => void }[] = [];
  #seq = 0;

  override sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.#waiters.push({ at: this.now() + ms, seq: this.#seq++, resolve });
      this.#waiters.sort((a, b) => a.at - b.at || a.seq - b.seq);
    });
  }

  /** Moves time from one sleeper's end to the next until `work` settles; returns its result. */
  async drive<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const watched = work.finally(() => {
      done = true;
    });
    watched.catch(() => {});
    for (let idle = 0; !done; ) {
      await turns(5);
      if (done) break;
      const next = this.#waiters.shift();
      if (next === undefined) {
        if (++idle > 1000) throw new Error("SchedulingClock: nothing sleeps and the work does not settle");
        continue;
      }
      idle = 0;
      await this.advance(next.at - this.now());
      next.resolve();
    }
    return watched;
  }
}

async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}
