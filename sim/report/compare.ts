/**
 * Policies side by side per scenario: the figures of issue 5's benchmark (instance-hours and overload against AWS
 * target tracking, instance-hours against the oracle) for the terminal (`renderCompareTable`) and for the HTML report
 * and JSON (`compareRows`).
 */
import { POLICY_NAMES, type RunResult, type RunSummary } from "../types.ts";
import { formatNumber, formatPercent, formatRatio, ratio } from "./format.ts";

export interface CompareRow {
  scenario: string;
  policy: RunResult["policy"];
  summary: RunSummary;
  invariantViolations: number;
  /** Instance-hours ÷ target tracking's on the same scenario; NaN when both are 0, absent without a target-tracking run. */
  instanceHoursVsTargetTracking?: number;
  /** Overload minutes ÷ target tracking's (NaN: both 0; Infinity: only target tracking had none). */
  overloadVsTargetTracking?: number;
  /** Instance-hours ÷ the oracle's. */
  instanceHoursVsOracle?: number;
  /** Index of the run in the input array. */
  runIndex: number;
}

/** One row per run, grouped by scenario (in first-seen order), policies in `POLICY_NAMES` order. */
export function compareRows(runs: readonly RunResult[]): CompareRow[] {
  const scenarios = [...new Set(runs.map((r) => r.scenario))];
  const rows: CompareRow[] = [];
  for (const scenario of scenarios) {
    const indexed = runs
      .map((run, runIndex) => ({ run, runIndex }))
      .filter(({ run }) => run.scenario === scenario)
      .sort((a, b) => POLICY_NAMES.indexOf(a.run.policy) - POLICY_NAMES.indexOf(b.run.policy));
    const tt = indexed.find(({ run }) => run.policy === "target-tracking")?.run.summary;
    const oracle = indexed.find(({ run }) => run.policy === "oracle")?.run.summary;
    for (const { run, runIndex } of indexed) {
      const row: CompareRow = {
        scenario,
        policy: run.policy,
        summary: run.summary,
        invariantViolations: run.invariantViolations.length,
        runIndex,
      };
      if (tt !== undefined) {
        row.instanceHoursVsTargetTracking = ratio(run.summary.instanceHours, tt.instanceHours);
        row.overloadVsTargetTracking = ratio(run.summary.overloadMinutes, tt.overloadMinutes);
      }
      if (oracle !== undefined) row.instanceHoursVsOracle = ratio(run.summary.instanceHours, oracle.instanceHours);
      rows.push(row);
    }
  }
  return rows;
}

interface Column {
  header: string;
  align: "left" | "right";
  cell: (row: CompareRow) => string;
}

/** Narrow headers keep the table under 100 columns; the footnote spells them out. */
const COLUMNS: Column[] = [
  { header: "policy", align: "left", cell: (r) => r.policy },
  { header: "inst-h", align: "right", cell: (r) => formatNumber(r.summary.instanceHours, 1) },
  { header: "÷TT", align: "right", cell: (r) => formatRatio(r.instanceHoursVsTargetTracking) },
  { header: "÷oracle", align: "right", cell: (r) => formatRatio(r.instanceHoursVsOracle) },
  { header: "ovl min", align: "right", cell: (r) => formatNumber(r.summary.overloadMinutes) },
  { header: "÷TT", align: "right", cell: (r) => formatRatio(r.overloadVsTargetTracking) },
  { header: "unserved", align: "right", cell: (r) => formatPercent(r.summary.unservedRequestsPct) },
  { header: "nodes", align: "right", cell: (r) => `${r.summary.minNodes}–${r.summary.peakNodes}` },
  { header: "out/in", align: "right", cell: (r) => `${r.summary.scaleOutActions}/${r.summary.scaleInActions}` },
  { header: "aband.", align: "right", cell: (r) => formatNumber(r.summary.abandonedLaunches) },
  { header: "inv", align: "left", cell: (r) => (r.invariantViolations === 0 ? "✓" : `✗ ${r.invariantViolations}`) },
];

const FOOTNOTE = [
  "inst-h instance-hours · ovl min overload minutes · unserved % of requests · nodes min–peak",
  "out/in scale actions · aband. abandoned launches · inv invariants (✗ n violated)",
  "÷TT against target-tracking, ÷oracle against the oracle, on the same scenario;",
  "= both 0, ∞ only the baseline 0, – baseline not run",
];

/**
 * A plain-text table per scenario (under 100 columns). Ratios: `÷TT` against target tracking, `÷oracle` against the
 * oracle (when those policies ran); `=` means both were 0, `∞` that only the baseline was 0.
 */
export function renderCompareTable(runs: readonly RunResult[]): string {
  const rows = compareRows(runs);
  if (rows.length === 0) return "(no runs)";
  const cells = rows.map((r) => COLUMNS.map((c) => c.cell(r)));
  const widths = COLUMNS.map((c, i) => Math.max([...c.header].length, ...cells.map((row) => [...row[i]!].length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => {
        const pad = Math.max(0, widths[i]! - [...v].length);
        return COLUMNS[i]!.align === "left" ? v + " ".repeat(pad) : " ".repeat(pad) + v;
      })
      .join("  ")
      .trimEnd();
  const out: string[] = [];
  let scenario: string | undefined;
  rows.forEach((row, i) => {
    if (row.scenario !== scenario) {
      scenario = row.scenario;
      if (out.length > 0) out.push("");
      const target = runs[row.runIndex]!.reference.atTargetInstanceHours;
      out.push(`scenario ${scenario} · the configured targets with no delays: ${formatNumber(target, 1)} inst-h`);
      out.push(line(COLUMNS.map((c) => c.header)));
      out.push(widths.map((w) => "─".repeat(w)).join("──"));
    }
    out.push(line(cells[i]!));
  });
  out.push("", ...FOOTNOTE);
  return out.join("\n");
}
