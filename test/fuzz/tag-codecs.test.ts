/**
 * Fuzzing the ASG tags the autoscaler keeps its state in (pause, control-plane breaker). People can edit tags by
 * hand, so any string may come back: decoding never throws, and the decision made with what it decodes never throws
 * either (a cluster whose every tick fails on a tag would never scale again). Encoding always fits a tag value and
 * round-trips what matters.
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import { deploymentConfigSchema } from "../../shared/config/schema.ts";
import { decide } from "../../shared/domain/decide.ts";
import { formatDecision } from "../../shared/domain/explain.ts";
import type { Observation } from "../../shared/domain/observation.ts";
import { decodeBreaker, decodePause, encodeBreaker, encodePause, TAG_VALUE_MAX } from "../../shared/domain/tags.ts";
import { ensure } from "./support/ensure.ts";
import { mutatedFrom, weirdValue } from "./support/mutate.ts";
import { fuzzParams } from "./support/runs.ts";

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dp/0123456789abcdef";
const CLUSTER = deploymentConfigSchema.parse({
  clusters: [{ name: "prod", autoScalingGroupName: "dp-prod", targetGroupArns: [TG] }],
}).clusters[0]!;

const PAUSE = encodePause({ by: "alice", reason: "game day", since: NOW });
const BREAKER = encodeBreaker({ open: true, abandons: [NOW - 60_000, NOW], openedAt: NOW, lastReason: "cp down" });

/** A tag value as a person might leave it: our encodings mutated (as JSON and as text), or any string. */
const tagValue: fc.Arbitrary<string | undefined> = fc.oneof(
  mutatedFrom({ pause: JSON.parse(PAUSE), breaker: JSON.parse(BREAKER) }).map((c) => JSON.stringify(c.value) ?? ""),
  fc.tuple(fc.constantFrom(PAUSE, BREAKER), fc.nat()).map(([v, cut]) => v.slice(0, cut % (v.length + 1))),
  weirdValue.map((v) => (typeof v === "string" ? v : JSON.stringify(v))),
  fc.string({ maxLength: 300 }),
);

function observation(tags: { pause: string | undefined; breaker: string | undefined }): Observation {
  const cpu = Array.from({ length: 5 }, (_, i) => ({ t: NOW - (5 - i) * 60_000, v: 90 }));
  return {
    cluster: "prod",
    observedAt: NOW,
    group: { name: "dp-prod", desired: 4, min: 2, max: 10, instances: [] },
    signals: [{ id: "cpu", unit: "%", target: 70, points: cpu, nodesMeasured: 4 }],
    guardrailInputs: {},
    paused: decodePause(tags.pause),
    breaker: decodeBreaker(tags.breaker),
    recentRecommendations: [],
  };
}

describe("fuzz: ASG tag codecs", () => {
  it("any tag value decodes without throwing, and the decision made with it never throws", () => {
    fc.assert(
      fc.property(tagValue, tagValue, (pause, breaker) => {
        const o = observation({ pause, breaker });
        ensure(typeof o.paused.paused === "boolean" && typeof o.breaker.open === "boolean", "decoded flags");
        // The defined reading (docs/operations.md): absent or a "no" word → not paused; anything else → paused.
        const off = pause === undefined || ["false", "no", "off", "0", ""].includes(pause.trim().toLowerCase());
        ensure(o.paused.paused === !off, "a pause tag means paused unless it says no");
        for (const t of [o.paused.since, o.breaker.openedAt, ...o.breaker.abandons])
          if (t !== undefined) ensure(Number.isFinite(new Date(t).getTime()), `decoded time ${t} is not a date`);
        const d = decide(CLUSTER, o, NOW);
        ensure(formatDecision(d).length > 0, "the decision prints");
        if (o.paused.paused || o.breaker.open) ensure(d.desired === 4, "frozen");
      }),
      fuzzParams("tagCodecs"),
    );
  });

  it("encodings fit in a tag value and round-trip who, why and when", () => {
    fc.assert(
      fc.property(
        fc.record({
          by: fc.option(fc.string({ maxLength: 100 }), { nil: undefined }),
          reason: fc.oneof(fc.string({ maxLength: 600 }), fc.string({ unit: "binary", maxLength: 300 })),
          since: fc.integer({ min: 0, max: 4_102_444_800_000 }),
          abandons: fc.array(fc.integer({ min: 0, max: 4_102_444_800_000 }), { maxLength: 60 }),
          open: fc.boolean(),
        }),
        (p) => {
          const pause = encodePause(p);
          ensure(pause.length <= TAG_VALUE_MAX, `pause tag of ${pause.length} characters`);
          const back = decodePause(pause);
          ensure(back.paused && back.since === p.since, "pause since round-trips");
          ensure((back.by ?? "") === (p.by ?? "").slice(0, 64), "pause by round-trips (cut at 64)");
          ensure(p.reason.startsWith(back.reason ?? ""), "the reason is kept, or cut");

          const breaker = encodeBreaker({
            open: p.open,
            abandons: p.abandons,
            openedAt: p.since,
            lastReason: p.reason,
          });
          ensure(breaker.length <= TAG_VALUE_MAX, `breaker tag of ${breaker.length} characters`);
          const b = decodeBreaker(breaker);
          ensure(b.open === p.open, "breaker state round-trips");
          // Kept to the millisecond, newest last: what fits of the end of the list.
          const kept = p.abandons.slice(p.abandons.length - b.abandons.length);
          ensure(JSON.stringify(b.abandons) === JSON.stringify(kept), "the newest abandons are kept");
        },
      ),
      fuzzParams("tagCodecs"),
    );
  });
});
