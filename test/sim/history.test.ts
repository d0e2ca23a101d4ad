/**
 * The metric history every run gets (issue 14): the days before the window from the same trace or the synthetic shape
 * extended backwards, read through the same metrics port as the run's own datapoints, under CloudWatch's retention
 * and period rules.
 */
import { describe, expect, it } from "vitest";
import type { MetricQuery } from "../../shared/ports/metrics.ts";
import { demandBefore } from "../../sim/history/demand-before.ts";
import { historyAwareMetrics } from "../../sim/history/history-metrics.ts";
import { periodAllowed, resolutionSecondsAt } from "../../sim/history/retention.ts";
import { createPolicy } from "../../sim/policies/index.ts";
import { runScenario } from "../../sim/run.ts";
import { builtinScenario, validateScenario } from "../../sim/scenario/load.ts";
import { loadTraffic } from "../../sim/traffic/load.ts";
import { SimWorld } from "../../sim/world.ts";
import { shortened } from "./shortened.ts";

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

function constantWorld(days: number) {
  const scenario = validateScenario(
    {
      name: "history",
      warmupMinutes: 10,
      history: { days },
      traffic: { source: "synthetic", shape: "constant", rps: 20_000, durationMinutes: 60 },
      cluster: {
        name: "edge",
        autoScalingGroupName: "dp-edge-asg",
        targetGroupArns: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef"],
        minNodes: 2,
        maxNodes: 10,
      },
    },
    "test",
  );
  return new SimWorld(scenario, loadTraffic(scenario.traffic, 1), createPolicy("static"));
}

const cpu = (stat: string, periodSeconds: number): MetricQuery => ({
  id: "cpu",
  namespace: "AWS/EC2",
  metricName: "CPUUtilization",
  dimensions: { AutoScalingGroupName: "dp-edge-asg" },
  stat,
  periodSeconds,
});

describe("CloudWatch's retention rules", () => {
  it("1-minute data for 15 days, 5-minute for 63, 1-hour for 455, then nothing", () => {
    expect(resolutionSecondsAt(15 * DAY)).toBe(60);
    expect(resolutionSecondsAt(15 * DAY + 1)).toBe(300);
    expect(resolutionSecondsAt(63 * DAY + 1)).toBe(3600);
    expect(resolutionSecondsAt(455 * DAY + 1)).toBeUndefined();
    const now = 500 * DAY;
    expect(periodAllowed(60, now - 2 * 60 * MINUTE, now)).toBe(true);
    expect(periodAllowed(60, now - 16 * DAY, now)).toBe(false);
    expect(periodAllowed(600, now - 16 * DAY, now)).toBe(true);
    expect(periodAllowed(300, now - 64 * DAY, now)).toBe(false);
    expect(periodAllowed(7200, now - 64 * DAY, now)).toBe(true);
  });
});

describe("the history through the metrics port", () => {
  it("the days before the run at the targets' fleet: 20k req/s on 4 nodes at 70 % is 3 + 62.5 % × 97 % CPU each", async () => {
    const w = constantWorld(2);
    const port = historyAwareMetrics(w);
    const from = w.warmupStartMs - DAY;
    const points = (await port.fetch([cpu("Average", 60)], from, from + 3 * MINUTE)).cpu!;
    expect(points.map((p) => p.t)).toEqual([from, from + MINUTE, from + 2 * MINUTE]);
    for (const p of points) expect(p.v).toBeCloseTo(3 + (20_000 / 4 / 8000) * 97, 6);
    const hour = Math.ceil(from / 3600_000) * 3600_000;
    const counts = (await port.fetch([{ ...cpu("SampleCount", 3600), id: "n" }], hour, hour + 3600_000)).n!;
    expect(counts).toEqual([{ t: hour, v: 4 * 60 }]);
    // Nothing before the history's first day (2 days before the warm-up).
    expect((await port.fetch([cpu("Average", 60)], from - 2 * DAY, from - 2 * DAY + 10 * MINUTE)).cpu).toEqual([]);
  });

  it("a period across the history's end adds the run's own datapoints to it", async () => {
    const w = constantWorld(1);
    w.startWorld();
    await w.clock.runUntil(w.warmupStartMs + 10 * MINUTE);
    const port = historyAwareMetrics(w);
    const hour = Math.floor(w.warmupStartMs / 3600_000) * 3600_000;
    const [sum] = (await port.fetch([cpu("SampleCount", 3600)], hour, hour + 3600_000)).cpu!;
    const before = (w.warmupStartMs - hour) / MINUTE;
    const live = w.cw.query(w.ec2Key("CPUUtilization"), "SampleCount", 3600, hour, hour + 3600_000)[0]!.v;
    expect(live).toBeGreaterThan(0);
    expect(sum!.v).toBe(before * 4 + live);
  });

  it("keeps the period rules: 16 days back only at 5 minutes, 70 days back only at an hour", async () => {
    const w = constantWorld(100);
    const port = historyAwareMetrics(w);
    const at = (days: number) => Math.floor((w.warmupStartMs - days * DAY) / 3600_000) * 3600_000;
    expect((await port.fetch([cpu("Average", 60)], at(16), at(16) + 3600_000)).cpu).toEqual([]);
    expect((await port.fetch([cpu("Average", 300)], at(16), at(16) + 3600_000)).cpu).toHaveLength(12);
    expect((await port.fetch([cpu("Average", 300)], at(70), at(70) + 3600_000)).cpu).toEqual([]);
    const hourly = (await port.fetch([cpu("SampleCount", 3600)], at(70), at(70) + 3600_000)).cpu!;
    expect(hourly).toEqual([{ t: at(70), v: 240 }]);
  });

  it("a trace's history is the trace itself before the window, at the window's scale", () => {
    const s = builtinScenario("nasa-launch-day");
    const traffic = loadTraffic(s.traffic, s.seed);
    const d = demandBefore(s, traffic.startMs, traffic.startMs, 14);
    // The NASA trace starts on 1 July: 12 of the 14 days exist.
    expect(d.rps.length).toBe(12 * 1440);
    const earlier = loadTraffic(
      { ...s.traffic, window: { start: "1995-07-10T08:00", durationMinutes: 60 } } as typeof s.traffic,
      s.seed,
    );
    const offset = (earlier.startMs - d.fromMs) / MINUTE;
    for (let m = 0; m < 60; m++) expect(d.rps[offset + m]).toBeCloseTo(earlier.rps[m]!, 9);
  });

  it("ours reads it: the run's notes say where its history came from", async () => {
    const run = await runScenario(shortened("flash-crowd"), "ours");
    expect(run.notes.join("\n")).toMatch(/history: 15 days of the synthetic flash-crowd shape/);
  });
});
