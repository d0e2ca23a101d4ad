import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBreaker, decodePause, encodeBreaker, encodePause, TAG_VALUE_MAX } from "../../../shared/domain/tags.ts";

describe("pause tag", () => {
  it("round-trips who, why and since", () => {
    const v = encodePause({ by: "alice", reason: "game day", since: 1_700_000_000_000 });
    expect(decodePause(v)).toEqual({ paused: true, by: "alice", reason: "game day", since: 1_700_000_000_000 });
  });

  it("fits any reason into a tag value", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), fc.string({ maxLength: 200 }), (reason, by) => {
        expect(encodePause({ by, reason, since: 1 }).length).toBeLessThanOrEqual(TAG_VALUE_MAX);
      }),
    );
  });

  it("reads a hand-written tag as paused, and no tag as not paused", () => {
    // Not a value it recognises: paused (the documented reading), the value quoted in the reason; see tag-values.test.
    expect(decodePause("maintenance")).toEqual({ paused: true, reason: 'unrecognised tag value "maintenance"' });
    expect(decodePause(undefined)).toEqual({ paused: false });
  });
});

describe("breaker tag", () => {
  it("round-trips state to the millisecond", () => {
    const b = {
      open: true,
      abandons: [1_000_600, 1_000_900],
      openedAt: 1_000_900,
      lastReason: "dp_manager unavailable",
    };
    expect(decodeBreaker(encodeBreaker(b))).toEqual(b);
  });

  it("keeps the newest abandons when there are too many to fit", () => {
    const abandons = Array.from({ length: 100 }, (_, i) => (1_700_000_000 + i) * 1000);
    const v = encodeBreaker({ open: false, abandons, lastReason: "x".repeat(300) });
    expect(v.length).toBeLessThanOrEqual(TAG_VALUE_MAX);
    const back = decodeBreaker(v);
    expect(back.abandons.at(-1)).toBe(abandons.at(-1));
    expect(back.abandons.length).toBeLessThan(100);
  });

  it("still reads a value written in whole seconds before times were kept to the millisecond", () => {
    expect(decodeBreaker('{"o":1,"a":[1700000000,1700000060],"t":1700000060}')).toEqual({
      open: true,
      abandons: [1_700_000_000_000, 1_700_000_060_000],
      openedAt: 1_700_000_060_000,
    });
  });

  it("reads garbage as a closed breaker", () => {
    expect(decodeBreaker("{not json")).toEqual({ open: false, abandons: [] });
  });
});
