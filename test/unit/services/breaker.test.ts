import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deploymentConfigSchema } from "../../../shared/config/schema.ts";
import {
  ABANDON_RECORD_PREFIX,
  type AbandonRecord,
  abandonRecordKey,
  abandonRecords,
  decodeAbandonRecord,
  encodeAbandonRecord,
} from "../../../shared/domain/breaker-records.ts";
import { BREAKER_TAG, decodeBreaker, encodeBreaker, TAG_VALUE_MAX } from "../../../shared/domain/tags.ts";
import type { NotificationEvent } from "../../../shared/ports/notifier.ts";
import {
  BREAKER_SETTLE_MS,
  breakerOnAbandon,
  breakerOnReady,
} from "../../../shared/services/breaker/breaker-service.ts";
import { deriveBreaker } from "../../../shared/services/breaker/transitions.ts";
import { FakeFleet } from "../../../test-kit/fake-fleet.ts";
import { capturingLogger } from "../../../test-kit/fake-logger.ts";
import { FakeTimerClock } from "../../../test-kit/fake-timer-clock.ts";

const config = { abandonsToOpen: 3, windowSeconds: 600 };
const T = 1_768_478_400_000;
const rec = (i: number, at: number, reason = "dp_manager"): AbandonRecord => ({
  instanceId: `i-${(0xa0000000 + i).toString(16)}`,
  at,
  reason,
});

describe("CP-outage breaker, derived from its records", () => {
  it("opens at the Nth CP abandon within the window", () => {
    expect(deriveBreaker([rec(1, T), rec(2, T + 60_000)], config).state.open).toBe(false);
    const d = deriveBreaker([rec(1, T), rec(2, T + 60_000), rec(3, T + 120_000, "etcd")], config);
    expect(d.state).toEqual({
      open: true,
      abandons: [T, T + 60_000, T + 120_000],
      openedAt: T + 120_000,
      lastReason: "etcd",
    });
    expect(d.run.map((r) => r.at)).toEqual([T, T + 60_000, T + 120_000]);
  });

  it("does not open when the abandons are spread wider than the window", () => {
    expect(deriveBreaker([rec(1, T), rec(2, T + 400_000), rec(3, T + 700_000)], config).state.open).toBe(false);
  });

  it("counts abandons a fraction of a second apart (x.6 s and x.9 s are two abandons, not one)", () => {
    // Before: times were rounded to whole seconds and filtered with t <= at, so x.6 s (stored as x+1 s) was dropped
    // by an abandon at x.9 s.
    const d = deriveBreaker([rec(1, T + 600), rec(2, T + 900), rec(3, T + 950)], config);
    expect(d.state.open).toBe(true);
    expect(d.state.abandons).toEqual([T + 600, T + 900, T + 950]);
  });

  it("the records are commutative: any order, any duplicate delivery, the same state", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 0xfffffff }), fc.integer({ min: 0, max: 3_600_000 })), {
          selector: ([id]) => id,
          maxLength: 12,
        }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 1000 }),
        (entries, n, seed) => {
          const tags: Record<string, string> = {};
          const shuffled = [...entries].sort((a, b) => ((a[0] * 31 + seed) % 97) - ((b[0] * 31 + seed) % 97));
          for (const [id, offset] of [...shuffled, ...shuffled.slice(0, 2)])
            tags[abandonRecordKey(rec(id, 0).instanceId)] = encodeAbandonRecord({ at: T + offset, reason: "cp" });
          const inOrder: Record<string, string> = {};
          for (const [id, offset] of entries)
            inOrder[abandonRecordKey(rec(id, 0).instanceId)] = encodeAbandonRecord({ at: T + offset, reason: "cp" });
          const c = { abandonsToOpen: n, windowSeconds: 600 };
          expect(deriveBreaker(abandonRecords(tags), c)).toEqual(deriveBreaker(abandonRecords(inOrder), c));
          expect(abandonRecords(tags)).toHaveLength(entries.length);
        },
      ),
    );
  });
});

describe("breaker codecs with sub-second times (property)", () => {
  it("an abandon record round-trips its time to the millisecond and fits a tag", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.oneof(fc.string({ maxLength: 600 }), fc.string({ unit: "binary", maxLength: 300 })),
        (id, at, reason) => {
          const instanceId = `i-${id.toString(16).padStart(8, "0")}`;
          const value = encodeAbandonRecord({ at, reason });
          expect(value.length).toBeLessThanOrEqual(TAG_VALUE_MAX);
          const back = decodeAbandonRecord(abandonRecordKey(instanceId), value);
          expect(back?.instanceId).toBe(instanceId);
          expect(back?.at).toBe(at);
          expect(reason.startsWith(back?.reason ?? "")).toBe(true);
        },
      ),
    );
  });

  it("the breaker view round-trips open state, sub-second abandon times and opening time", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4_102_444_800_000 }), { maxLength: 12 }),
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.boolean(),
        fc.option(fc.constantFrom("i-0123456789abcdef0", "i-89abcdef"), { nil: undefined }),
        (abandons, openedAt, open, by) => {
          const v = encodeBreaker({ open, abandons, openedAt }, by ? { openedBy: by, closingBy: by } : {});
          expect(v.length).toBeLessThanOrEqual(TAG_VALUE_MAX);
          const b = decodeBreaker(v);
          expect(b.open).toBe(open);
          expect(b.openedAt).toBe(openedAt);
          expect(b.abandons).toEqual(abandons.slice(abandons.length - b.abandons.length));
        },
      ),
    );
  });

  it("ignores tags that are not records (other keys, other ids, garbage values) without throwing", () => {
    expect(
      abandonRecords({
        Name: "dp",
        [`${ABANDON_RECORD_PREFIX}not-an-instance`]: '{"t":1}',
        [`${ABANDON_RECORD_PREFIX}i-0123456789abcdef0`]: "{garbage",
        [`${ABANDON_RECORD_PREFIX}i-0123456789abcdef1`]: '{"t":1e300}',
        [`${ABANDON_RECORD_PREFIX}i-0123456789abcdef2`]: '{"t":1.5}',
        [`${ABANDON_RECORD_PREFIX}i-0123456789abcdef3`]: '{"t":5,"r":"x"}',
      }),
    ).toEqual([{ instanceId: "i-0123456789abcdef3", at: 5, reason: "x" }]);
  });
});

const ASG = "dp-edge-asg";

function world(abandonsToOpen = 3) {
  const clock = new FakeTimerClock(T);
  const fleet = new FakeFleet(clock);
  fleet.addGroup({ name: ASG, tags: { Name: "dp-edge" } });
  const notifications: NotificationEvent[] = [];
  const log = capturingLogger();
  const deps = {
    fleet,
    clock,
    logger: log.logger,
    notifier: {
      notify: async (e: NotificationEvent) => {
        notifications.push(e);
      },
    },
  };
  const cluster = deploymentConfigSchema.parse({
    clusters: [
      {
        name: "edge",
        autoScalingGroupName: ASG,
        targetGroupArns: ["arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dp/0123456789abcdef"],
        controlPlane: { breaker: { abandonsToOpen, windowSeconds: 1800 } },
      },
    ],
  }).clusters[0]!;
  const tags = () => fleet.groups.get(ASG)!.tags;
  /** Runs `work` while moving the clock on until every promise settled. */
  async function concurrently<T>(work: Promise<T>[]): Promise<T[]> {
    let done = false;
    const all = Promise.all(work).finally(() => {
      done = true;
    });
    while (!done) await clock.advance(100);
    return all;
  }
  const of = (kind: NotificationEvent["kind"]) => notifications.filter((n) => n.kind === kind);
  return { clock, fleet, deps, cluster, tags, concurrently, of, log };
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `i-0000000${i}abcdef${i}`.slice(0, 19));

describe("CP-outage breaker under concurrency (real concurrent promises over one fleet port)", () => {
  it("N = abandonsToOpen abandons finishing in the same millisecond open it once", async () => {
    for (const n of [2, 3, 5]) {
      const w = world(n);
      // Before: each read the one tag, added itself, wrote it back: all but one abandon were lost, nothing opened.
      await w.concurrently(
        ids(n).map((instanceId) =>
          breakerOnAbandon(w.deps, w.cluster, { instanceId, reason: "dp_manager unavailable", cpRelated: true }),
        ),
      );
      expect(abandonRecords(w.tags())).toHaveLength(n);
      const view = decodeBreaker(w.tags()[BREAKER_TAG]);
      expect(view).toMatchObject({ open: true, openedAt: T });
      expect(view.abandons).toHaveLength(n);
      expect(w.of("breaker-opened")).toHaveLength(1);
      expect(w.of("breaker-opened")[0]).toMatchObject({ abandons: n });
    }
  });

  it("more simultaneous abandons than needed still open it once; later abandons add nothing while it is open", async () => {
    const w = world(3);
    await w.concurrently(
      ids(6).map((instanceId) => breakerOnAbandon(w.deps, w.cluster, { instanceId, reason: "cp", cpRelated: true })),
    );
    expect(w.of("breaker-opened")).toHaveLength(1);
    await w.concurrently([
      breakerOnAbandon(w.deps, w.cluster, { instanceId: "i-0fffffffffffffff0", reason: "cp", cpRelated: true }),
    ]);
    expect(w.of("breaker-opened")).toHaveLength(1);
    expect(abandonRecords(w.tags())).toHaveLength(6);
  });

  it("fewer than N simultaneous abandons record each one and do not open", async () => {
    const w = world(3);
    await w.concurrently(
      ids(2).map((instanceId) => breakerOnAbandon(w.deps, w.cluster, { instanceId, reason: "cp", cpRelated: true })),
    );
    expect(abandonRecords(w.tags())).toHaveLength(2);
    expect(w.tags()[BREAKER_TAG]).toBeUndefined();
    expect(w.of("breaker-opened")).toHaveLength(0);
  });

  it("several nodes ready at the same moment close it once, and clear the records", async () => {
    const w = world(3);
    await w.concurrently(
      ids(3).map((instanceId) => breakerOnAbandon(w.deps, w.cluster, { instanceId, reason: "cp", cpRelated: true })),
    );
    await w.clock.advance(60_000);
    await w.concurrently(
      ["i-0aaaaaaaaaaaaaaa1", "i-0aaaaaaaaaaaaaaa2", "i-0aaaaaaaaaaaaaaa3"].map((instanceId) =>
        breakerOnReady(w.deps, w.cluster, { instanceId }),
      ),
    );
    expect(w.of("breaker-closed")).toHaveLength(1);
    expect(w.tags()[BREAKER_TAG]).toBeUndefined();
    expect(abandonRecords(w.tags())).toEqual([]);
    expect(w.tags().Name).toBe("dp-edge");
  });

  it("an abandon and a ready at the same moment: never an announcement of a transition that did not happen", async () => {
    const w = world(2);
    await w.concurrently([
      breakerOnAbandon(w.deps, w.cluster, { instanceId: ids(1)[0]!, reason: "cp", cpRelated: true }),
    ]);
    await w.concurrently([
      breakerOnAbandon(w.deps, w.cluster, { instanceId: "i-0bbbbbbbbbbbbbbb1", reason: "cp", cpRelated: true }),
      breakerOnReady(w.deps, w.cluster, { instanceId: "i-0aaaaaaaaaaaaaaa1" }),
    ]);
    const opened = w.of("breaker-opened").length;
    const closed = w.of("breaker-closed").length;
    expect(opened).toBeLessThanOrEqual(1);
    expect(closed).toBeLessThanOrEqual(opened);
    expect(decodeBreaker(w.tags()[BREAKER_TAG]).open).toBe(opened > closed);
  });

  it("waits the settle time before it reads the others' records back", async () => {
    const w = world(3);
    await w.concurrently([
      breakerOnAbandon(w.deps, w.cluster, { instanceId: ids(1)[0]!, reason: "x", cpRelated: true }),
    ]);
    expect(w.clock.sleeps).toContain(BREAKER_SETTLE_MS);
  });
});
