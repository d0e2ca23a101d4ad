/**
 * The simulated Slack: every notification reaches the sink (and its listeners); each function's channel lets out only
 * what the real coalescer would send, and counts it as Slack messages.
 */
import { describe, expect, it } from "vitest";
import type { NotificationEvent } from "../../../shared/ports/notifier.ts";
import { SimNotifier } from "../../../sim/cloud/notifier.ts";
import { VirtualClock } from "../../../sim/virtual-clock.ts";

const T0 = Date.UTC(2026, 0, 1);
const SETTINGS = { coalesceBlockedSeconds: 900, burstWindowSeconds: 60 };
/** No digest: node events are sent (and burst) one by one. */
const ONE_BY_ONE = { minSeverity: "info", digestMinutes: 0 } as const;

function world() {
  const clock = new VirtualClock(T0);
  const sink = new SimNotifier(clock, { down: false, deliveryDeadlineMs: 3000 });
  const messages: { at: number; count: number }[] = [];
  sink.onMessages((count) => messages.push({ at: clock.now(), count }));
  return { clock, sink, messages, channel: sink.channel(SETTINGS, ONE_BY_ONE) };
}

const ready = (at: number, id: string): NotificationEvent => ({
  kind: "node-ready",
  cluster: "edge",
  at,
  instanceId: id,
  secondsToReady: 40,
  secondsToRegistered: 41,
});

describe("SimNotifier channels", () => {
  it("a burst of node events: the first at once, the rest as one summary when the window closes", async () => {
    const { clock, sink, messages, channel } = world();
    await channel.notify(ready(T0, "i-1"));
    clock.at(T0 + 10_000, () => channel.notify(ready(clock.now(), "i-2")));
    clock.at(T0 + 20_000, () => channel.notify(ready(clock.now(), "i-3")));
    await clock.runUntil(T0 + 120_000);
    expect(sink.events).toHaveLength(3);
    expect(messages).toEqual([
      { at: T0, count: 1 },
      { at: T0 + 60_000, count: 1 },
    ]);
  });

  it("each channel has its own coalescer, as each warm container has", async () => {
    const { sink, messages } = world();
    const launch = sink.channel(SETTINGS, ONE_BY_ONE);
    const drain = sink.channel(SETTINGS, ONE_BY_ONE);
    await launch.notify(ready(T0, "i-1"));
    await drain.notify(ready(T0, "i-2"));
    expect(messages.map((m) => m.count)).toEqual([1, 1]);
  });

  it("sends nothing below the channel's minSeverity, but the sink still sees every notification", async () => {
    const { sink, messages } = world();
    const quiet = sink.channel(SETTINGS, { ...ONE_BY_ONE, minSeverity: "warning" });
    await quiet.notify(ready(T0, "i-1"));
    await quiet.notify({
      kind: "node-abandoned",
      cluster: "edge",
      at: T0,
      instanceId: "i-2",
      lastReason: "x",
      secondsWaited: 600,
    });
    expect(sink.events).toHaveLength(2);
    expect(messages).toEqual([{ at: T0, count: 1 }]);
  });

  it("with no burst window every event is its own message", async () => {
    const { sink, messages } = world();
    const plain = sink.channel({ coalesceBlockedSeconds: 0, burstWindowSeconds: 0 }, ONE_BY_ONE);
    for (const id of ["i-1", "i-2", "i-3"]) await plain.notify(ready(T0, id));
    expect(messages.map((m) => m.count)).toEqual([1, 1, 1]);
  });
});
