/** A `NotifierPort` that records every event (and never rejects, as the port promises). */
import type { NotificationEvent, NotifierPort } from "../shared/ports/notifier.ts";

export class FakeNotifier implements NotifierPort {
  readonly events: NotificationEvent[] = [];

  async notify(event: NotificationEvent): Promise<void> {
    this.events.push(event);
  }

  kinds(): string[] {
    return this.events.map((e) => e.kind);
  }
}
