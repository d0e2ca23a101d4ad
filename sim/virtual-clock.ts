/**
 * The simulator's clock: virtual time that jumps from one timer to the next, so that days of traffic run in seconds
 * while the real handlers `await clock.sleep()` exactly as they would in Lambda.
 *
 * Two kinds of timers share one heap: sleepers (a promise returned by `sleep`) and callbacks the simulated cloud sets
 * with `at` / `after`. The driver (`runUntil`) pops the next due timer, moves `now` to it and fires it. Before popping
 * the next one it lets resumed async work settle — every promise chain runs until it sleeps again or ends — so that a
 * handler's next `sleep` is registered at the right virtual time. Settling costs a real event-loop turn
 * (`setImmediate`), so it happens only when async work was actually resumed: plain callbacks of the simulated cloud
 * run back to back. This file is the only place in the simulator that touches real scheduling.
 */
import type { Clock } from "../shared/ports/clock.ts";
import { type Timer, TimerHeap } from "./timer-heap.ts";

/** A handle to cancel a callback timer. */
export interface TimerHandle {
  cancel(): void;
}

/** Timers due at one instant beyond this many mean a loop that never lets time pass (e.g. `while (…) sleep(0)`). */
const MAX_TIMERS_AT_ONE_INSTANT = 1_000_000;

export class SimulationStuckError extends Error {
  override readonly name = "SimulationStuckError";
  constructor(
    readonly atMs: number,
    readonly timers: number,
  ) {
    super(
      `virtual time stopped advancing at ${new Date(atMs).toISOString()}: more than ${timers} timers fired at one instant`,
    );
  }
}

export interface RunOptions {
  /** Called about every `progressEveryMs` of virtual time with the current virtual time. */
  onProgress?: (nowMs: number) => void;
  progressEveryMs?: number;
}

export class VirtualClock implements Clock {
  #now: number;
  #seq = 0;
  readonly #heap = new TimerHeap();
  /** Async work was resumed (a sleeper woke, or a callback returned a promise) since the last settle. */
  #unsettled = false;
  /** Timers fired so far (for speed figures and tests). */
  firedTimers = 0;
  /** Real event-loop turns spent settling (the dominant cost; see the file comment). */
  settles = 0;

  readonly #maxAtOneInstant: number;

  constructor(startMs: number, options: { maxTimersAtOneInstant?: number } = {}) {
    this.#now = Math.round(startMs);
    this.#maxAtOneInstant = options.maxTimersAtOneInstant ?? MAX_TIMERS_AT_ONE_INSTANT;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#push(this.#now + Math.max(0, Number.isFinite(ms) ? ms : 0), resolve, true);
    });
  }

  /** Runs `fire` when the virtual clock reaches `atMs` (at once, in order, if `atMs` is in the past). */
  at(atMs: number, fire: () => unknown): TimerHandle {
    const timer = this.#push(Math.max(atMs, this.#now), fire, false);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  after(ms: number, fire: () => unknown): TimerHandle {
    return this.at(this.#now + Math.max(0, ms), fire);
  }

  /** Timers still pending (cancelled ones included until they come due). */
  get pendingTimers(): number {
    return this.#heap.size;
  }

  /**
   * Advances virtual time through every timer due at or before `endMs`, then sets the clock to `endMs`. Async work
   * resumed along the way has settled when this resolves.
   */
  async runUntil(endMs: number, options: RunOptions = {}): Promise<void> {
    const every = options.progressEveryMs ?? 3_600_000;
    let nextProgress = this.#now + every;
    let sameInstant = 0;
    let lastAt = this.#now;
    for (;;) {
      if (this.#unsettled) await this.settle();
      const top = this.#heap.peek();
      if (top === undefined || top.at > endMs) break;
      this.#heap.pop();
      if (top.cancelled) continue;
      if (top.at === lastAt) {
        if (++sameInstant > this.#maxAtOneInstant) throw new SimulationStuckError(top.at, this.#maxAtOneInstant);
      } else {
        sameInstant = 0;
        lastAt = top.at;
      }
      this.#now = top.at;
      this.firedTimers++;
      if (top.resumes) {
        top.fire();
        this.#unsettled = true;
      } else {
        const result = top.fire();
        if (isThenable(result)) this.#unsettled = true;
      }
      if (options.onProgress && this.#now >= nextProgress) {
        options.onProgress(this.#now);
        nextProgress = this.#now + every;
      }
    }
    if (endMs > this.#now) this.#now = Math.round(endMs);
  }

  /** Lets every promise chain that is ready to run, run: one real event-loop turn after the microtask queue empties. */
  async settle(): Promise<void> {
    this.#unsettled = false;
    this.settles++;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Marks async work as started outside a timer (e.g. a handler invoked directly), so the driver settles first. */
  markUnsettled(): void {
    this.#unsettled = true;
  }

  #push(at: number, fire: () => unknown, resumes: boolean): Timer {
    // Whole milliseconds, like every clock AWS shows: `now()` never returns a fraction.
    const timer: Timer = { at: Math.max(this.#now, Math.round(at)), seq: this.#seq++, fire, resumes, cancelled: false };
    this.#heap.push(timer);
    return timer;
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}
