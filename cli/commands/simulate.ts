/**
 * `dp-autoscaler simulate [SCENARIO|FILE] [--policy P] [--json] [--report FILE.html] [--no-report]`: one run of one
 * scenario (default `nasa-launch-day`) under one policy (default `ours`, the real handlers). Prints a summary with
 * charts and writes a self-contained HTML report (default `reports/<scenario>-<policy>.html`); `--json` prints the
 * run's summary as JSON instead (the report is then written only when `--report` names a file).
 */
import { relative } from "node:path";
import { renderHtmlReport } from "../../sim/report/html-report.ts";
import { toJsonSummary } from "../../sim/report/json-summary.ts";
import { renderTerminalSummary, terminalOptionsFor } from "../../sim/report/terminal-summary.ts";
import { runScenario } from "../../sim/run.ts";
import { DEFAULT_SCENARIO } from "../../sim/scenario/builtins.ts";
import { loadScenario } from "../../sim/scenario/load.ts";
import type { Override } from "../../sim/scenario/overrides.ts";
import { POLICY_NAMES, type PolicyName } from "../../sim/types.ts";
import { isUsageError, parseArgs, scenarioOverrides, stringFlag, UsageError } from "../args.ts";
import { progressLine } from "../progress.ts";
import { defaultReportPath, writeReport } from "../report-file.ts";

const USAGE =
  "usage: dp-autoscaler simulate [SCENARIO|FILE] [--policy P] [--config FILE [--cluster NAME]] [--set KEY=VALUE …] [--json] [--report FILE.html] [--no-report]";

export async function run(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  let overrides: Override[];
  try {
    parsed = parseArgs(args, ["policy", "report", "config", "cluster"], ["json", "no-report", "help"], ["set"]);
    if (parsed.flags.has("help")) {
      console.log(USAGE);
      return 0;
    }
    if (parsed.positional.length > 1) throw new UsageError("one scenario at a time (use compare for several)");
    overrides = scenarioOverrides(parsed);
  } catch (err) {
    if (isUsageError(err)) {
      console.error(`dp-autoscaler simulate: ${err.message}\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  const policy = stringFlag(parsed, "policy") ?? "ours";
  if (!POLICY_NAMES.includes(policy as PolicyName)) {
    console.error(`dp-autoscaler simulate: unknown policy "${policy}" (known: ${POLICY_NAMES.join(", ")})`);
    return 2;
  }
  const loaded = loadScenario(parsed.positional[0] ?? DEFAULT_SCENARIO, overrides);
  const name = loaded.scenario.name;
  const progress = progressLine();
  const result = await runScenario(loaded.scenario, policy as PolicyName, {
    baseDir: loaded.baseDir,
    onProgress: (f) => progress.update(`${name} / ${policy}`, f),
  });
  progress.done();

  const json = parsed.flags.has("json");
  const reportFlag = stringFlag(parsed, "report");
  const wantReport = !parsed.flags.has("no-report") && (reportFlag !== undefined || !json);
  let reportPath: string | undefined;
  if (wantReport) {
    const html = renderHtmlReport([result], `${name} — ${policy}`);
    reportPath = writeReport(reportFlag ?? defaultReportPath(`${name}-${policy}`), html);
  }
  if (json) {
    console.log(JSON.stringify(toJsonSummary([result])[0], null, 2));
    return 0;
  }
  console.log(renderTerminalSummary(result, terminalOptionsFor(process.stdout, process.env)));
  if (reportPath) console.log(`report: ${relative(process.cwd(), reportPath) || reportPath}`);
  return 0;
}
