/**
 * `dp-autoscaler compare [SCENARIO|FILE …] [--policies ours,target-tracking,…] [--json] [--report FILE.html]
 * [--no-report] [--config FILE [--cluster NAME]] [--set KEY=VALUE …] [--workers N]`: every scenario (default: all
 * built-ins) under every policy (default: all), on the same world and seed, one run per worker thread on every core
 * (`--workers 1`: one after the other in this thread; the figures are the same). Prints a table of the figures side by side (ratios against target tracking and the oracle) and writes one HTML
 * report with a panel per run (default `reports/compare-<scenario|builtins>.html`); `--json` prints one object per
 * scenario × policy (`scenario`, `policy`, `summary`, …). `--set` changes a field of every scenario before it is
 * validated (`--set cluster.signals.cpu.targetPercent=80`; `sim/scenario/overrides.ts`).
 */
import { relative } from "node:path";
import { type RunJob, runInParallel } from "../../sim/parallel/runs.ts";
import { renderCompareTable } from "../../sim/report/compare.ts";
import { renderHtmlReport } from "../../sim/report/html-report.ts";
import { renderJsonSummary } from "../../sim/report/json-summary.ts";
import { builtinNames, loadScenario } from "../../sim/scenario/load.ts";
import type { Override } from "../../sim/scenario/overrides.ts";
import { loadTraffic } from "../../sim/traffic/load.ts";
import { POLICY_NAMES, type PolicyName, type RunResult } from "../../sim/types.ts";
import { isUsageError, parseArgs, scenarioOverrides, stringFlag, UsageError } from "../args.ts";
import { progressLine } from "../progress.ts";
import { defaultReportPath, writeReport } from "../report-file.ts";

const USAGE =
  "usage: dp-autoscaler compare [SCENARIO|FILE …] [--policies ours,target-tracking,…] [--config FILE [--cluster NAME]] [--set KEY=VALUE …] [--workers N] [--json] [--report FILE.html] [--no-report]";

export async function run(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  let policies: PolicyName[];
  let overrides: Override[];
  let workers: number | undefined;
  try {
    parsed = parseArgs(
      args,
      ["policies", "report", "config", "cluster", "workers"],
      ["json", "no-report", "help"],
      ["set"],
    );
    if (parsed.flags.has("help")) {
      console.log(USAGE);
      return 0;
    }
    policies = parsePolicies(stringFlag(parsed, "policies"));
    overrides = scenarioOverrides(parsed);
    workers = parseWorkers(stringFlag(parsed, "workers"));
  } catch (err) {
    if (isUsageError(err)) {
      console.error(`dp-autoscaler compare: ${err.message}\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  const names = parsed.positional.length > 0 ? parsed.positional : builtinNames();
  // Load (and validate) every scenario first: a typo in the last one should not cost the runs before it.
  const scenarios = names.map((n) => loadScenario(n, overrides));
  const progress = progressLine();
  const jobs: RunJob[] = scenarios.flatMap((loaded) => {
    const s = loaded.scenario;
    const traffic = loadTraffic(s.traffic, s.seed, { baseDir: loaded.baseDir });
    return policies.map((policy) => ({ scenario: s, policy, traffic, baseDir: loaded.baseDir }));
  });
  const runs: RunResult[] = await runInParallel(jobs, {
    workers,
    onDone: (done, total) => progress.update(`${done} of ${total} runs`, done / total),
  });
  progress.done();

  const json = parsed.flags.has("json");
  const reportFlag = stringFlag(parsed, "report");
  let reportPath: string | undefined;
  if (!parsed.flags.has("no-report") && (reportFlag !== undefined || !json)) {
    const label = parsed.positional.length === 1 ? scenarios[0]!.scenario.name : "builtins";
    const title = `${scenarios.map((l) => l.scenario.name).join(", ")} — ${policies.join(", ")}`;
    reportPath = writeReport(reportFlag ?? defaultReportPath(`compare-${label}`), renderHtmlReport(runs, title));
  }
  if (json) {
    console.log(renderJsonSummary(runs).trimEnd());
    return 0;
  }
  console.log(renderCompareTable(runs));
  if (reportPath) console.log(`report: ${relative(process.cwd(), reportPath) || reportPath}`);
  return 0;
}

function parseWorkers(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new UsageError(`--workers must be a whole number from 1 to 256, not "${text}"`);
  return n;
}

function parsePolicies(text: string | undefined): PolicyName[] {
  if (text === undefined) return [...POLICY_NAMES];
  const wanted = text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const unknown = wanted.filter((p) => !POLICY_NAMES.includes(p as PolicyName));
  if (unknown.length > 0)
    throw new UsageError(
      `unknown polic${unknown.length === 1 ? "y" : "ies"} ${unknown.join(", ")} (known: ${POLICY_NAMES.join(", ")})`,
    );
  if (wanted.length === 0) throw new UsageError("--policies names no policy");
  return [...new Set(wanted)] as PolicyName[];
}
