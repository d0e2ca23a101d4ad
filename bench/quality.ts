/**
 * Scaling quality (issue 5): every built-in scenario under `ours`, `target-tracking`, `predictive` and `oracle` (and
 * `step`, `hpa`, `static` unless quick), side by side on the same seeded world — what `dp-autoscaler compare` runs. Prints
 * instance-hours and overload minutes per policy, the ratios ours ÷ target-tracking (overload, instance-hours) and
 * ours ÷ oracle (instance-hours), and whether each aim is met:
 * - overload ≤ 0.5 × target tracking's (met too when both are 0: nothing left to halve),
 * - instance-hours ≤ 1.0 × target tracking's,
 * - instance-hours ≤ 1.2 × the oracle's.
 * Beside them: the scenario's at-target reference (`sim/at-target-cost.ts`: the configured targets kept with no
 * delay at all) — what the aims ask of the configured target — and the unserved requests per policy, the figure that
 * tells policies apart where every one of them is overloaded (an upstream that cannot answer the demand).
 * Unless quick, two labelled variants follow the headline (issue 14): target tracking behind ELBv2's default health
 * check instead of the one a competent operator sets, and `predictive` under each forecast stand-in (how much the
 * comparison depends on the model AWS does not publish).
 * Figures are deterministic (same seed, same result); only the wall time varies. The headline runs go to worker
 * threads, one per core (`sim/parallel/runs.ts`): the same figures as one after the other.
 */

import { type RunJob, runInParallel } from "../sim/parallel/runs.ts";
import type { ForecastModel } from "../sim/policies/forecast.ts";
import { runScenario } from "../sim/run.ts";
import { builtinNames, builtinScenario } from "../sim/scenario/load.ts";
import type { Override } from "../sim/scenario/overrides.ts";
import { elbDefaultHealthCheck, type Scenario } from "../sim/scenario/schema.ts";
import { loadTraffic } from "../sim/traffic/load.ts";
import type { PolicyName, RunSummary } from "../sim/types.ts";

/** `dp-autoscaler bench quality --set KEY=VALUE` changes every built-in before it runs. */
export const takesOverrides = true;

export const AIM = { overloadVsTargetTracking: 0.5, hoursVsTargetTracking: 1.0, hoursVsOracle: 1.2 };

export interface QualityRow {
  scenario: string;
  runs: Partial<Record<PolicyName, RunSummary>>;
  /** Instance-hours of keeping the configured targets with no delay at all (the same under every policy). */
  atTargetHours: number;
  overloadRatio: number;
  hoursVsTargetTracking: number;
  hoursVsOracle: number;
  aims: { overload: boolean; hoursVsTargetTracking: boolean; hoursVsOracle: boolean };
  /** Not quick: target tracking behind ELBv2's default health check; predictive under each forecast model. */
  variants?: { targetTrackingElbDefaults: RunSummary; predictive: Record<ForecastModel, RunSummary> };
}

export const FORECAST_MODELS: ForecastModel[] = ["daily-mean", "daily-naive", "weekly-naive"];

/** The scenario behind a target group left at ELBv2's default health check. */
export function withElbDefaultHealthCheck(s: Scenario): Scenario {
  return { ...s, loadBalancer: { ...s.loadBalancer, healthCheck: elbDefaultHealthCheck(s.loadBalancer.type) } };
}

function withForecast(s: Scenario, forecast: ForecastModel): Scenario {
  return { ...s, policies: { ...s.policies, predictive: { ...s.policies.predictive, forecast } } };
}

export async function measureQuality(quick: boolean, overrides: readonly Override[] = []): Promise<QualityRow[]> {
  const policies: PolicyName[] = quick
    ? ["ours", "target-tracking", "predictive", "oracle"]
    : ["ours", "target-tracking", "predictive", "oracle", "step", "hpa", "static"];
  const rows: QualityRow[] = [];
  const names = builtinNames();
  const jobs: RunJob[] = names.flatMap((name) => {
    const scenario = builtinScenario(name, overrides);
    const traffic = loadTraffic(scenario.traffic, scenario.seed);
    return policies.map((policy) => ({ scenario, policy, traffic }));
  });
  // Every run on its own worker thread, every core busy; the figures are those of a serial run.
  const results = await runInParallel(jobs);
  for (const [i, name] of names.entries()) {
    const runs: Partial<Record<PolicyName, RunSummary>> = {};
    let atTargetHours = 0;
    for (const result of results.slice(i * policies.length, (i + 1) * policies.length)) {
      runs[result.policy] = result.summary;
      atTargetHours = result.reference.atTargetInstanceHours;
    }
    let variants: QualityRow["variants"];
    if (!quick) {
      const { scenario, traffic } = jobs[i * policies.length]!;
      const predictive = {} as Record<ForecastModel, RunSummary>;
      for (const m of FORECAST_MODELS)
        predictive[m] = (await runScenario(withForecast(scenario, m), "predictive", { traffic })).summary;
      const elb = await runScenario(withElbDefaultHealthCheck(scenario), "target-tracking", { traffic });
      variants = { targetTrackingElbDefaults: elb.summary, predictive };
    }
    const ours = runs.ours!;
    const tt = runs["target-tracking"]!;
    const oracle = runs.oracle!;
    const overloadRatio =
      tt.overloadMinutes > 0 ? ours.overloadMinutes / tt.overloadMinutes : ours.overloadMinutes > 0 ? Infinity : 0;
    const hoursVsTargetTracking = ours.instanceHours / tt.instanceHours;
    const hoursVsOracle = ours.instanceHours / oracle.instanceHours;
    rows.push({
      scenario: name,
      runs,
      atTargetHours,
      overloadRatio,
      hoursVsTargetTracking,
      hoursVsOracle,
      aims: {
        overload: overloadRatio <= AIM.overloadVsTargetTracking,
        hoursVsTargetTracking: hoursVsTargetTracking <= AIM.hoursVsTargetTracking + 1e-9,
        hoursVsOracle: hoursVsOracle <= AIM.hoursVsOracle + 1e-9,
      },
      variants,
    });
  }
  return rows;
}

const f1 = (x: number) => x.toFixed(1);
const ratio = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "∞");
const mark = (ok: boolean) => (ok ? "yes" : "NO");

export async function run({ quick, overrides }: { quick: boolean; overrides?: Override[] }): Promise<void> {
  const rows = await measureQuality(quick, overrides);
  const policies = Object.keys(rows[0]?.runs ?? {}) as PolicyName[];
  console.log("instance-hours / overload minutes per policy (node cli/dp-autoscaler.js compare)");
  const head = ["scenario".padEnd(22), ...policies.map((p) => p.padStart(16)), "at target".padStart(10)].join(" ");
  console.log(head);
  for (const r of rows) {
    const cells = policies.map((p) => `${f1(r.runs[p]!.instanceHours)}/${r.runs[p]!.overloadMinutes}`.padStart(16));
    console.log([r.scenario.padEnd(22), ...cells, f1(r.atTargetHours).padStart(10)].join(" "));
  }
  console.log(
    "at target: instance-hours of keeping the configured targets with no delay at all (each minute exactly the nodes its peak needs)",
  );
  console.log("\nunserved requests, % of demand");
  console.log(["scenario".padEnd(22), ...policies.map((p) => p.padStart(16))].join(" "));
  for (const r of rows) {
    const cells = policies.map((p) => r.runs[p]!.unservedRequestsPct.toFixed(3).padStart(16));
    console.log([r.scenario.padEnd(22), ...cells].join(" "));
  }
  console.log(
    `\nratios and aims (overload ≤ ${AIM.overloadVsTargetTracking} × tt, hours ≤ ${AIM.hoursVsTargetTracking} × tt, hours ≤ ${AIM.hoursVsOracle} × oracle)`,
  );
  console.log(
    `${"scenario".padEnd(22)} ${"overload/tt".padStart(11)} ${"met".padStart(4)} ${"hours/tt".padStart(9)} ${"met".padStart(4)} ${"hours/oracle".padStart(12)} ${"met".padStart(4)}`,
  );
  let met = 0;
  for (const r of rows) {
    const all = r.aims.overload && r.aims.hoursVsTargetTracking && r.aims.hoursVsOracle;
    if (all) met++;
    console.log(
      `${r.scenario.padEnd(22)} ${ratio(r.overloadRatio).padStart(11)} ${mark(r.aims.overload).padStart(4)} ${ratio(r.hoursVsTargetTracking).padStart(9)} ${mark(r.aims.hoursVsTargetTracking).padStart(4)} ${ratio(r.hoursVsOracle).padStart(12)} ${mark(r.aims.hoursVsOracle).padStart(4)}`,
    );
  }
  const sum = (p: PolicyName, k: "instanceHours" | "overloadMinutes") => rows.reduce((a, r) => a + r.runs[p]![k], 0);
  const total = (p: PolicyName) => `${p} ${f1(sum(p, "instanceHours"))} h / ${sum(p, "overloadMinutes")} min`;
  console.log(`\ntotal: ${(["ours", "target-tracking", "predictive", "oracle"] as const).map(total).join("; ")}`);
  console.log(
    `at target, no delays: ${f1(rows.reduce((a, r) => a + r.atTargetHours, 0))} h (ours ÷ that: ${ratio(sum("ours", "instanceHours") / rows.reduce((a, r) => a + r.atTargetHours, 0))})`,
  );
  if (rows[0]?.variants) printVariants(rows);
  console.log(`all three aims met on ${met} of ${rows.length} scenarios`);
}

/** The labelled variants: never the headline. */
function printVariants(rows: QualityRow[]): void {
  const cell = (s: RunSummary) => `${f1(s.instanceHours)}/${s.overloadMinutes}`.padStart(16);
  const totals = (pick: (r: QualityRow) => RunSummary) =>
    `${f1(rows.reduce((a, r) => a + pick(r).instanceHours, 0))} h / ${rows.reduce((a, r) => a + pick(r).overloadMinutes, 0)} min`;
  console.log(
    "\nvariant: target tracking behind ELBv2's default health check (30 s, 5 healthy; the traffic port on an ALB, TCP on an NLB)",
  );
  console.log(["scenario".padEnd(22), "competent check".padStart(16), "ELBv2 defaults".padStart(16)].join(" "));
  for (const r of rows)
    console.log(
      [r.scenario.padEnd(22), cell(r.runs["target-tracking"]!), cell(r.variants!.targetTrackingElbDefaults)].join(" "),
    );
  console.log(
    `total: competent check ${totals((r) => r.runs["target-tracking"]!)}; ELBv2 defaults ${totals((r) => r.variants!.targetTrackingElbDefaults)}`,
  );
  console.log("\nvariant: predictive under each forecast stand-in (policies.predictive.forecast)");
  console.log(["scenario".padEnd(22), ...FORECAST_MODELS.map((m) => m.padStart(16))].join(" "));
  for (const r of rows)
    console.log([r.scenario.padEnd(22), ...FORECAST_MODELS.map((m) => cell(r.variants!.predictive[m]))].join(" "));
  console.log(`total: ${FORECAST_MODELS.map((m) => `${m} ${totals((r) => r.variants!.predictive[m])}`).join("; ")}`);
}
