/**
 * The human summary of one run printed by `dp-autoscaler simulate`: what ran, on which traffic, the key figures, the
 * invariants, and two charts (demand vs serving capacity with an overload strip; desired vs in-service nodes). Every
 * time is in UTC, the notes' too (a trace's own clock, e.g. NASA's UTC−4, is converted).
 */
import type { RunResult } from "../types.ts";
import { COLOR, paint, visibleWidth } from "./ansi.ts";
import { formatCompact, formatDuration, formatNumber, formatPercent, formatUtc, instantsInUtc } from "./format.ts";
import { renderAreaLineChart } from "./terminal-chart.ts";
import { eventCounts, isOverloaded, timelineStats } from "./timeline-stats.ts";

export interface TerminalOptions {
  /** Total columns. Default 100; below 60 the charts get cramped. */
  width?: number;
  /** ANSI colours. Default false: pass true only when writing to a TTY (and NO_COLOR is unset). */
  color?: boolean;
  /** Rows of the demand chart (the nodes chart gets about half). Default 12. */
  chartHeight?: number;
}

const DEFAULT_WIDTH = 100;
/** Both charts use the same y-label column so their time axes line up. */
const GUTTER = 10;

/**
 * Options for a stream: colour only on a TTY without `NO_COLOR`, width = the terminal's, clamped to 60–100 columns.
 * @example renderTerminalSummary(run, terminalOptionsFor(process.stdout, process.env))
 */
export function terminalOptionsFor(
  stream: { isTTY?: boolean; columns?: number },
  env: Record<string, string | undefined> = {},
): TerminalOptions {
  const columns = stream.columns ?? DEFAULT_WIDTH;
  return {
    width: Math.max(60, Math.min(DEFAULT_WIDTH, columns)),
    color: stream.isTTY === true && env.NO_COLOR === undefined && env.TERM !== "dumb",
  };
}

export function renderTerminalSummary(run: RunResult, options: TerminalOptions = {}): string {
  const width = Math.max(40, options.width ?? DEFAULT_WIDTH);
  const color = options.color ?? false;
  const height = Math.max(4, options.chartHeight ?? 12);
  const bold = (s: string) => paint(s, COLOR.bold, color);
  const green = (s: string) => paint(s, COLOR.green, color);
  const red = (s: string) => paint(s, COLOR.red, color);
  const s = run.summary;
  const stats = timelineStats(run.timeline);
  const out: string[] = [];

  const title = ` ${run.scenario} · ${run.policy} · seed ${run.seed} `;
  out.push(bold(`━━${title}${"━".repeat(Math.max(2, width - title.length - 2))}`));
  out.push(
    `${formatUtc(run.startMs)} → ${formatUtc(run.endMs)} (${formatDuration(run.endMs - run.startMs)} simulated)`,
  );
  for (const note of run.notes) out.push(...wrap(instantsInUtc(note), width, "  ", "    "));
  out.push("");

  out.push(bold("Key figures"));
  const pairs: [string, string][] = [
    ["instance-hours", formatNumber(s.instanceHours, 1)],
    // What the configured targets cost with no delay at all: the yardstick for the figure above.
    ["  target, no delays", `${formatNumber(run.reference.atTargetInstanceHours, 1)} h`],
    ["overload minutes", formatNumber(s.overloadMinutes)],
    ["unserved requests", formatPercent(s.unservedRequestsPct)],
    ["nodes (min–peak)", `${s.minNodes}–${s.peakNodes}`],
    ["scale-out / scale-in", `${s.scaleOutActions} / ${s.scaleInActions}`],
    ["abandoned launches", formatNumber(s.abandonedLaunches)],
    ["registered before ready", formatNumber(s.registeredBeforeReady)],
    ["lifecycle timeouts", formatNumber(s.lifecycleTimeouts)],
    ["ready→registered p99", `${formatNumber(s.readyToRegisteredP99Seconds, 1)} s`],
    ["notifications", `${formatNumber(s.notifications)} (${formatNumber(s.slackMessages)} Slack messages)`],
    ["peak demand", `${formatCompact(stats.peakDemandRps)} req/s`],
    [
      "peak p95 latency",
      // A scenario without an upstream has no upstream latency to show (not "0 ms").
      stats.peakUpstreamLatencyMs > 0
        ? `${formatCompact(stats.peakLatencyMs)} ms (upstream ${formatCompact(stats.peakUpstreamLatencyMs)} ms)`
        : `${formatCompact(stats.peakLatencyMs)} ms`,
    ],
    ["speed", `${formatNumber(s.simulatedMinutesPerSecond)} simulated min/s`],
  ];
  out.push(...figureColumns(pairs, width));
  const counts = eventCounts(run);
  if (counts.length > 0) {
    out.push(...wrap(counts.map(([k, n]) => `${n} ${k}`).join(", "), width, "  events: ", "          "));
  }
  out.push("");

  if (run.invariantViolations.length === 0) out.push(`${bold("Invariants")}  ${green("✓ all held")}`);
  else {
    out.push(`${bold("Invariants")}  ${red(`✗ ${run.invariantViolations.length} violated`)}`);
    for (const v of run.invariantViolations) out.push(...wrap(v, width, "  ✗ ", "    "));
  }
  out.push("");

  if (run.timeline.length === 0) {
    out.push("(no timeline recorded)");
    return out.join("\n");
  }
  const times = run.timeline.map((p) => p.t);
  const key = (symbol: string, code: string, label: string) => `${paint(symbol, code, color)} ${label}`;
  out.push(
    ...heading(
      bold("Demand vs serving capacity (req/s)"),
      [key("⡇", COLOR.yellow, "demand"), key("░", COLOR.green, "serving capacity"), key("▀", COLOR.red, "overload")],
      width,
    ),
  );
  out.push(
    ...renderAreaLineChart({
      times,
      area: run.timeline.map((p) => p.servingCapacityRps),
      line: run.timeline.map((p) => p.demandRps),
      marks: run.timeline.map(isOverloaded),
      marksLabel: "overload",
      width,
      height,
      color,
      minGutter: GUTTER,
    }),
  );
  out.push("");
  out.push(...heading(bold("Nodes"), [key("⡇", COLOR.yellow, "desired"), key("░", COLOR.green, "in service")], width));
  out.push(
    ...renderAreaLineChart({
      times,
      area: run.timeline.map((p) => p.inService),
      line: run.timeline.map((p) => p.desired),
      width,
      height: Math.max(3, Math.round(height / 2)),
      color,
      integerY: true,
      minGutter: GUTTER,
    }),
  );
  out.push(...wrap("times in UTC; each column shows the highest value of the minutes it covers", width, "  ", "  "));
  return out.map((l) => l.trimEnd()).join("\n");
}

/** A chart title with its legend on the same line when both fit, else the legend below. */
function heading(title: string, legend: string[], width: number): string[] {
  const visible = visibleWidth;
  const joined = legend.join("   ");
  if (visible(title) + 3 + visible(joined) <= width) return [`${title}   ${joined}`];
  return [title, `  ${legend.join("  ")}`];
}

/** Label/value pairs in as many columns as fit. */
function figureColumns(pairs: [string, string][], width: number): string[] {
  const labelWidth = Math.max(...pairs.map(([l]) => l.length));
  const valueWidth = Math.max(...pairs.map(([, v]) => v.length));
  const cell = 2 + labelWidth + 2 + valueWidth;
  const columns = Math.max(1, Math.min(2, Math.floor(width / cell)));
  const rows = Math.ceil(pairs.length / columns);
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = "";
    for (let c = 0; c < columns; c++) {
      const pair = pairs[c * rows + r];
      if (pair === undefined) continue;
      line += `  ${pair[0].padEnd(labelWidth)}  ${pair[1].padEnd(valueWidth)}`;
    }
    out.push(line.trimEnd());
  }
  return out;
}

/** Word-wraps `text` to `width`: the first line after `prefix`, the others after `indent`. */
function wrap(text: string, width: number, prefix: string, indent: string): string[] {
  const room = Math.max(20, width - Math.max(prefix.length, indent.length));
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/)) {
    if (current.length > 0 && current.length + 1 + word.length > room) {
      lines.push(current);
      current = word;
    } else current = current.length === 0 ? word : `${current} ${word}`;
    while (current.length > room) {
      lines.push(current.slice(0, room));
      current = current.slice(room);
    }
  }
  if (current.length > 0 || lines.length === 0) lines.push(current);
  return lines.map((l, i) => `${i === 0 ? prefix : indent}${l}`);
}
