import { describe, expect, it } from "vitest";
import type { GuardrailFiring } from "../../../shared/domain/decision.ts";
import {
  type ClusterNotifyPolicy,
  type CoalesceSettings,
  NotificationCoalescer,
} from "../../../shared/notify/coalesce.ts";
import { AT, blocked, everyKind, manualScale, nodeReady } from "./events.ts";

const settings: CoalesceSettings = { coalesceBlockedSeconds: 900, burstWindowSeconds: 60 };
/** No digest: routine events are sent (and burst) one by one, as with `notify.digestMinutes: 0`. */
const ONE_BY_ONE: ClusterNotifyPolicy = { minSeverity: "info", digestMinutes: 0 };
const upstream: GuardrailFiring = { name: "upstream-latency", effect: "blocked", detail: "p95 900 ms", from: 6, to: 4 };

describe("coalescing blocked scale-outs", () => {
  it("sends the first, counts the repeats within the window, sends the next one after it with the count", () => {
    const c = new NotificationCoalescer();

    const first = c.offer(blocked(AT), AT, settings, ONE_BY_ONE);
    const repeats = [1, 2, 3].flatMap((m) => c.offer(blocked(AT + m * 60_000), AT + m * 60_000, settings, ONE_BY_ONE));
    const after = c.offer(blocked(AT + 900_000), AT + 900_000, settings, ONE_BY_ONE);

    expect(first).toHaveLength(1);
    expect(repeats).toEqual([]);
    expect(after).toEqual([{ kind: "event", event: blocked(AT + 900_000), suppressedBefore: 3 }]);
  });

  it("keeps different guardrails and clusters apart", () => {
    const c = new NotificationCoalescer();
    c.offer(blocked(AT), AT, settings, ONE_BY_ONE);

    expect(c.offer(blocked(AT + 1000, upstream), AT + 1000, settings, ONE_BY_ONE)).toHaveLength(1);
    expect(c.offer({ ...blocked(AT + 2000), cluster: "staging" }, AT + 2000, settings, ONE_BY_ONE)).toHaveLength(1);
  });

  it("forgets a cluster's blocks when a scale decision goes through", () => {
    const c = new NotificationCoalescer();
    c.offer(blocked(AT), AT, settings, ONE_BY_ONE);
    c.offer(everyKind[0]!, AT + 60_000, settings, ONE_BY_ONE);

    expect(c.offer(blocked(AT + 120_000), AT + 120_000, settings, ONE_BY_ONE)).toHaveLength(1);
  });

  it("a window of 0 coalesces nothing", () => {
    const c = new NotificationCoalescer();
    const zero = { ...settings, coalesceBlockedSeconds: 0 };
    expect([...c.offer(blocked(AT), AT, zero, ONE_BY_ONE), ...c.offer(blocked(AT), AT, zero, ONE_BY_ONE)]).toHaveLength(
      2,
    );
  });
});

describe("node bursts", () => {
  it("sends the first node event at once and holds the rest of the window", () => {
    const c = new NotificationCoalescer();

    expect(c.offer(nodeReady("i-1", AT), AT, settings, ONE_BY_ONE)).toEqual([
      { kind: "event", event: nodeReady("i-1", AT) },
    ]);
    expect(c.offer(nodeReady("i-2", AT + 5000), AT + 5000, settings, ONE_BY_ONE)).toEqual([]);
    expect(c.offer(nodeReady("i-3", AT + 9000), AT + 9000, settings, ONE_BY_ONE)).toEqual([]);
    expect(c.nextDueAt()).toBe(AT + 60_000);
    expect(c.due(AT + 59_999)).toEqual([]);

    const due = c.due(AT + 60_000);
    expect(due).toEqual([
      {
        kind: "burst",
        cluster: "prod",
        events: [nodeReady("i-2", AT + 5000), nodeReady("i-3", AT + 9000)],
        spanSeconds: 9,
      },
    ]);
    expect(c.nextDueAt()).toBeUndefined();
  });

  it("a single held event leaves as itself, before the event that found its window closed", () => {
    const c = new NotificationCoalescer();
    c.offer(nodeReady("i-1", AT), AT, settings, ONE_BY_ONE);
    c.offer(nodeReady("i-2", AT + 1000), AT + 1000, settings, ONE_BY_ONE);

    const out = c.offer(nodeReady("i-3", AT + 61_000), AT + 61_000, settings, ONE_BY_ONE);

    expect(out).toEqual([
      { kind: "event", event: nodeReady("i-2", AT + 1000) },
      { kind: "event", event: nodeReady("i-3", AT + 61_000) },
    ]);
  });

  it("other kinds pass straight through, and still release due bursts", () => {
    const c = new NotificationCoalescer();
    c.offer(nodeReady("i-1", AT), AT, settings, ONE_BY_ONE);
    c.offer(nodeReady("i-2", AT + 1000), AT + 1000, settings, ONE_BY_ONE);

    const out = c.offer(manualScale("why"), AT + 70_000, settings, ONE_BY_ONE);

    expect(out.map((o) => (o.kind === "event" ? o.event.kind : o.kind))).toEqual(["node-ready", "manual-action"]);
  });

  it("drain releases every held event now", () => {
    const c = new NotificationCoalescer();
    c.offer(nodeReady("i-1", AT), AT, settings, ONE_BY_ONE);
    c.offer(nodeReady("i-2", AT + 1000), AT + 1000, settings, ONE_BY_ONE);
    c.offer(nodeReady("i-3", AT + 2000), AT + 2000, settings, ONE_BY_ONE);

    expect(c.drain()).toHaveLength(1);
    expect(c.drain()).toEqual([]);
  });

  it("a window of 0 sends every node event", () => {
    const c = new NotificationCoalescer();
    const zero = { ...settings, burstWindowSeconds: 0 };
    expect([
      ...c.offer(nodeReady("i-1"), AT, zero, ONE_BY_ONE),
      ...c.offer(nodeReady("i-2"), AT, zero, ONE_BY_ONE),
    ]).toHaveLength(2);
  });
});
