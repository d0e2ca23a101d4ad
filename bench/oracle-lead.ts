/**
 * How tight the oracle is (issue 14): for every built-in, the oracle's lead (`policies/lead-time.ts`: group reaction,
 * hook entry, boot and CP sync at p99, registration and first check at their maxima) and what it costs and gets at
 * shorter and longer leads (`policies.oracle.leadSeconds`), beside the zero-delay bound — each minute exactly the
 * nodes its busiest step needs at 100 % of a node, within the bounds, no boot, no registration. If a shorter lead
 * already overloads, the lead is not padded; the oracle's hours over the bound are what the delays themselves cost.
 * Deterministic, like every run.
 */
import { createPolicy } from "../sim/policies/index.ts";
import { serveLeadSeconds } from "../sim/policies/lead-time.ts";
import { runScenario } from "../sim/run.ts";
import { builtinNames, builtinScenario } from "../sim/scenario/load.ts";
import type { Override } from "../sim/scenario/overrides.ts";
import type { Scenario } from "../sim/scenario/schema.ts";
import { loadTraffic } from "../sim/traffic/load.ts";
import type { TrafficSeries } from "../sim/traffic/series.ts";
import { SimWorld } from "../sim/world.ts";

export const takesOverrides = true;

const FACTORS = [0.5, 0.75, 0.9, 1, 1.25];
const MINUTE = 60_000;

export async function run({ overrides = [] }: { quick: boolean; overrides?: Override[] }): Promise<void> {
  console.log(
    `oracle instance-hours / overload minutes at its lead × ${FACTORS.join(", ")}; the zero-delay bound at 100 % of a node`,
  );
  console.log(
    [
      "scenario".padEnd(22),
      "lead s".padStart(7),
      ...FACTORS.map((f) => `× ${f}`.padStart(12)),
      "bound h".padStart(8),
    ].join(" "),
  );
  for (const name of builtinNames()) {
    const scenario = builtinScenario(name, overrides);
    const traffic = loadTraffic(scenario.traffic, scenario.seed);
    const lead = serveLeadSeconds(scenario);
    const cells: string[] = [];
    for (const f of FACTORS) {
      const s: Scenario = { ...scenario, policies: { ...scenario.policies, oracle: { leadSeconds: lead * f } } };
      const r = (await runScenario(s, "oracle", { traffic })).summary;
      cells.push(`${r.instanceHours.toFixed(1)}/${r.overloadMinutes}`.padStart(12));
    }
    console.log(
      [
        name.padEnd(22),
        lead.toFixed(0).padStart(7),
        ...cells,
        zeroDelayHours(scenario, traffic).toFixed(1).padStart(8),
      ].join(" "),
    );
  }
}

/** Each minute the nodes its busiest step needs at 100 % of a node's capacity, within the bounds, summed in hours. */
function zeroDelayHours(scenario: Scenario, traffic: TrafficSeries): number {
  const world = new SimWorld(scenario, traffic, createPolicy("static"));
  const stepMs = traffic.stepSeconds * 1000;
  let nodeMinutes = 0;
  for (let t = world.originMs; t < world.endMs; t += MINUTE) {
    const first = Math.floor((t - world.originMs) / stepMs);
    const last = Math.min(traffic.rps.length, Math.ceil((t + MINUTE - world.originMs) / stepMs));
    let peak = 0;
    for (let i = first; i < last; i++) if (traffic.rps[i]! > peak) peak = traffic.rps[i]!;
    const need = Math.ceil(peak / world.nodeCapacityRps - 1e-9);
    nodeMinutes += world.clampToBounds(need) * (Math.min(MINUTE, world.endMs - t) / MINUTE);
  }
  return nodeMinutes / 60;
}
