import { describe, expect, it } from "vitest";
import { freshNewest, freshnessOf } from "../../../../shared/domain/signals/freshness.ts";
import { NOW, points } from "../builders.ts";

describe("signal freshness", () => {
  it.each([
    { name: "no points", pts: [], want: "empty" },
    { name: "newest 120 s old", pts: points([1, 2], { newestAgeS: 120 }), want: "fresh" },
    { name: "newest exactly at the limit", pts: points([1], { newestAgeS: 300 }), want: "fresh" },
    { name: "newest past the limit", pts: points([1], { newestAgeS: 301 }), want: "stale" },
    {
      name: "the newest point decides",
      pts: [
        { t: NOW - 400_000, v: 1 },
        { t: NOW - 60_000, v: 1 },
      ],
      want: "fresh",
    },
    { name: "newest is NaN", pts: [{ t: NOW, v: Number.NaN }], want: "invalid" },
  ])("$name → $want", ({ pts, want }) => {
    expect(freshnessOf(pts, NOW, 300_000)).toBe(want);
  });

  it("hands back only a fresh newest point", () => {
    expect(freshNewest(points([1, 7]), NOW, 300_000)?.v).toBe(7);
    expect(freshNewest(points([7], { newestAgeS: 900 }), NOW, 300_000)).toBeUndefined();
    expect(freshNewest(undefined, NOW, 300_000)).toBeUndefined();
  });
});
