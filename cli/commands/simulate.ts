/**
 * `dp-autoscaler simulate [SCENARIO|FILE] [--policy P] [--json] [--report FILE.html] [--no-report]`: one run of one
 * scenario (default `nasa-launch-day`) under one policy (default `ours`, the real handlers). Prints a summary with
 * charts and writes a self-contained HTML report (default `reports/<scenario>-<policy>.html`); `--json` prints the
 * run's summary as JSON instead (the report is then written only when `--report` names a file). Options:
 * `cli/grammar.ts`.
 */
import { relative } from "node:path";
import { renderHtmlReport } from "../../sim/report/html-report.ts";
import { toJsonSummary } from "../../sim/report/json-summary.ts";
import { renderTerminalSummary, terminalOptionsFor } from "../../sim/report/terminal-summary.ts";
import { runScenario } from "../../sim/run.ts";
import { DEFAULT_SCENARIO } from "../../sim/scenario/builtins.ts";
import { loadScenario } from "../../sim/scenario/load.ts";
import { policyNamed, scenarioOverrides } from "../args.ts";
import { EXIT } from "../command.ts";
import { GRAMMAR } from "../grammar.ts";
import { progressLine } from "../progress.ts";
import { defaultReportPath, writeReport } from "../report-file.ts";
import { runCommand } from "../run-command.ts";

export function run(args: string[]): Promise<number> {
  return runCommand(GRAMMAR.simulate!, args, async (line) => {
    const overrides = scenarioOverrides(line);
    const policy = policyNamed(line.string("policy") ?? "ours");
    const loaded = loadScenario(line.positionals[0] ?? DEFAULT_SCENARIO, overrides);
    const name = loaded.scenario.name;
    const progress = progressLine();
    const result = await runScenario(loaded.scenario, policy, {
      baseDir: loaded.baseDir,
      onProgress: (f) => progress.update(`${name} / ${policy}`, f),
    });
    progress.done();

    const json = line.flag("json");
    const reportFlag = line.string("report");
    const wantReport = !line.flag("no-report") && (reportFlag !== undefined || !json);
    let reportPath: string | undefined;
    if (wantReport) {
      const html = renderHtmlReport([result], `${name} — ${policy}`);
      reportPath = writeReport(reportFlag ?? defaultReportPath(`${name}-${policy}`), html);
    }
    if (json) {
      console.log(JSON.stringify(toJsonSummary([result])[0], null, 2));
      return EXIT.ok;
    }
    console.log(renderTerminalSummary(result, terminalOptionsFor(process.stdout, process.env)));
    if (reportPath) console.log(`report: ${relative(process.cwd(), reportPath) || reportPath}`);
    return EXIT.ok;
  });
}
