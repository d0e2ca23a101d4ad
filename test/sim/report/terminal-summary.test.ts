import { describe, expect, it } from "vitest";
import { visibleWidth } from "../../../sim/report/ansi.ts";
import { renderTerminalSummary, terminalOptionsFor } from "../../../sim/report/terminal-summary.ts";
import { formatInstant } from "../../../sim/traffic/time.ts";
import { fixtureRun } from "./fixture.ts";

const BRAILLE = /[\u2801-\u28ff]/;
const ESC = String.fromCharCode(27);

describe("renderTerminalSummary", () => {
  it("names the run and shows its key figures, notes and invariant status", () => {
    const run = fixtureRun();
    const text = renderTerminalSummary(run);
    expect(text).toContain("nasa-launch-day · ours · seed 42");
    expect(text).toContain("1995-07-13 04:00 UTC → 1995-07-14 04:00 UTC (24 h simulated)");
    expect(text).toContain("scale ×500; 1 KiB in / 8 KiB out per request");
    expect(text).toMatch(new RegExp(`instance-hours\\s+${run.summary.instanceHours.toFixed(1)}`));
    expect(text).toMatch(/\n {4}target, no delays\s+61\.5 h/);
    expect(text).toMatch(new RegExp(`overload minutes\\s+${run.summary.overloadMinutes}\\b`));
    expect(text).toMatch(/scale-out \/ scale-in\s+17 \/ 12/);
    expect(text).toMatch(/ready→registered p99\s+4\.2 s/);
    expect(text).toMatch(/speed\s+24,000 simulated min\/s/);
    expect(text).toContain("Invariants  ✓ all held");
  });

  it("says every time in UTC: the notes' instants in the trace's own clock are converted", () => {
    const peak = Date.UTC(1995, 6, 13, 13, 49);
    const run = fixtureRun();
    run.notes.push(
      `demand: peak 40.5k req/s at ${formatInstant(peak, -240)}`,
      `at ${formatInstant(peak - 330 * 60_000, 330)}`,
    );
    const text = renderTerminalSummary(run, { width: 132 });
    expect(text).toContain("window: 1995-07-13 04:00 UTC → 1995-07-14 04:00 UTC (1440 min");
    expect(text).toContain("peak 40.5k req/s at 1995-07-13 13:49 UTC");
    expect(text).toContain("at 1995-07-13 08:19 UTC");
    expect(text).not.toMatch(/UTC[−+-]\d/);
  });

  it("shows the upstream's latency only for a scenario with an upstream", () => {
    const withUpstream = renderTerminalSummary(fixtureRun());
    expect(withUpstream).toMatch(/peak p95 latency\s+[\d.]+ ms \(upstream [\d.]+ ms\)/);
    const run = fixtureRun();
    for (const p of run.timeline) p.upstreamLatencyMs = 0;
    const without = renderTerminalSummary(run);
    expect(without).toMatch(/peak p95 latency\s+[\d.]+ ms/);
    expect(without).not.toContain("upstream 0 ms");
    expect(without).not.toContain("(upstream");
  });

  it("lists each violated invariant", () => {
    const text = renderTerminalSummary(fixtureRun({ violations: ["registeredBeforeReady = 2 (i-1, i-2)"] }));
    expect(text).toContain("✗ 1 violated");
    expect(text).toContain("✗ registeredBeforeReady = 2 (i-1, i-2)");
  });

  it.each([60, 80, 100, 132])("draws charts exactly %i columns wide and nothing wider", (width) => {
    const lines = renderTerminalSummary(fixtureRun(), { width }).split("\n");
    expect(Math.max(...lines.map(visibleWidth))).toBeLessThanOrEqual(width);
    const axes = lines.filter((l) => l.includes("└"));
    expect(axes).toHaveLength(2); // demand chart and nodes chart
    for (const axis of axes) expect(visibleWidth(axis)).toBe(width);
    expect(lines.some((l) => BRAILLE.test(l))).toBe(true);
    expect(lines.some((l) => l.includes("░"))).toBe(true);
  });

  it("marks the overloaded minutes under the demand chart", () => {
    const lines = renderTerminalSummary(fixtureRun({ lag: 10 })).split("\n");
    const strip = lines.find((l) => l.trimStart().startsWith("overload") && !l.includes("minutes"));
    expect(strip).toBeDefined();
    expect(strip).toContain("▀");
    const calm = renderTerminalSummary(fixtureRun({ lag: 0, headroom: 3 })).split("\n");
    const calmStrip = calm.find((l) => l.trimStart().startsWith("overload") && !l.includes("minutes"));
    expect(calmStrip).not.toContain("▀");
  });

  it("uses colour only when asked", () => {
    expect(renderTerminalSummary(fixtureRun())).not.toContain(ESC);
    expect(renderTerminalSummary(fixtureRun(), { color: true })).toContain(`${ESC}[`);
  });

  it("ignores minutes whose latency could not be measured", () => {
    const run = fixtureRun();
    run.timeline[5]!.latencyMs = Number.NaN;
    const text = renderTerminalSummary(run);
    expect(text).not.toContain("NaN");
    expect(text).toMatch(/peak p95 latency\s+448 ms/);
  });

  it("survives a run without a timeline", () => {
    const run = { ...fixtureRun(), timeline: [], events: [] };
    expect(renderTerminalSummary(run)).toContain("(no timeline recorded)");
  });
});

describe("terminalOptionsFor", () => {
  it("colours a TTY unless NO_COLOR or a dumb terminal, and clamps the width to 60–100", () => {
    expect(terminalOptionsFor({ isTTY: true, columns: 120 }, {})).toEqual({ width: 100, color: true });
    expect(terminalOptionsFor({ isTTY: true, columns: 90 }, { NO_COLOR: "1" })).toEqual({ width: 90, color: false });
    expect(terminalOptionsFor({ isTTY: true, columns: 40 }, { TERM: "dumb" })).toEqual({ width: 60, color: false });
    expect(terminalOptionsFor({}, {})).toEqual({ width: 100, color: false });
  });
});
