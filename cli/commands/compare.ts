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
import { loadTraffic } from "../../sim/traffic/load.ts";
import type { RunResult } from "../../sim/types.ts";
import { parsePolicies, scenarioOverrides } from "../args.ts";
import { EXIT, UsageError } from "../command.ts";
import { GRAMMAR } from "../grammar.ts";
import { progressLine } from "../progress.ts";
import { defaultReportPath, writeReport } from "../report-file.ts";
import { runCommand } from "../run-command.ts";

export function run(args: string[]): Promise<number> {
  return runCommand(GRAMMAR.compare!, args, async (line) => {
    const policies = parsePolicies(line.string("policies"));
    const overrides = scenarioOverrides(line);
    const names = line.positionals.length > 0 ? line.positionals : builtinNames();
    // Load (and validate) every scenario first: a typo in the last one should not cost the runs before it.
    const workers = parseWorkers(line.string("workers"));
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

    const json = line.flag("json");
    const reportFlag = line.string("report");
    let reportPath: string | undefined;
    if (!line.flag("no-report") && (reportFlag !== undefined || !json)) {
      const label = line.positionals.length === 1 ? scenarios[0]!.scenario.name : "builtins";
      const title = `${scenarios.map((l) => l.scenario.name).join(", ")} — ${policies.join(", ")}`;
      reportPath = writeReport(reportFlag ?? defaultReportPath(`compare-${label}`), renderHtmlReport(runs, title));
    }
    if (json) {
      console.log(renderJsonSummary(runs).trimEnd());
      return EXIT.ok;
    }
    console.log(renderCompareTable(runs));
    if (reportPath) console.log(`report: ${relative(process.cwd(), reportPath) || reportPath}`);
    return EXIT.ok;
  });
}

function parseWorkers(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 256)
    throw new UsageError(`--workers must be a whole number from 1 to 256, not "${text}"`);
  return n;
}
