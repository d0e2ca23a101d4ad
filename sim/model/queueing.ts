/**
 * Latency under load.
 *
 * The gateway node is an M/M/c queue: its `c` nginx workers are the servers, each serving `capacityRps / c` requests
 * per second (so `c` busy workers are the node at 100 %). At utilisation ρ < 1 an arriving request waits with the
 * Erlang C probability C(c, ρ), and its wait beyond t has the tail P(W > t) = C · e^(−(cμ − λ)t): the wait grows
 * without bound as ρ → 1, and at ρ ≥ 1 the queue never empties. A minute's p95 is taken over every request served in
 * it (a mixture of the ticks' and the target groups' queues: `WaitTail`), and capped at the load balancer's timeout —
 * a request that waits longer is answered 504 by the load balancer, not later.
 *
 * The upstream keeps a simpler curve (`p95LatencyMs`): its latency rises as 1/(1 − ρ) up to a cap, and what it cannot
 * answer is modelled by its collapse (`upstream.ts`).
 */

/** p95 of an exponential time in system ≈ ln(20) × mean. */
const P95_FACTOR = Math.log(20);
/** The upstream's utilisation is capped just below 1 so a saturated upstream reports a large but finite latency. */
const UPSTREAM_RHO_CAP = 0.97;
/** A request waits at most this long: ALB's default idle timeout is 60 s (docs/reference/aws.md). */
export const GATEWAY_TIMEOUT_MS = 60_000;
/** The share of requests allowed above the p95. */
const TAIL = 0.05;

/**
 * p95 latency (ms) of the upstream, whose p95 is `baseMs` when idle, at utilisation `rho` (capped below 1).
 * @example p95LatencyMs(20, 0.5) // 20 × (1 + ln20/3) ≈ 40
 */
export function p95LatencyMs(baseMs: number, rho: number): number {
  const r = Math.min(Math.max(rho, 0), UPSTREAM_RHO_CAP);
  // The idle p95 is pure service; queueing adds base × ρ / (1 − ρ), scaled like the percentile.
  return baseMs * (1 + (P95_FACTOR / 3) * (r / (1 - r)));
}

/**
 * Erlang C: the probability that a request arriving at an M/M/c queue with `c` servers at utilisation `rho` waits
 * (1 at ρ ≥ 1). Computed through the Erlang B recurrence, which stays stable for any c.
 * @example erlangC(1, 0.5) // 0.5 (M/M/1: P(wait) = ρ)
 */
export function erlangC(c: number, rho: number): number {
  if (rho <= 0) return 0;
  if (rho >= 1) return 1;
  const a = c * rho;
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b / (1 - rho * (1 - b));
}

/**
 * p95 of the wait (ms) in an M/M/c queue of `c` servers with total service rate `capacityRps` at utilisation `rho`;
 * `GATEWAY_TIMEOUT_MS` when the queue is saturated or the wait would be longer.
 * @example p95WaitMs(4, 8000, 0.5) // 0: fewer than 5 % of requests wait at all
 */
export function p95WaitMs(c: number, capacityRps: number, rho: number): number {
  const tail = new WaitTail();
  tail.add(1, c, capacityRps, rho);
  return tail.p95Ms();
}

/**
 * The wait distribution of every request served over a span (a minute): a weighted mixture of M/M/c waits, one
 * component per queue and tick. Reused from minute to minute (`clear`), so serving a tick allocates nothing.
 */
export class WaitTail {
  /** Per component: weight (requests), P(wait) and decay rate (per ms) of the tail C·e^(−θt). */
  #weight: number[] = [];
  #waitProbability: number[] = [];
  #rate: number[] = [];
  #count = 0;
  #total = 0;

  /** `requests` served by a queue of `c` servers with total rate `capacityRps` at utilisation `rho`. */
  add(requests: number, c: number, capacityRps: number, rho: number): void {
    if (!(requests > 0)) return;
    const i = this.#count++;
    this.#weight[i] = requests;
    this.#waitProbability[i] = erlangC(c, rho);
    this.#rate[i] = rho >= 1 ? 0 : (capacityRps * (1 - rho)) / 1000;
    this.#total += requests;
  }

  clear(): void {
    this.#count = 0;
    this.#total = 0;
  }

  get requests(): number {
    return this.#total;
  }

  /** Share of the requests whose wait exceeds `ms`. */
  shareAbove(ms: number): number {
    if (this.#total <= 0) return 0;
    let above = 0;
    for (let i = 0; i < this.#count; i++) {
      const rate = this.#rate[i]!;
      above += this.#weight[i]! * this.#waitProbability[i]! * (rate === 0 ? 1 : Math.exp(-rate * ms));
    }
    return above / this.#total;
  }

  /** The wait (ms) that 95 % of the requests do not exceed, at most `GATEWAY_TIMEOUT_MS`; 0 with no requests. */
  p95Ms(): number {
    if (this.#total <= 0 || this.shareAbove(0) <= TAIL) return 0;
    // The mixture's p95 lies between its components' own p95s (each component's share above its own p95 is 5 %): bisect
    // shareAbove, which falls with the wait, between those — to 1 µs (a steady minute's components nearly agree).
    let lo = GATEWAY_TIMEOUT_MS;
    let hi = 0;
    for (let i = 0; i < this.#count; i++) {
      const c = this.#waitProbability[i]!;
      const rate = this.#rate[i]!;
      const own =
        c <= TAIL ? 0 : rate === 0 ? GATEWAY_TIMEOUT_MS : Math.min(GATEWAY_TIMEOUT_MS, Math.log(c / TAIL) / rate);
      if (own < lo) lo = own;
      if (own > hi) hi = own;
    }
    if (hi >= GATEWAY_TIMEOUT_MS && this.shareAbove(GATEWAY_TIMEOUT_MS) > TAIL) return GATEWAY_TIMEOUT_MS;
    while (hi - lo > 1e-3) {
      const mid = (lo + hi) / 2;
      if (this.shareAbove(mid) > TAIL) lo = mid;
      else hi = mid;
    }
    return hi;
  }
}
