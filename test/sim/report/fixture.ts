/**
 * Hand-built runs for the renderer tests: a day of diurnal demand with a flash crowd that outruns the fleet for a few
 * minutes, nodes that follow with a boot delay, and a few decisions. `lag` makes a policy slower (more overload),
 * `headroom` makes it fatter (more instance-hours).
 */
import type { PolicyName, RunResult, TimelinePoint } from "../../../sim/types.ts";

const MINUTE = 60_000;
export const DAY_START = Date.UTC(1995, 6, 13, 4, 0);
const PER_NODE_RPS = 1000;

export interface FixtureOptions {
  scenario?: string;
  policy?: PolicyName;
  minutes?: number;
  lag?: number;
  headroom?: number;
  violations?: string[];
}

export function fixtureRun(options: FixtureOptions = {}): RunResult {
  const minutes = options.minutes ?? 1440;
  const lag = options.lag ?? 6;
  const headroom = options.headroom ?? 1.2;
  const demand = (m: number) => {
    const diurnal = 3000 + 2500 * Math.sin((2 * Math.PI * (m - 360)) / 1440);
    const crowd = m >= 600 && m < 660 ? 6000 * Math.exp(-(m - 600) / 20) : 0;
    return diurnal + crowd;
  };
  const timeline: TimelinePoint[] = [];
  let inService = 4;
  let peak = 0;
  let minNodes = Number.POSITIVE_INFINITY;
  let overload = 0;
  let instanceMinutes = 0;
  for (let m = 0; m < minutes; m++) {
    const d = demand(m);
    const desired = Math.max(2, Math.ceil((demand(Math.max(0, m - 2)) * headroom) / PER_NODE_RPS));
    const target = Math.max(2, Math.ceil((demand(Math.max(0, m - lag)) * headroom) / PER_NODE_RPS));
    const launching = Math.max(0, desired - inService);
    const draining = inService > target ? 1 : 0;
    inService = target;
    const capacity = inService * PER_NODE_RPS;
    const served = Math.min(d, capacity);
    if (served < d) overload++;
    peak = Math.max(peak, inService + launching);
    minNodes = Math.min(minNodes, inService);
    instanceMinutes += inService + launching + draining;
    const utilisation = served / capacity;
    timeline.push({
      t: DAY_START + m * MINUTE,
      demandRps: d,
      servingCapacityRps: capacity,
      servedRps: served,
      desired,
      launching,
      inService,
      draining,
      latencyMs: 8 + 40 * utilisation ** 4 + (served < d ? 400 : 0),
      upstreamLatencyMs: 20 + 30 * utilisation ** 2,
    });
  }
  const offered = timeline.reduce((a, p) => a + p.demandRps, 0);
  const unserved = timeline.reduce((a, p) => a + (p.demandRps - p.servedRps), 0);
  return {
    scenario: options.scenario ?? "nasa-launch-day",
    policy: options.policy ?? "ours",
    seed: 42,
    startMs: DAY_START,
    endMs: DAY_START + minutes * MINUTE,
    summary: {
      instanceHours: instanceMinutes / 60,
      overloadMinutes: overload,
      unservedRequestsPct: (100 * unserved) / offered,
      peakNodes: peak,
      minNodes,
      scaleOutActions: 17,
      scaleInActions: 12,
      abandonedLaunches: 1,
      registeredBeforeReady: 0,
      lifecycleTimeouts: 0,
      readyToRegisteredP99Seconds: 4.2,
      notifications: 3,
      slackMessages: 2,
      simulatedMinutesPerSecond: 24_000,
    },
    timeline,
    events: [
      { t: DAY_START + 120 * MINUTE, kind: "decision", text: "scale out 4 → 6: cpu 82 % > target 70 % (proposal 6)" },
      {
        t: DAY_START + 601 * MINUTE,
        kind: "decision",
        text: "scale out 6 → 12: cpu 140 % > target 70 % (proposal 12)",
      },
      { t: DAY_START + 603 * MINUTE, kind: "guardrail", text: "upstream-latency: <script>alert('x')</script> & more" },
      { t: DAY_START + 640 * MINUTE, kind: "abandon", text: "i-0abc never ready within 300 s: ABANDON" },
      { t: DAY_START + 900 * MINUTE, kind: "decision", text: "scale in 12 → 9: stabilised for 300 s" },
    ],
    invariantViolations: options.violations ?? [],
    notes: [
      "traffic: trace nasa-1995 — NASA-HTTP 1995 (Kennedy Space Center web server); Internet Traffic Archive NASA-HTTP logs",
      "window: 1995-07-13 00:00 UTC−4 → 1995-07-14 00:00 UTC−4 (1440 min of per-minute data)",
      "scale ×500; 1 KiB in / 8 KiB out per request",
    ],
    reference: { atTargetInstanceHours: 61.5 },
  };
}
