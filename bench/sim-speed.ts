/**
 * Simulator speed: simulated minutes per wall-clock second with the real handlers in the loop (`ours`), median of 3
 * runs, on a month of WC98 (June 1998, the World Cup's first weeks; the wc98-final-week scenario's cluster and scale)
 * and on the default scenario. Aim (issue 5): ≥ 10,000 (a simulated month in under 5 s).
 */
import { performance } from "node:perf_hooks";
import { runScenario } from "../sim/run.ts";
import { DEFAULT_SCENARIO } from "../sim/scenario/builtins.ts";
import { builtinScenario } from "../sim/scenario/load.ts";
import type { Scenario } from "../sim/scenario/schema.ts";
import { loadTraffic } from "../sim/traffic/load.ts";

const RUNS = 3;
const JUNE_1998_MINUTES = 30 * 1440;

function wc98June(): Scenario {
  const s = builtinScenario("wc98-final-week");
  if (s.traffic.source !== "trace") throw new Error("wc98-final-week is expected to replay a trace");
  return {
    ...s,
    name: "wc98-june-1998",
    traffic: {
      ...s.traffic,
      window: { ...s.traffic.window, start: "1998-06-01T00:00Z", durationMinutes: JUNE_1998_MINUTES },
    },
  };
}

async function measure(label: string, scenario: Scenario, runs: number): Promise<void> {
  const traffic = loadTraffic(scenario.traffic, scenario.seed);
  const rates: number[] = [];
  const walls: number[] = [];
  let minutes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await runScenario(scenario, "ours", { traffic });
    const wall = (performance.now() - t0) / 1000;
    minutes = (r.endMs - r.startMs) / 60_000;
    walls.push(wall);
    rates.push(r.summary.simulatedMinutesPerSecond);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  console.log(
    `${label.padEnd(24)} ${String(Math.round(minutes)).padStart(7)} simulated min  median ${String(Math.round(median(rates))).padStart(6)} simulated min/s  (wall ${median(walls).toFixed(2)} s; runs: ${rates.map((r) => Math.round(r)).join(", ")})`,
  );
}

export async function run({ quick }: { quick: boolean }): Promise<void> {
  const runs = quick ? 1 : RUNS;
  console.log(
    `ours (the real handlers), ${runs === 1 ? "1 run" : `median of ${runs} runs`}; aim ≥ 10,000 simulated min/s`,
  );
  await measure("wc98 June 1998 (month)", wc98June(), runs);
  await measure(DEFAULT_SCENARIO, builtinScenario(DEFAULT_SCENARIO), runs);
}
