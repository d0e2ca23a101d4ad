/**
 * Issue 12, item 5: a pause or breaker tag value the autoscaler does not recognise is a clear warning and a defined
 * behaviour (docs/operations.md, "Hand-edited tags"), not "any value means paused".
 */
import { describe, expect, it } from "vitest";
import {
  BREAKER_TAG,
  encodeBreaker,
  encodePause,
  PAUSE_TAG,
  readBreakerTag,
  readPauseTag,
} from "../../../shared/domain/tags.ts";

describe("the pause tag", () => {
  it.each(["true", "TRUE", " yes ", "on", "1", "paused"])("%j is a pause, with no warning", (value) => {
    const r = readPauseTag(value);
    expect(r.state.paused).toBe(true);
    expect(r.warning).toBeUndefined();
  });

  it.each(["false", "False", "no", "off", "0", "", "  "])("%j is NOT a pause, with no warning", (value) => {
    expect(readPauseTag(value)).toEqual({ state: { paused: false } });
  });

  it("our own encoding is a pause with its who, why and since", () => {
    const r = readPauseTag(encodePause({ by: "bob", reason: "game day", since: 1_700_000_000_000 }));
    expect(r).toEqual({ state: { paused: true, by: "bob", reason: "game day", since: 1_700_000_000_000 } });
  });

  it.each(["pasued", "null", "[1]", '"true"', "maybe", "x".repeat(256)])(
    "%j is not recognised: read as paused, with one warning naming the tag, the value (cut) and the reading",
    (value) => {
      const r = readPauseTag(value);
      expect(r.state.paused).toBe(true);
      expect(r.state.reason).toMatch(/^unrecognised tag value /);
      expect(r.warning).toContain(PAUSE_TAG);
      expect(r.warning).toContain("read as PAUSED");
      expect(r.warning!.length).toBeLessThan(300);
    },
  );
});

describe("the breaker tag", () => {
  it("our own encoding reads back as written, with no warning", () => {
    const open = encodeBreaker({ open: true, abandons: [1_700_000_000_000], openedAt: 1_700_000_000_000 });
    expect(readBreakerTag(open)).toEqual({
      state: { open: true, abandons: [1_700_000_000_000], openedAt: 1_700_000_000_000, lastReason: undefined },
    });
    expect(readBreakerTag(encodeBreaker({ open: false, abandons: [] })).warning).toBeUndefined();
  });

  it.each(["closed", "false", "0", ""])("%j is closed, with no warning", (value) => {
    expect(readBreakerTag(value)).toEqual({ state: { open: false, abandons: [] } });
  });

  it.each(["open", "garbage", '{"o":"yes"}', '{"a":[1]}', "[1]"])(
    "%j is not recognised: read as closed, with one warning",
    (value) => {
      const r = readBreakerTag(value);
      expect(r.state).toEqual({ open: false, abandons: [] });
      expect(r.warning).toContain(BREAKER_TAG);
      expect(r.warning).toContain("read as CLOSED");
    },
  );
});
