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
