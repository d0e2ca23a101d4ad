/**
 * The proportional rule HPA and target tracking share: nodes needed = ceil(nodes measured × value ÷ target), with a
 * tolerance band around the target inside which nothing changes (HPA's 0.1).
 */

// Floating-point slack: 3 × (0.7 ÷ 0.7) must give 3, not ceil(3.0000000000000004) = 4.
const EPSILON = 1e-9;

/**
 * The size one signal asks for. Within the band (|value ÷ target − 1| ≤ tolerance) it is `nodesMeasured` (no change);
 * above it, at least `nodesMeasured + 1`; below it, at most `nodesMeasured`. Monotonic in `value`.
 * Below the band (scale-in) it is the fewest nodes that keep the load inside the band: ceil(nodes × ratio), or one
 * less when the load over one less is ≤ target × (1 + tolerance).
 */
export function proportionalProposal(nodesMeasured: number, value: number, target: number, tolerance: number): number {
  const ratio = value / target;
  if (Math.abs(ratio - 1) <= tolerance + EPSILON) return nodesMeasured;
  const needed = Math.max(0, Math.ceil(nodesMeasured * ratio - EPSILON));
  if (ratio >= 1 || needed <= 1) return needed;
  // Scale-in: ceil keeps a node the band does not need. One node fewer is enough when the load spread over it stays
  // inside the band (≤ target × (1 + tolerance)), so the next decision does not scale straight back out.
  const fewer = needed - 1;
  return nodesMeasured * ratio <= fewer * (1 + tolerance) + EPSILON ? fewer : needed;
}

/** True when `value` is inside the tolerance band around `target`. */
export function withinTolerance(value: number, target: number, tolerance: number): boolean {
  return Math.abs(value / target - 1) <= tolerance + EPSILON;
}

/**
 * The most nodes the look-ahead may add to what the newest value alone asks for (see `lookAheadProposal`): from
 * inside the tolerance band (the newest value asks for no change), and from above it.
 */
export const LOOK_AHEAD_EXTRA_NODES = { inBand: 1, aboveBand: 3 } as const;

/**
 * The size one signal asks for when its value was projected from `current` to `projected`: the proportional proposal
 * of the projection, but at most `extraNodes` above what `current` alone asks for (never below it). On noisy
 * per-minute traffic a five-point slope over a five-minute horizon asked for several nodes the load never needed; the
 * next decision projects again from the higher value if the rise is real. Monotonic in both values.
 */
export function lookAheadProposal(
  nodesMeasured: number,
  current: number,
  projected: number,
  target: number,
  tolerance: number,
  extraNodes: number,
): number {
  const byProjection = proportionalProposal(nodesMeasured, projected, target, tolerance);
  if (!(projected > current)) return byProjection;
  const byCurrent = proportionalProposal(nodesMeasured, current, target, tolerance);
  return Math.max(byCurrent, Math.min(byProjection, Math.max(byCurrent, nodesMeasured) + extraNodes));
}
