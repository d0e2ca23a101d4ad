/**
 * Is a rise real, or noise? The one-sided Mann–Kendall test on the few points the trend uses: S = (pairs that rise)
 * − (pairs that fall), over every pair of points in time order, and its exact p-value under "no trend" (every order of
 * the values equally likely), from the distribution of inversions of a permutation (Mahonian numbers).
 *
 * Why: on per-minute noisy traffic (NASA swings ±50 % minute to minute) the Theil–Sen slope of five points is often
 * positive by chance, and projecting it asked for nodes the load never needed. A ramp rises in (nearly) every pair;
 * noise does not. With five points the test at 5 % asks at least 9 of the 10 pairs to rise (S ≥ 8: p = 0.042).
 *
 * A tied pair counts as neither (the standard Mann–Kendall S); the p-value is that of the no-ties distribution, exact
 * without ties (real CPU and byte counts seldom tie; a saturated fleet at a constant size does, and its flat load
 * should neither confirm nor deny a rise). Pure and allocation-free after module load: the tail probabilities for
 * 2..`MAX_POINTS` points are tabulated once.
 */

/** The largest number of points the table covers (the trend uses at most `MAX_TREND_POINTS` = 8). */
const MAX_POINTS = 8;

/** The significance at which a rise counts as real. */
export const RISE_SIGNIFICANCE = 0.05;

/**
 * AT_MOST[n][k] = P(a uniformly random order of n distinct values has at most k falling pairs), for n ≤ MAX_POINTS:
 * the cumulative Mahonian distribution, I(n, k) = Σ_{j=0..min(k, n−1)} I(n−1, k−j).
 */
const AT_MOST: number[][] = (() => {
  const table: number[][] = [[1], [1]];
  let counts = [1]; // n = 1: one order, no inversions
  let factorial = 1;
  for (let n = 2; n <= MAX_POINTS; n++) {
    const maxInv = (n * (n - 1)) / 2;
    const next = new Array<number>(maxInv + 1).fill(0);
    for (let k = 0; k <= maxInv; k++) {
      // The n-th value placed j positions before the end adds j inversions (0 ≤ j ≤ n − 1).
      for (let j = 0; j <= Math.min(k, n - 1); j++) next[k]! += counts[k - j] ?? 0;
    }
    counts = next;
    factorial *= n;
    let running = 0;
    table[n] = counts.map((c) => {
      running += c;
      return running / factorial;
    });
  }
  return table;
})();

/**
 * One-sided p-value of "the values rise" for `n` points of which `rising` pairs rise and `falling` pairs fall (the
 * others tied): P(S ≥ rising − falling) under no trend. 1 when `n` is outside 2..`MAX_POINTS` or S ≤ 0.
 * @example risePValue(5, 10, 0) // 1/120 ≈ 0.008: five points, every pair rising
 * @example risePValue(5, 9, 1)  // 5/120 ≈ 0.042
 */
export function risePValue(n: number, rising: number, falling: number): number {
  if (n < 2 || n > MAX_POINTS || rising <= falling) return 1;
  const pairs = (n * (n - 1)) / 2;
  // Without ties S = pairs − 2 × inversions, so S ≥ s ⇔ inversions ≤ (pairs − s) / 2.
  return AT_MOST[n]![Math.floor((pairs - (rising - falling)) / 2)] ?? 1;
}
