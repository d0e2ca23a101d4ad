import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { reportAssets } from "../../../sim/report/assets.ts";
import { niceCeiling, renderHtmlReport } from "../../../sim/report/html-report.ts";
import type { RunResult } from "../../../sim/types.ts";
import { fixtureRun } from "./fixture.ts";

const require = createRequire(import.meta.url);
const UPLOT_JS = readFileSync(require.resolve("uplot/dist/uPlot.iife.min.js"), "utf8");
const UPLOT_CSS = readFileSync(require.resolve("uplot/dist/uPlot.min.css"), "utf8");

const VOID = new Set(["meta", "link", "br", "hr", "img", "input", "col", "wbr", "source", "area", "base", "embed"]);

/** Problems with the tag structure: every non-void element closed, in order, outside script/style bodies. */
function tagProblems(html: string): string[] {
  const stripped = html.replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, "<$1></$1>");
  const problems: string[] = [];
  const stack: string[] = [];
  for (const m of stripped.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g)) {
    const [, closing, rawName] = m;
    const name = rawName!.toLowerCase();
    if (VOID.has(name)) continue;
    if (closing === "") stack.push(name);
    else if (stack.pop() !== name) problems.push(`</${name}> at ${m.index} does not close the open element`);
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(", ")}`);
  return problems;
}

function payload(html: string): { kinds: string[]; runs: Record<string, unknown>[] } {
  const m = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  if (m === null) throw new Error("no report-data");
  return JSON.parse(m[1]!);
}

const runs: RunResult[] = [
  fixtureRun({ policy: "ours", lag: 3 }),
  fixtureRun({ policy: "target-tracking", lag: 12, headroom: 1.4 }),
  fixtureRun({ scenario: 'bad <scenario> & "name"', policy: "oracle", lag: 0, headroom: 1, violations: ["a < b"] }),
];

/**
 * Runs the report's page script over the report's data with a stand-in for uPlot and the DOM, and returns each chart's
 * y-axis range as the script sets it up: `[run, chart, [min, max]]`.
 */
function chartYRanges(html: string): [number, string, number[]][] {
  const data = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html)![1]!;
  const ranges: [number, string, number[]][] = [];
  const element = (run: number, chart: string) => ({ clientWidth: 600, run, chart });
  const document = {
    getElementById: () => ({ textContent: data }),
    querySelector: (selector: string) => {
      const m = /data-run="(\d+)"\]\[data-chart="(\w+)"/.exec(selector);
      return m ? element(Number(m[1]), m[2]!) : {};
    },
  };
  class FakeUPlot {
    static tzDate = (d: Date) => d;
    static paths = { stepped: () => () => null };
    constructor(
      options: { scales: { y?: { range?: (...a: unknown[]) => number[] } } },
      _d: unknown,
      el: ReturnType<typeof element>,
    ) {
      ranges.push([el.run, el.chart, options.scales.y?.range?.(null, 0, 1) ?? []]);
    }
  }
  runInNewContext(reportAssets().clientJs, {
    document,
    uPlot: FakeUPlot,
    window: { addEventListener: () => {} },
    devicePixelRatio: 1,
  });
  return ranges;
}

describe("renderHtmlReport", () => {
  const html = renderHtmlReport(runs, "Compare <all> & sundry");

  it("draws every policy's panels of one scenario on the same y-axes, at or above what any of them shows", () => {
    const ranges = chartYRanges(html);
    expect(ranges).toHaveLength(9);
    const data = payload(html) as unknown as { runs: (Record<string, number[]> & { group: number })[] };
    for (const chart of ["demand", "nodes", "latency"]) {
      const [ours, tt, other] = [0, 1, 2].map((run) => ranges.find((r) => r[0] === run && r[1] === chart)![2]);
      expect(ours).toEqual(tt);
      expect(ours![0]).toBe(0);
      const columns = {
        demand: ["demand", "capacity", "served"],
        nodes: ["desired", "inService"],
        latency: ["latency", "upstream"],
      }[chart]!;
      const peak = (run: number) => Math.max(...columns.flatMap((c) => data.runs[run]![c]!));
      expect(ours![1]).toBeGreaterThanOrEqual(Math.max(peak(0), peak(1)));
      expect(ours![1]).toBeLessThan(Math.max(peak(0), peak(1)) * 1.5);
      // Another scenario has its own axes.
      expect(other![1]).toBeGreaterThanOrEqual(peak(2));
    }
  });

  it("rounds an axis top up to a nice value", () => {
    expect([0, 0.7, 1, 145_000, 150_001, 836, 20].map(niceCeiling)).toEqual([1, 0.8, 1, 150_000, 200_000, 1000, 20]);
  });

  it("fits the summary table to the page: scenarios head their rows instead of taking a column", () => {
    const table = /<table class="figures">[\s\S]*?<\/table>/.exec(html)![0];
    expect(table).not.toContain("<th>scenario</th>");
    expect(table.match(/<tr class="group">/g)).toHaveLength(2);
    expect(table).toContain("bad &lt;scenario&gt; &amp; &quot;name&quot;</th>");
    expect(html).toMatch(/table\.figures th \{ white-space: normal;/);
  });

  it("is one self-contained document: uPlot inlined, no external URL", () => {
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain(UPLOT_JS.slice(0, 200));
    expect(html).toContain(UPLOT_JS.slice(-200));
    expect(html).toContain(UPLOT_CSS.slice(0, 100));
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<script[^>]+\bsrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import/i);
  });

  it("has balanced tags", () => {
    expect(tagProblems(html)).toEqual([]);
  });

  it("escapes scenario names, titles, reasons and violations", () => {
    expect(html).toContain("<title>Compare &lt;all&gt; &amp; sundry</title>");
    expect(html).toContain("bad &lt;scenario&gt; &amp; &quot;name&quot;");
    expect(html).toContain("upstream-latency: &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more");
    expect(html).toContain("✗ a &lt; b");
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<scenario>");
  });

  it("carries every run's series and events as JSON the page can parse", () => {
    const data = payload(html);
    expect(data.runs).toHaveLength(3);
    const first = data.runs[0]!;
    expect((first.t as number[]).length).toBe(1440);
    expect(Math.max(...(first.demand as number[]))).toBeCloseTo(
      Math.max(...runs[0]!.timeline.map((p) => p.demandRps)),
      0,
    );
    const guardrail = (first.events as [number, number, string][]).find((e) => data.kinds[e[1]] === "guardrail");
    expect(guardrail?.[2]).toBe("upstream-latency: <script>alert('x')</script> & more");
    expect(data.runs.map((r) => r.group)).toEqual([0, 0, 1]);
  });

  it("has a summary row, a panel and three charts per run", () => {
    for (let i = 0; i < runs.length; i++) {
      expect(html).toContain(`<a href="#run-${i}">`);
      expect(html).toContain(`<article class="panel" id="run-${i}">`);
      for (const chart of ["demand", "nodes", "latency"])
        expect(html).toContain(`data-run="${i}" data-chart="${chart}"`);
    }
    expect(html).toMatch(/<td class="bad">✗ 1<\/td>/);
  });

  it("gives each scenario's at-target reference under its heading", () => {
    expect(html.match(/the configured targets kept with no delays: 61\.5 instance-hours<\/p>/g)).toHaveLength(2);
  });

  it("downsamples long timelines to at most 3000 points, keeping the peak", () => {
    const long = fixtureRun({ minutes: 20_000 });
    const peak = Math.max(...long.timeline.map((p) => p.demandRps));
    const data = payload(renderHtmlReport([long], "long"));
    const demand = data.runs[0]!.demand as number[];
    expect(demand.length).toBeLessThanOrEqual(3000);
    expect(Math.max(...demand)).toBeCloseTo(peak, 0);
    expect(data.runs[0]!.bucket).toBe(7);
  });

  it("is deterministic", () => {
    expect(renderHtmlReport(runs, "Compare <all> & sundry")).toBe(html);
  });
});
