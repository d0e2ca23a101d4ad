/**
 * Seeded randomness for the simulated world. One seed per scenario; every consumer takes its own stream by name
 * (`rng.fork("boot")`), so adding a random draw in one model never shifts the draws of another: the same seed gives the
 * same run, and a change in one place changes only what it should.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  uniform(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** A log-normal draw with the given median and 95th percentile (p95 ≥ median). */
  logNormal(median: number, p95: number): number;
  /** An independent stream derived from this one's seed and `label`. */
  fork(label: string | number): Rng;
  /** `n` lowercase hex digits (instance ids, tokens). */
  hex(n: number): string;
}

const HEX = "0123456789abcdef";
/** z of the 95th percentile of the standard normal. */
const Z95 = 1.6448536269514722;

export function createRng(seed: number): Rng {
  return makeRng(mix(seed >>> 0, 0x9e3779b9));
}

/**
 * The raw generator on `seed` itself (no mixing, no named streams): for traffic noise, whose `noise.seed` is part of a
 * scenario and must give the same series on every machine and in every release.
 */
export function seededRandom(seed: number): Pick<Rng, "next" | "normal"> {
  return makeRng(seed >>> 0);
}

function makeRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    // mulberry32: small, fast, and good enough for a simulation's jitter.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    const u = 1 - next();
    const v = next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    chance: (p) => p > 0 && next() < p,
    normal,
    logNormal: (median, p95) => {
      if (median <= 0) return 0;
      const sigma = p95 > median ? Math.log(p95 / median) / Z95 : 0;
      return median * Math.exp(sigma * normal());
    },
    fork: (label) => makeRng(mix(seed, hashLabel(label))),
    hex: (n) => {
      let s = "";
      for (let i = 0; i < n; i++) s += HEX[(next() * 16) | 0];
      return s;
    },
  };
}

function hashLabel(label: string | number): number {
  const text = String(label);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A 32-bit mix of two words (murmur3's finaliser over their combination). */
function mix(a: number, b: number): number {
  let h = (a ^ Math.imul(b, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
