import { describe, expect, it } from "vitest";
import { RISE_SIGNIFICANCE, risePValue } from "../../../../shared/domain/signals/rise-test.ts";

/** Exact one-sided Mann–Kendall tail by brute force: every order of n distinct values, S ≥ s. */
function bruteForce(n: number, s: number): number {
  const perms: number[][] = [];
  const build = (prefix: number[], rest: number[]) => {
    if (rest.length === 0) perms.push(prefix);
    for (let i = 0; i < rest.length; i++) build([...prefix, rest[i]!], [...rest.slice(0, i), ...rest.slice(i + 1)]);
  };
  build([], [...Array(n).keys()]);
  let hits = 0;
  for (const p of perms) {
    let score = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) score += Math.sign(p[j]! - p[i]!);
    if (score >= s) hits++;
  }
  return hits / perms.length;
}

describe("risePValue (one-sided Mann–Kendall, exact)", () => {
  it.each([
    { n: 3, rising: 3, falling: 0, p: 1 / 6 },
    { n: 4, rising: 6, falling: 0, p: 1 / 24 },
    { n: 5, rising: 10, falling: 0, p: 1 / 120 },
    { n: 5, rising: 9, falling: 1, p: 5 / 120 },
    { n: 5, rising: 8, falling: 2, p: 14 / 120 },
  ])("n $n, $rising rising / $falling falling → $p", ({ n, rising, falling, p }) => {
    expect(risePValue(n, rising, falling)).toBeCloseTo(p, 12);
  });

  it("matches a brute-force count over every order for 3..7 points and every score", () => {
    for (let n = 3; n <= 7; n++) {
      const pairs = (n * (n - 1)) / 2;
      for (let falling = 0; falling < pairs / 2; falling++) {
        const rising = pairs - falling;
        expect(risePValue(n, rising, falling)).toBeCloseTo(bruteForce(n, rising - falling), 12);
      }
    }
  });

  it("is 1 when nothing rises on balance, or the point count is outside 2..8", () => {
    expect(risePValue(5, 5, 5)).toBe(1);
    expect(risePValue(5, 2, 8)).toBe(1);
    expect(risePValue(9, 36, 0)).toBe(1);
    expect(risePValue(1, 0, 0)).toBe(1);
  });

  it("counts a tied pair as neither: S = 9 is as rare as S = 10 without ties (S has the parity of the pairs)", () => {
    expect(risePValue(5, 9, 0)).toBeCloseTo(1 / 120, 12);
    expect(risePValue(5, 8, 0)).toBeCloseTo(5 / 120, 12);
    // A flat (saturated) stretch neither confirms nor denies a rise: 4 rising, 6 tied is S = 4.
    expect(risePValue(5, 4, 0)).toBeCloseTo(29 / 120, 12);
  });

  it("needs S ≥ 8 for five points at the 5 % level (9 of 10 pairs rising, one falling)", () => {
    expect(risePValue(5, 9, 1)).toBeLessThanOrEqual(RISE_SIGNIFICANCE);
    expect(risePValue(5, 8, 2)).toBeGreaterThan(RISE_SIGNIFICANCE);
  });
});
