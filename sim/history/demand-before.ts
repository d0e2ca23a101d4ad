/**
 * The demand of the days before a run, one value per minute, for the metric history CloudWatch would hold: the same
 * trace at the same scale as far back as the trace goes (without the window's noise), or a synthetic shape extended
 * backwards (a ramp's start level, a flash crowd's base, the diurnal cosine). Files and inline series have no past:
 * their history is empty.
 */
import type { Scenario } from "../scenario/schema.ts";
import { TRACES } from "../traffic/catalogue.ts";
import { syntheticRateAt } from "../traffic/synthetic.ts";
import { loadBundledTrace } from "../traffic/trace-store.ts";

const MINUTE = 60_000;

export interface DemandBefore {
  /** Epoch ms of the first minute (a whole minute). */
  fromMs: number;
  /** Requests per second, per minute from `fromMs` on, up to the run's start. */
  rps: Float64Array;
  /** Where it came from, for the run's notes. */
  note: string;
}

/** Demand per minute over [`untilMs` − `days`, `untilMs`) — shorter when the source does not reach that far back. */
export function demandBefore(scenario: Scenario, trafficStartMs: number, untilMs: number, days: number): DemandBefore {
  const until = Math.floor(untilMs / MINUTE) * MINUTE;
  const wanted = until - days * 1440 * MINUTE;
  const spec = scenario.traffic;
  if (days <= 0) return { fromMs: until, rps: new Float64Array(0), note: "no history" };
  switch (spec.source) {
    case "trace": {
      const trace = loadBundledTrace(spec.trace);
      const stepMs = trace.stepSeconds * 1000;
      const from = Math.max(wanted, Math.ceil(trace.startMs / MINUTE) * MINUTE);
      const minutes = Math.max(0, (until - from) / MINUTE);
      const rps = new Float64Array(minutes);
      for (let m = 0; m < minutes; m++) {
        // The trace's steps inside this minute (a minute-step trace: one), averaged, scaled like the window.
        const t0 = from + m * MINUTE;
        const first = Math.floor((t0 - trace.startMs) / stepMs);
        const last = Math.floor((t0 + MINUTE - 1 - trace.startMs) / stepMs);
        let sum = 0;
        let n = 0;
        for (let i = Math.max(0, first); i <= last && i < trace.rps.length; i++, n++) sum += trace.rps[i]!;
        rps[m] = n > 0 ? (sum / n) * spec.scale : 0;
      }
      const covered = (minutes / 1440).toFixed(1);
      return {
        fromMs: from,
        rps,
        note: `history: ${covered} days of the trace ${spec.trace} before the window (${TRACES[spec.trace].title}), scale ×${spec.scale}, no noise`,
      };
    }
    case "synthetic": {
      const minutes = (until - wanted) / MINUTE;
      const rate = syntheticRateAt(spec);
      const rps = new Float64Array(minutes);
      for (let m = 0; m < minutes; m++) {
        const minuteFromStart = (wanted + (m + 0.5) * MINUTE - trafficStartMs) / MINUTE;
        rps[m] = Math.max(0, rate(minuteFromStart)) * spec.scale;
      }
      return {
        fromMs: wanted,
        rps,
        note: `history: ${days} days of the synthetic ${spec.shape} shape extended backwards`,
      };
    }
    default:
      return { fromMs: until, rps: new Float64Array(0), note: `history: none (a ${spec.source} series has no past)` };
  }
}
