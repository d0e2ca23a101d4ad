/**
 * Seeded variation on top of a series. Two modes:
 * - resample (`resolutionSeconds` finer than the series step): each source step is cut into sub-steps whose rates vary
 *   by multiplicative noise and are then normalised, so every source step keeps its exact request total. This is how a
 *   per-minute trace gets sub-minute bursts without changing what the trace says.
 * - per step (no `resolutionSeconds`, or equal to the step): each step's rate is multiplied by max(0, 1 + σ·N(0,1)).
 *   Totals then drift a little (σ-sized per step, near zero over many steps).
 */

import { seededRandom } from "../random.ts";
import { TrafficSpecError } from "./errors.ts";
import type { NoiseSpec } from "./spec.ts";

/** Keeps the traffic noise independent of other users of the same scenario seed. */
const TRAFFIC_STREAM = 0x7a3f_19c5;

export function applyNoise(
  rps: Float64Array,
  stepSeconds: number,
  noise: NoiseSpec,
  seed: number,
): { rps: Float64Array; stepSeconds: number } {
  const random = seededRandom(((noise.seed ?? seed) ^ TRAFFIC_STREAM) >>> 0);
  const sigma = noise.relativeStdDev;
  const target = noise.resolutionSeconds ?? stepSeconds;
  if (target > stepSeconds) {
    throw new TrafficSpecError(
      "traffic.noise.resolutionSeconds",
      `must be at most the series step (${stepSeconds} s), got ${target}`,
    );
  }
  if (stepSeconds % target !== 0) {
    throw new TrafficSpecError(
      "traffic.noise.resolutionSeconds",
      `must divide the series step (${stepSeconds} s), got ${target}`,
    );
  }
  const factor = () => Math.max(0, 1 + sigma * random.normal());
  if (target === stepSeconds) {
    const out = new Float64Array(rps.length);
    for (let i = 0; i < rps.length; i++) out[i] = rps[i]! * factor();
    return { rps: out, stepSeconds };
  }
  const k = stepSeconds / target;
  const out = new Float64Array(rps.length * k);
  const weights = new Float64Array(k);
  for (let i = 0; i < rps.length; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) {
      weights[j] = factor();
      sum += weights[j]!;
    }
    for (let j = 0; j < k; j++) out[i * k + j] = sum > 0 ? (rps[i]! * weights[j]! * k) / sum : rps[i]!;
  }
  return { rps: out, stepSeconds: target };
}
