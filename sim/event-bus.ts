/**
 * EventBridge between the simulated cloud and the functions: each event arrives after a delay (`eventDelaySeconds`),
 * some are delivered twice (`duplicatedEventRate`), and Auto Scaling's lifecycle events — best effort — are sometimes
 * lost (`lostEventRate`). CloudWatch alarm events are delivered at least once, never lost.
 */
import type { ActiveAction } from "./cloud/auto-scaling-group.ts";
import { lifecycleEvent } from "./cloud/aws-shapes.ts";
import type { Rng } from "./random.ts";
import type { FaultsModel, SecondsRange } from "./scenario/schema.ts";
import type { VirtualClock } from "./virtual-clock.ts";

/** A duplicate arrives this much later than the original, at most. */
const DUPLICATE_LAG_MAX_S = 30;

export class EventBus {
  lost = 0;
  duplicated = 0;
  delivered = 0;
  readonly #clock: VirtualClock;
  readonly #rng: Rng;
  readonly #delay: SecondsRange;
  readonly #faults: Pick<FaultsModel, "lostEventRate" | "duplicatedEventRate">;

  constructor(
    clock: VirtualClock,
    rng: Rng,
    delay: SecondsRange,
    faults: Pick<FaultsModel, "lostEventRate" | "duplicatedEventRate">,
  ) {
    this.#clock = clock;
    this.#rng = rng;
    this.#delay = delay;
    this.#faults = faults;
  }

  deliver<E>(event: E, kind: "alarm" | "lifecycle", to: (event: E) => void): void {
    if (kind === "lifecycle" && this.#rng.chance(this.#faults.lostEventRate)) {
      this.lost++;
      return;
    }
    const d = this.#delay;
    const delayMs = (d.max > d.min ? this.#rng.uniform(d.min, d.max) : d.min) * 1000;
    this.#clock.after(delayMs, () => {
      this.delivered++;
      to(structuredClone(event));
    });
    if (this.#rng.chance(this.#faults.duplicatedEventRate)) {
      this.duplicated++;
      this.#clock.after(delayMs + this.#rng.uniform(1, DUPLICATE_LAG_MAX_S) * 1000, () => to(structuredClone(event)));
    }
  }

  lifecycleEvent(groupName: string, action: ActiveAction, transition: "launching" | "terminating") {
    return lifecycleEvent(this.#rng, {
      transition,
      groupName,
      hookName: action.hook.name,
      instanceId: action.instanceId,
      token: action.token,
      atMs: action.startedAt,
    });
  }
}
