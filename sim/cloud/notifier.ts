/**
 * Slack, simulated as a sink: every notification is counted and kept for the run's events. With the `slackDown`
 * fault Slack never answers, so each notification takes the whole delivery deadline — which must never hold up a
 * scaling action beyond that deadline (the notifier port's promise).
 *
 * What the person on call would read is counted too: each function notifies through its own channel with the real
 * coalescer in front (`shared/notify/coalesce.ts`, the deployment's `notify` settings), as one warm container per
 * function would — blocked scale-outs within `coalesceBlockedSeconds` and node events within `burstWindowSeconds`
 * become one message. Real Lambda may run several containers of launch or drain at once, each with its own coalescer,
 * so the real count can be somewhat higher. Notifications below the cluster's `notify.minSeverity` are not sent, nor
 * are routine ones while the cluster has a digest (`notify.digestMinutes`): the scaler sends the digest through its
 * own channel, and it is counted like any message. A burst summary that leaves after the run's window is not
 * counted, like every figure outside the window. What left is kept (`sent`), so a test can check what was announced.
 */
import {
  type ClusterNotifyPolicy,
  type CoalesceSettings,
  NotificationCoalescer,
  type Outgoing,
} from "../../shared/notify/coalesce.ts";
import type { NotificationEvent, NotifierPort } from "../../shared/ports/notifier.ts";
import type { VirtualClock } from "../virtual-clock.ts";

export class SimNotifier implements NotifierPort {
  readonly events: NotificationEvent[] = [];
  /** Every message the channels let out, in order. */
  readonly sent: Outgoing[] = [];
  readonly #clock: VirtualClock;
  readonly #down: boolean;
  readonly #deadlineMs: number;
  readonly #listeners: ((e: NotificationEvent) => void)[] = [];
  readonly #messageListeners: ((count: number) => void)[] = [];

  constructor(clock: VirtualClock, options: { down: boolean; deliveryDeadlineMs: number }) {
    this.#clock = clock;
    this.#down = options.down;
    this.#deadlineMs = options.deliveryDeadlineMs;
  }

  onNotify(listener: (e: NotificationEvent) => void): void {
    this.#listeners.push(listener);
  }

  /** Called with the number of Slack messages each time coalesced channels send some. */
  onMessages(listener: (count: number) => void): void {
    this.#messageListeners.push(listener);
  }

  async notify(event: NotificationEvent): Promise<void> {
    this.events.push(event);
    for (const l of this.#listeners) l(event);
    if (this.#down) await this.#clock.sleep(this.#deadlineMs);
  }

  /** A function's own notifier: this sink with the real coalescer in front, counting the messages it lets out. */
  channel(settings: CoalesceSettings, policy: ClusterNotifyPolicy): NotifierPort {
    return new SlackChannel(this, this.#clock, settings, policy, (messages) => {
      this.sent.push(...messages);
      for (const l of this.#messageListeners) l(messages.length);
    });
  }
}

class SlackChannel implements NotifierPort {
  readonly #coalescer = new NotificationCoalescer();
  #timerFor: number | undefined;

  constructor(
    private readonly sink: SimNotifier,
    private readonly clock: VirtualClock,
    private readonly settings: CoalesceSettings,
    private readonly policy: ClusterNotifyPolicy,
    private readonly sent: (messages: Outgoing[]) => void,
  ) {}

  notify(event: NotificationEvent): Promise<void> {
    this.#send(this.#coalescer.offer(event, this.clock.now(), this.settings, this.policy));
    this.#scheduleDue();
    return this.sink.notify(event);
  }

  #send(messages: Outgoing[]): void {
    if (messages.length > 0) this.sent(messages);
  }

  /** Like the real notifier's flush timer: held node events leave when their burst window closes. */
  #scheduleDue(): void {
    const due = this.#coalescer.nextDueAt();
    if (due === undefined || (this.#timerFor !== undefined && this.#timerFor <= due)) return;
    this.#timerFor = due;
    this.clock.at(due, () => {
      if (this.#timerFor === due) this.#timerFor = undefined;
      this.#send(this.#coalescer.due(this.clock.now()));
      this.#scheduleDue();
    });
  }
}
