/**
 * The HTML report: ONE self-contained file that opens offline. uPlot and its stylesheet are inlined; the runs travel as
 * JSON in a `<script type="application/json">`; a small inlined script draws, per run, demand vs serving capacity,
 * nodes and latency, with events marked on the timeline. Everything textual (scenario names, reasons, notes) is
 * escaped here on the server side; the browser script only uses `textContent`. Same runs → byte-identical file.
 */
import type { RunResult, TimelineEvent } from "../types.ts";
import { reportAssets } from "./assets.ts";
import { type CompareRow, compareRows } from "./compare.ts";
import { type ChartColumns, toChartColumns } from "./downsample.ts";
import {
  formatCompact,
  formatDuration,
  formatNumber,
  formatPercent,
  formatRatio,
  formatUtc,
  instantsInUtc,
} from "./format.ts";
import { escapeHtml, jsonForScript, scriptSafe, styleSafe } from "./html-escape.ts";
import { eventCounts, timelineStats } from "./timeline-stats.ts";

export interface HtmlReportOptions {
  /** Points per chart series at most; longer timelines keep each bucket's maximum. Default 3000. */
  maxPointsPerSeries?: number;
  /** Event markers per run at most (guardrails, abandons, breakers and faults first). Default 3000. */
  maxEventMarkers?: number;
  /** Rows of each run's event table at most. Default 1000. */
  maxEventRows?: number;
}

const EVENT_KINDS: TimelineEvent["kind"][] = [
  "decision",
  "guardrail",
  "launch-ready",
  "abandon",
  "breaker",
  "drain",
  "fault",
  "manual",
];
/** Marker colours, shared by the page script and the legend under each panel's heading. */
const KIND_COLORS: Record<TimelineEvent["kind"], string> = {
  decision: "rgba(25, 113, 194, 0.8)",
  guardrail: "rgba(230, 119, 0, 0.85)",
  "launch-ready": "rgba(47, 158, 68, 0.6)",
  abandon: "rgba(224, 49, 49, 0.9)",
  breaker: "rgba(156, 54, 181, 0.9)",
  drain: "rgba(134, 142, 150, 0.6)",
  fault: "rgba(201, 42, 42, 0.9)",
  manual: "rgba(73, 80, 87, 0.9)",
};
/** Drawn across the whole plot; every other kind is a short tick on its top edge, so busy runs stay readable. */
const FULL_HEIGHT_KINDS: TimelineEvent["kind"][] = ["abandon", "breaker", "fault", "manual"];

/** Which events keep their marker when a run has too many to draw. */
const MARKER_PRIORITY: TimelineEvent["kind"][] = [
  "fault",
  "breaker",
  "abandon",
  "guardrail",
  "manual",
  "decision",
  "drain",
  "launch-ready",
];

/**
 * @example
 * writeFileSync("reports/compare.html", renderHtmlReport(runs, "Built-in scenarios, all policies"));
 */
export function renderHtmlReport(runs: readonly RunResult[], title: string, options: HtmlReportOptions = {}): string {
  const assets = reportAssets();
  const maxPoints = options.maxPointsPerSeries ?? 3000;
  const maxMarkers = options.maxEventMarkers ?? 3000;
  const maxRows = options.maxEventRows ?? 1000;
  const rows = compareRows(runs);
  const scenarios = [...new Set(runs.map((r) => r.scenario))];

  const columns = runs.map((run) => toChartColumns(run.timeline, maxPoints));
  const payload = {
    kinds: EVENT_KINDS,
    kindColors: KIND_COLORS,
    fullHeightKinds: FULL_HEIGHT_KINDS,
    // One y-axis top per scenario and chart, shared by every policy's panel of it: side by side, a taller curve must
    // mean more, not a different scale.
    groups: scenarios.map((scenario) => sharedYAxes(columns.filter((_c, i) => runs[i]!.scenario === scenario))),
    runs: runs.map((run, i) => ({
      group: scenarios.indexOf(run.scenario),
      ...columns[i]!,
      events: markerEvents(run.events, maxMarkers).map((e) => [
        Math.round(e.t / 1000),
        EVENT_KINDS.indexOf(e.kind),
        e.text,
      ]),
    })),
  };

  const sections = scenarios.map((scenario) => {
    const members = rows.filter((r) => r.scenario === scenario);
    const first = runs[members[0]!.runIndex]!;
    const panels = members.map((row) => panel(runs[row.runIndex]!, row, first.notes, maxRows, maxPoints));
    return `<section class="scenario" id="scenario-${scenarios.indexOf(scenario)}">
<h2>${escapeHtml(scenario)}</h2>
<p class="meta">${escapeHtml(`${formatUtc(first.startMs)} → ${formatUtc(first.endMs)} (${formatDuration(first.endMs - first.startMs)}), seed ${first.seed}; the configured targets kept with no delays: ${formatNumber(first.reference.atTargetInstanceHours, 1)} instance-hours`)}</p>
${notesList(first.notes)}
<div class="panels">
${panels.join("\n")}
</div>
</section>`;
  });

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="dp-autoscaler simulator; charts: uPlot ${escapeHtml(assets.uplotVersion)} (MIT), inlined">
<title>${escapeHtml(title)}</title>
<style>${styleSafe(assets.uplotCss)}</style>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${runs.length} run${runs.length === 1 ? "" : "s"} · ${scenarios.length} scenario${scenarios.length === 1 ? "" : "s"} · times in UTC · drag on a chart to zoom, double-click to reset</p>
</header>
<main>
<section id="summary">
<h2>Summary</h2>
${summaryTable(rows, runs)}
<p class="note">÷TT: against target-tracking on the same scenario; ÷oracle: against the oracle. “=” both 0, “∞” only the baseline 0, “–” baseline not run.</p>
</section>
${sections.join("\n")}
</main>
<script type="application/json" id="report-data">${jsonForScript(payload)}</script>
<script>${scriptSafe(assets.uplotJs)}</script>
<script>${scriptSafe(assets.clientJs)}</script>
</body>
</html>
`;
}

/** The top of each chart's y-axis for a scenario: the highest value any of its runs draws, rounded up to a nice one. */
export function sharedYAxes(columns: readonly ChartColumns[]): { demand: number; nodes: number; latency: number } {
  const peak = (pick: (c: ChartColumns) => number[][]) =>
    columns.reduce((m, c) => pick(c).reduce((n, values) => values.reduce((a, v) => Math.max(a, v), n), m), 0);
  return {
    demand: niceCeiling(peak((c) => [c.demand, c.capacity, c.served])),
    nodes: niceCeiling(peak((c) => [c.desired, c.inService, c.launching, c.draining])),
    latency: niceCeiling(peak((c) => [c.latency, c.upstream])),
  };
}

/** The smallest 1, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × 10ⁿ at or above `x` (1 for nothing to show). */
export function niceCeiling(x: number): number {
  if (!(x > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(x));
  for (const step of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8]) if (step * magnitude >= x * (1 - 1e-9)) return step * magnitude;
  return 10 * magnitude;
}

function summaryTable(rows: CompareRow[], runs: readonly RunResult[]): string {
  const head = [
    "policy",
    "instance hours",
    "÷TT",
    "÷oracle",
    "overload min",
    "÷TT",
    "unserved",
    "nodes",
    "out / in",
    "aban­dons",
    "reg. before ready",
    "lifecycle timeouts",
    "ready→reg. p99",
    "Slack / notifications",
    "invariants",
  ];
  // Each scenario is a heading row over its policies' rows rather than a column: the table fits the page.
  const body = rows.flatMap((r, k) => {
    const s = r.summary;
    const run = runs[r.runIndex]!;
    const group =
      k === 0 || rows[k - 1]!.scenario !== r.scenario
        ? [`<tr class="group"><th colspan="${head.length}" scope="rowgroup">${escapeHtml(r.scenario)}</th></tr>`]
        : [];
    const cells = [
      `<td><a href="#run-${r.runIndex}">${escapeHtml(r.policy)}</a></td>`,
      num(formatNumber(s.instanceHours, 1)),
      num(formatRatio(r.instanceHoursVsTargetTracking)),
      num(formatRatio(r.instanceHoursVsOracle)),
      num(formatNumber(s.overloadMinutes)),
      num(formatRatio(r.overloadVsTargetTracking)),
      num(formatPercent(s.unservedRequestsPct)),
      num(`${s.minNodes}–${s.peakNodes}`),
      num(`${s.scaleOutActions} / ${s.scaleInActions}`),
      num(formatNumber(s.abandonedLaunches)),
      num(formatNumber(s.registeredBeforeReady), s.registeredBeforeReady > 0),
      num(formatNumber(s.lifecycleTimeouts), s.lifecycleTimeouts > 0 && run.policy === "ours"),
      num(`${formatNumber(s.readyToRegisteredP99Seconds, 1)} s`),
      num(`${formatNumber(s.slackMessages)} / ${formatNumber(s.notifications)}`),
      r.invariantViolations === 0 ? `<td class="ok">✓</td>` : `<td class="bad">✗ ${r.invariantViolations}</td>`,
    ];
    return [...group, `<tr>${cells.join("")}</tr>`];
  });
  return `<div class="scroll"><table class="figures">
<thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead>
<tbody>
${body.join("\n")}
</tbody>
</table></div>`;
}

function num(text: string, bad = false): string {
  return `<td class="num${bad ? " bad" : ""}">${escapeHtml(text)}</td>`;
}

function panel(run: RunResult, row: CompareRow, scenarioNotes: string[], maxRows: number, maxPoints: number): string {
  const i = row.runIndex;
  const s = run.summary;
  const stats = timelineStats(run.timeline);
  const figures: [string, string][] = [
    ["instance-hours", formatNumber(s.instanceHours, 1)],
    ["overload", `${formatNumber(s.overloadMinutes)} min`],
    ["unserved", formatPercent(s.unservedRequestsPct)],
    ["nodes", `${s.minNodes}–${s.peakNodes}`],
    ["scale out / in", `${s.scaleOutActions} / ${s.scaleInActions}`],
    ["peak demand", `${formatCompact(stats.peakDemandRps)} req/s`],
    ["peak p95 latency", `${formatCompact(stats.peakLatencyMs)} ms`],
    ["speed", `${formatNumber(s.simulatedMinutesPerSecond)} sim-min/s`],
  ];
  const invariants =
    run.invariantViolations.length === 0
      ? `<p class="ok">✓ all invariants held</p>`
      : `<ul class="bad">${run.invariantViolations.map((v) => `<li>✗ ${escapeHtml(v)}</li>`).join("")}</ul>`;
  const sameNotes = run.notes.length === scenarioNotes.length && run.notes.every((n, k) => n === scenarioNotes[k]);
  const bucket = Math.max(1, Math.ceil(run.timeline.length / Math.max(1, maxPoints)));
  return `<article class="panel" id="run-${i}">
<h3>${escapeHtml(run.policy)} <small>${escapeHtml(run.scenario)}</small></h3>
<dl class="figures">${figures.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join("")}</dl>
${invariants}
${sameNotes ? "" : notesList(run.notes)}
<h4>Demand vs serving capacity <small>req/s; red bands: overloaded minutes</small></h4>
<div class="chart" data-run="${i}" data-chart="demand"></div>
<h4>Nodes <small>desired / in service / launching / draining</small></h4>
<div class="chart" data-run="${i}" data-chart="nodes"></div>
<h4>Latency <small>gateway p95 (queueing included) and upstream</small></h4>
<div class="chart" data-run="${i}" data-chart="latency"></div>
${markerLegend(run)}
<p class="hover" data-hover="${i}" aria-live="polite"></p>
${bucket > 1 ? `<p class="note">Long run: each chart point is the maximum over ${bucket} minutes.</p>` : ""}
${eventTable(run, maxRows)}
</article>`;
}

/** Which marker colour means what, for the kinds this run has. */
function markerLegend(run: RunResult): string {
  const present = EVENT_KINDS.filter((k) => run.events.some((e) => e.kind === k));
  if (present.length === 0) return "";
  const items = present.map((k) => `<span class="swatch" style="background:${KIND_COLORS[k]}"></span>${escapeHtml(k)}`);
  return `<p class="note markers">Markers (hover a chart to read one): ${items.join(" ")}. Abandon, breaker, fault and manual cross the plot; the others are ticks on its top edge.</p>`;
}

function notesList(notes: readonly string[]): string {
  if (notes.length === 0) return "";
  return `<ul class="notes">${notes.map((n) => `<li>${escapeHtml(instantsInUtc(n))}</li>`).join("")}</ul>`;
}

function eventTable(run: RunResult, maxRows: number): string {
  const counts = eventCounts(run)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");
  if (run.events.length === 0) return `<p class="note">No decisions or events recorded.</p>`;
  const shown = run.events.slice(0, maxRows);
  const rows = shown.map(
    (e) =>
      `<tr class="k-${escapeHtml(e.kind)}"><td class="time">${escapeHtml(formatUtc(e.t))}</td><td><span class="kind">${escapeHtml(e.kind)}</span></td><td>${escapeHtml(e.text)}</td></tr>`,
  );
  const more =
    run.events.length > shown.length
      ? `<p class="note">Showing the first ${shown.length} of ${run.events.length} events.</p>`
      : "";
  return `<details${run.events.length <= 50 ? " open" : ""}>
<summary>Decisions and events (${escapeHtml(counts)})</summary>
<div class="scroll events"><table class="events">
<thead><tr><th>time</th><th>kind</th><th>what and why</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table></div>
${more}
</details>`;
}

/** At most `max` events, keeping the rare, important kinds first, then thinning the rest evenly over time. */
function markerEvents(events: readonly TimelineEvent[], max: number): TimelineEvent[] {
  if (events.length <= max) return [...events];
  const kept: TimelineEvent[] = [];
  for (const kind of MARKER_PRIORITY) {
    const ofKind = events.filter((e) => e.kind === kind);
    const room = max - kept.length;
    if (room <= 0) break;
    if (ofKind.length <= room) kept.push(...ofKind);
    else for (let k = 0; k < room; k++) kept.push(ofKind[Math.floor((k * ofKind.length) / room)]!);
  }
  return kept.sort((a, b) => a.t - b.t);
}

const STYLE = `
:root { --fg: #212529; --muted: #6c757d; --line: #dee2e6; --bad: #c92a2a; --ok: #2b8a3e; --bg-soft: #f8f9fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); }
header, main { padding: 0 24px; }
header { border-bottom: 1px solid var(--line); background: var(--bg-soft); }
h1 { font-size: 22px; margin: 16px 0 4px; }
h2 { font-size: 18px; margin: 24px 0 4px; }
h3 { font-size: 16px; margin: 0 0 8px; }
h3 small, h4 small { color: var(--muted); font-weight: normal; margin-left: 6px; }
h4 { font-size: 13px; margin: 12px 0 2px; }
.meta, .note { color: var(--muted); margin: 4px 0 12px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: var(--bg-soft); font-weight: 600; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; }
/* The summary fits the page: its headings wrap, its cells stay on one line. */
table.figures { width: 100%; font-size: 13px; }
table.figures th { white-space: normal; vertical-align: bottom; }
table.figures th, table.figures td { padding: 4px 6px; }
table.figures td { white-space: nowrap; }
table.figures tr.group th { background: none; padding-top: 10px; font-size: 14px; }
@media (max-width: 1180px) {
  header, main { padding: 0 12px; }
  table.figures { font-size: 12px; }
  table.figures th, table.figures td { padding: 3px 4px; }
}
.ok { color: var(--ok); }
.bad { color: var(--bad); font-weight: 600; }
ul.notes { margin: 4px 0 12px; padding-left: 18px; color: var(--muted); }
.panels { display: grid; grid-template-columns: repeat(auto-fit, minmax(600px, 1fr)); gap: 16px; }
.panel { border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; min-width: 0; }
dl.figures { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 0 0 6px; }
dl.figures div { display: flex; gap: 6px; }
dt { color: var(--muted); }
dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
.chart { width: 100%; min-height: 40px; }
.hover { min-height: 1.45em; margin: 6px 0; font-size: 13px; }
details { margin-top: 8px; }
summary { cursor: pointer; font-weight: 600; }
div.events { max-height: 360px; overflow-y: auto; }
table.events td.time { white-space: nowrap; color: var(--muted); }
.swatch { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 8px; border-radius: 2px; vertical-align: -1px; }
.kind { display: inline-block; padding: 0 6px; border-radius: 8px; background: #e7f5ff; font-size: 12px; }
tr.k-guardrail .kind { background: #fff4e6; }
tr.k-abandon .kind, tr.k-fault .kind { background: #ffe3e3; }
tr.k-breaker .kind { background: #f3d9fa; }
`;
