/**
 * The control plane as the DP nodes see it: up or down (outage windows), slow (sync takes longer), and how many DP
 * nodes it serves at most — a node beyond that number cannot get a configuration session until a slot frees.
 */
import type { ControlPlaneModel } from "../scenario/schema.ts";

export type ControlPlaneListener = (up: boolean) => void;

export class ControlPlane {
  readonly maxDataPlanes: number | undefined;
  #up = true;
  readonly #sessions = new Set<string>();
  readonly #listeners: ControlPlaneListener[] = [];
  readonly #slow: { from: number; to: number; multiplier: number }[];

  /** `originMs`: the instant window minutes count from (the start of the traffic). */
  constructor(model: ControlPlaneModel, originMs: number, maxDataPlanes: number | undefined) {
    this.maxDataPlanes = maxDataPlanes;
    this.#slow = model.slow.map((w) => ({
      from: originMs + w.atMinute * 60_000,
      to: originMs + (w.atMinute + w.durationMinutes) * 60_000,
      multiplier: w.syncMultiplier,
    }));
  }

  get up(): boolean {
    return this.#up;
  }

  /** Nodes holding a configuration session. */
  get sessions(): number {
    return this.#sessions.size;
  }

  setUp(up: boolean): void {
    if (up === this.#up) return;
    this.#up = up;
    for (const l of this.#listeners) l(up);
  }

  onChange(listener: ControlPlaneListener): void {
    this.#listeners.push(listener);
  }

  /** How many times longer a configuration sync takes at `atMs`. */
  syncMultiplier(atMs: number): number {
    let m = 1;
    for (const w of this.#slow) if (atMs >= w.from && atMs < w.to) m = Math.max(m, w.multiplier);
    return m;
  }

  /** A node asks for a session: refused while down or full. Idempotent for a node that holds one. */
  connect(nodeId: string): boolean {
    if (!this.#up) return false;
    if (this.#sessions.has(nodeId)) return true;
    if (this.maxDataPlanes !== undefined && this.#sessions.size >= this.maxDataPlanes) return false;
    this.#sessions.add(nodeId);
    return true;
  }

  disconnect(nodeId: string): void {
    this.#sessions.delete(nodeId);
  }
}
