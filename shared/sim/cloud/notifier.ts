/**
 * Slack, simulated as a sink: every notification is counted and kept for the run's events. With the `slackDown`
 * fault Slack never answers, so each notification takes the whole delivery deadline — which must never hold up a
 * scaling action beyond that deadline (the notifier port's promise).
 */
import type { NotificationEvent, NotifierPort } from "../../ports/notifier.ts";
import type { VirtualClock } from "../virtual-clock.ts";

export class SimNotifier implements NotifierPort {
  readonly events: NotificationEvent[] = [];
  readonly #clock: VirtualClock;
  readonly #down: boolean;
  readonly #deadlineMs: number;
  readonly #listeners: ((e: NotificationEvent) => void)[] = [];

  constructor(clock: VirtualClock, options: { down: boolean; deliveryDeadlineMs: number }) {
    this.#clock = clock;
    this.#down = options.down;
    this.#deadlineMs = options.deliveryDeadlineMs;
  }

  onNotify(listener: (e: NotificationEvent) => void): void {
    this.#listeners.push(listener);
  }

  async notify(event: NotificationEvent): Promise<void> {
    this.events.push(event);
    for (const l of this.#listeners) l(event);
    if (this.#down) await this.#clock.sleep(this.#deadlineMs);
  }
}
