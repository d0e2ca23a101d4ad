/**
 * A binary min-heap of timers ordered by due time, then by insertion order, so that timers due at the same instant
 * fire in the order they were set (the simulation stays deterministic).
 */

export interface Timer {
  /** Due time, epoch ms of the virtual clock. */
  at: number;
  /** Insertion order, the tie-breaker. */
  seq: number;
  /** What to do when due; `resumes` marks a sleeper (async work resumes). */
  fire: () => unknown;
  resumes: boolean;
  cancelled: boolean;
}

export class TimerHeap {
  readonly #items: Timer[] = [];

  get size(): number {
    return this.#items.length;
  }

  peek(): Timer | undefined {
    return this.#items[0];
  }

  push(timer: Timer): void {
    const items = this.#items;
    items.push(timer);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(timer, items[parent]!)) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = timer;
  }

  pop(): Timer | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (top === undefined || last === undefined || items.length === 0) return top;
    const n = items.length;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(items[r]!, items[l]!) ? r : l;
      if (!before(items[child]!, last)) break;
      items[i] = items[child]!;
      i = child;
    }
    items[i] = last;
    return top;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
