/**
 * Latency under load. A server at utilisation ρ queues like M/M/1: the mean time in system is service / (1 − ρ), and
 * its 95th percentile about 3× the mean (ln 20). Utilisation is capped just below 1 so a saturated server reports a
 * large but finite latency; what cannot be served at all is counted as unserved, not as latency.
 */

const RHO_CAP = 0.97;
/** p95 of an exponential time in system ≈ ln(20) × mean. */
const P95_FACTOR = Math.log(20);

/**
 * p95 latency (ms) of a server whose p95 is `baseMs` when idle, at utilisation `rho`.
 * @example p95LatencyMs(20, 0.5) // ≈ 20 × (1 + 0.5 / 0.5 × …) — doubles the queueing part at half load
 */
export function p95LatencyMs(baseMs: number, rho: number): number {
  const r = Math.min(Math.max(rho, 0), RHO_CAP);
  // The idle p95 is pure service; queueing adds base × ρ / (1 − ρ), scaled like the percentile.
  return baseMs * (1 + (P95_FACTOR / 3) * (r / (1 - r)));
}
