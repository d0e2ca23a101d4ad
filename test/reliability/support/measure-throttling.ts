/**
 * Prints how many lifecycle actions reach their hook timeout when the autoscaler's AWS calls keep failing, over
 * several built-ins and seeds under `ours` (the real handlers). The simulator's rate is what is left after the SDK's
 * retries: 0.125 is the 50 % raw throttling with the SDK's 3 attempts (0.5³).
 *
 *   npx tsx test/reliability/support/measure-throttling.ts [rate …]
 *
 * A figure for docs/reliability.md, not a test: the tail it measures depends on the seed.
 */
import { runScenario } from "../../../sim/run.ts";
import { BUILTIN_SCENARIOS } from "../../../sim/scenario/builtins.ts";
import { validateScenario } from "../../../sim/scenario/load.ts";

const SCENARIOS = ["flash-crowd", "nasa-launch-day", "wc98-final-week"];
const SEEDS = [1, 2, 3, 4, 5, 6];

async function main(): Promise<void> {
  const rates = process.argv.slice(2).map(Number);
  for (const rate of rates.length > 0 ? rates : [0.125, 0.2]) {
    let actions = 0;
    let launching = 0;
    let terminating = 0;
    let other = 0;
    for (const name of SCENARIOS) {
      const base = BUILTIN_SCENARIOS.find((s) => s.name === name)!;
      for (const seed of SEEDS) {
        const scenario = validateScenario(
          { ...base, seed, faults: { ...base.faults, apiThrottlingRate: rate } },
          `${name}#${seed}`,
        );
        const run = await runScenario(scenario, "ours");
        actions += run.events.filter((e) => e.kind === "launch-ready" || e.kind === "drain").length;
        actions += run.summary.abandonedLaunches;
        for (const v of run.invariantViolations) {
          if (/launching lifecycle action .* ran into its timeout/.test(v)) launching++;
          else if (/terminating lifecycle action .* ran into its timeout/.test(v)) terminating++;
          else other++;
        }
      }
    }
    const runs = SCENARIOS.length * SEEDS.length;
    console.log(
      `rate ${rate} after retries: ${runs} runs, ~${actions} lifecycle actions, hook timeouts: ${launching} launching, ` +
        `${terminating} terminating; other invariant violations: ${other}`,
    );
  }
}

await main();
