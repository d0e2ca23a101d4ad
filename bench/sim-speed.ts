/**
 * Simulator speed: simulated minutes per wall-clock second with the real handlers in the loop (`ours`), median of 3
 * runs, side by side on
 * - a month of WC98 (June 1998, the World Cup's first weeks; the wc98-final-week scenario's cluster and scale, ≈ 17
 *   nodes at peak) — aim ≥ 20,000 simulated min/s;
 * - a month of a 500-node fleet (a daily cosine between 180 and 500 nodes' worth of demand at the CPU target) — aim a
 *   month in ≤ 10 s, i.e. ≥ 4,300 simulated min/s (warm-up and settling included);
 * - the default scenario (one day).
 */
import { performance } from "node:perf_hooks";
import { runScenario } from "../sim/run.ts";
import { DEFAULT_SCENARIO } from "../sim/scenario/builtins.ts";
import { builtinScenario, validateScenario } from "../sim/scenario/load.ts";
import type { Scenario } from "../sim/scenario/schema.ts";
import { loadTraffic } from "../sim/traffic/load.ts";

const RUNS = 3;
const MONTH_MINUTES = 30 * 1440;
/** A node's requests per second at the default 70 % CPU target (8,000 req/s at 100 %). */
const NODE_RPS_AT_TARGET = 8000 * 0.7;

function wc98June(): Scenario {
  const s = builtinScenario("wc98-final-week");
  if (s.traffic.source !== "trace") throw new Error("wc98-final-week is expected to replay a trace");
  return {
    ...s,
    name: "wc98-june-1998",
    traffic: {
      ...s.traffic,
      window: { ...s.traffic.window, start: "1998-06-01T00:00Z", durationMinutes: MONTH_MINUTES },
    },
  };
}

/** `days` of a fleet that swings daily between 180 and 500 nodes. */
export function fleet500(days: number): Scenario {
  return validateScenario(
    {
      name: "fleet-500",
      seed: 5,
      traffic: {
        source: "synthetic",
        shape: "diurnal",
        minRps: 180 * NODE_RPS_AT_TARGET,
        maxRps: 500 * NODE_RPS_AT_TARGET,
        durationMinutes: days * 1440,
      },
      cluster: {
        name: "edge",
        autoScalingGroupName: "dp-edge-asg",
        targetGroupArns: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp-edge/0123456789abcdef"],
        minNodes: 20,
        maxNodes: 700,
      },
    },
    "bench sim-speed",
  );
}

async function measure(label: string, scenario: Scenario, runs: number, aim: number | undefined): Promise<void> {
  const traffic = loadTraffic(scenario.traffic, scenario.seed);
  const rates: number[] = [];
  const walls: number[] = [];
  /** Simulated minutes per second of this process's CPU time: what the machine's other load does not change much. */
  const cpuRates: number[] = [];
  let minutes = 0;
  let peak = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const r = await runScenario(scenario, "ours", { traffic });
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    minutes = (r.endMs - r.startMs) / 60_000;
    peak = r.summary.peakNodes;
    walls.push(wall);
    rates.push(r.summary.simulatedMinutesPerSecond);
    // The same simulated minutes (warm-up and settling included), over CPU seconds instead of wall seconds.
    cpuRates.push((r.summary.simulatedMinutesPerSecond * wall) / ((cpu.user + cpu.system) / 1e6));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const rate = median(rates);
  const verdict = aim === undefined ? "" : `  aim ≥ ${aim.toLocaleString("en")}: ${rate >= aim ? "met" : "NOT met"}`;
  console.log(
    `${label.padEnd(26)} ${String(Math.round(minutes)).padStart(7)} simulated min, peak ${String(peak).padStart(3)} nodes  median ${String(Math.round(rate)).padStart(6)} simulated min/s  (wall ${median(walls).toFixed(2)} s; runs: ${rates.map((r) => Math.round(r)).join(", ")}; per CPU-second: ${cpuRates.map((r) => Math.round(r)).join(", ")})${verdict}`,
  );
}

export async function run({ quick }: { quick: boolean }): Promise<void> {
  const runs = quick ? 1 : RUNS;
  console.log(`ours (the real handlers), ${runs === 1 ? "1 run" : `median of ${runs} runs`}`);
  await measure("wc98 June 1998 (month)", wc98June(), runs, 20_000);
  await measure("500-node fleet (month)", fleet500(30), runs, 4_300);
  await measure(DEFAULT_SCENARIO, builtinScenario(DEFAULT_SCENARIO), runs, undefined);
}
