/**
 * Synthetic demand shapes, as requests per second on a regular grid (before scale and noise). Each rate is taken at
 * the middle of its step, so a shape reads the same at any resolution.
 */
import type { SyntheticTrafficSpec } from "./spec.ts";

/** 95 % of an exponential decay is gone after 3 time constants. */
const DECAY_TIME_CONSTANTS = 3;

export function syntheticRates(spec: SyntheticTrafficSpec): Float64Array {
  const steps = Math.max(1, Math.ceil((spec.durationMinutes * 60) / spec.resolutionSeconds));
  const rate = syntheticRateAt(spec);
  const out = new Float64Array(steps);
  for (let i = 0; i < steps; i++) out[i] = Math.max(0, rate(((i + 0.5) * spec.resolutionSeconds) / 60));
  return out;
}

/**
 * Rate (req/s) at `minute` minutes from the start, before scale and noise. Negative minutes extend the shape backwards
 * (the metric history of the days before a run): a ramp's start level, a flash crowd's base, the diurnal cosine.
 */
export function syntheticRateAt(spec: SyntheticTrafficSpec): (minute: number) => number {
  switch (spec.shape) {
    case "constant":
      return () => spec.rps;
    case "ramp": {
      const rampMinutes = spec.rampMinutes ?? Math.max(spec.durationMinutes - spec.holdMinutes, Number.MIN_VALUE);
      return (m) => {
        const progress = Math.min(1, Math.max(0, (m - spec.holdMinutes) / rampMinutes));
        return spec.fromRps + (spec.toRps - spec.fromRps) * progress;
      };
    }
    case "flash-crowd": {
      const peakStart = spec.atMinute + spec.riseMinutes;
      const decayStart = peakStart + spec.holdMinutes;
      const tau = spec.decayMinutes / DECAY_TIME_CONSTANTS;
      const extra = spec.peakRps - spec.baseRps;
      return (m) => {
        if (m < spec.atMinute) return spec.baseRps;
        if (m < peakStart) return spec.baseRps + (extra * (m - spec.atMinute)) / spec.riseMinutes;
        if (m < decayStart) return spec.peakRps;
        return spec.baseRps + extra * Math.exp(-(m - decayStart) / tau);
      };
    }
    case "diurnal":
      return (m) => {
        const phase = (2 * Math.PI * (m - spec.peakAtMinute)) / spec.periodMinutes;
        return spec.minRps + ((spec.maxRps - spec.minRps) * (1 + Math.cos(phase))) / 2;
      };
  }
}
