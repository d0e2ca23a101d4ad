/**
 * `predictive`: EC2 Auto Scaling predictive scaling (ForecastAndScale) beside target tracking — its forecast stand-ins,
 * the 24-hour minimum, the schedule before each hour, and target tracking never scaling in below the hour's forecast.
 */
import { describe, expect, it } from "vitest";
import { forecastHour } from "../../sim/policies/forecast.ts";
import { runScenario } from "../../sim/run.ts";
import { validateScenario } from "../../sim/scenario/load.ts";
import type { RunResult } from "../../sim/types.ts";

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe("the forecast stand-ins", () => {
  const t0 = 100 * DAY;
  // Three days observed: the hour at 10:00 carried 10, 20, 60; a week earlier (day −7) 5.
  const observed = new Map<number, number>([
    [t0 - 3 * DAY + 10 * HOUR, 10],
    [t0 - 2 * DAY + 10 * HOUR, 20],
    [t0 - DAY + 10 * HOUR, 60],
    [t0 - 7 * DAY + 10 * HOUR, 5],
  ]);
  const h = t0 + 10 * HOUR;

  it("daily-mean averages the same hour over the look-back; daily-naive takes yesterday; weekly-naive a week ago", () => {
    expect(forecastHour(observed, h, "daily-mean", t0 - 14 * DAY, t0)).toBeCloseTo((10 + 20 + 60 + 5) / 4, 9);
    expect(forecastHour(observed, h, "daily-mean", t0 - 3 * DAY, t0)).toBeCloseTo(30, 9);
    expect(forecastHour(observed, h, "daily-naive", t0 - 14 * DAY, t0)).toBe(60);
    expect(forecastHour(observed, h, "weekly-naive", t0 - 14 * DAY, t0)).toBe(5);
    // Without a week of history the weekly method falls back to the daily one.
    expect(forecastHour(observed, h, "weekly-naive", t0 - 4 * DAY, t0)).toBe(60);
  });

  it("uses only hours observed before the forecast was made", () => {
    // Made at t0 − 1.5 days: yesterday's 60 lies in the future.
    expect(forecastHour(observed, h, "daily-naive", t0 - 14 * DAY, t0 - 36 * HOUR)).toBe(20);
    expect(forecastHour(observed, h + HOUR, "daily-mean", t0 - 14 * DAY, t0)).toBeUndefined();
  });
});

/** A day of diurnal demand, with the same cosine in the history: what predictive scaling is made for. */
function diurnal(over: Record<string, unknown> = {}) {
  return validateScenario(
    {
      name: "diurnal",
      seed: 5,
      traffic: {
        source: "synthetic",
        shape: "diurnal",
        minRps: 4000,
        maxRps: 60_000,
        periodMinutes: 1440,
        peakAtMinute: 840,
        durationMinutes: 1440,
      },
      cluster: {
        name: "edge",
        autoScalingGroupName: "dp-edge-asg",
        targetGroupArns: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef"],
        minNodes: 2,
        maxNodes: 20,
      },
      ...over,
    },
    "test",
  );
}

const decisions = (run: RunResult, text: string) =>
  run.events.filter((e) => e.kind === "decision" && e.text.includes(text));

describe("predictive scaling beside target tracking", () => {
  it("raises the group SchedulingBufferTime before an hour whose forecast needs more, and is overloaded no more than target tracking", async () => {
    const [tt, pred, again] = await Promise.all([
      runScenario(diurnal(), "target-tracking"),
      runScenario(diurnal(), "predictive"),
      runScenario(diurnal(), "predictive"),
    ]);
    // Deterministic, history and forecast included.
    expect(again.timeline).toEqual(pred.timeline);
    expect(again.events).toEqual(pred.events);
    const scheduled = decisions(pred, "the forecast for");
    expect(scheduled.length).toBeGreaterThan(1);
    for (const e of scheduled) {
      expect(e.text).toMatch(/scale-out/);
      expect(e.t % HOUR).toBe(HOUR - 300_000);
    }
    expect(pred.summary.overloadMinutes).toBeLessThanOrEqual(tt.summary.overloadMinutes);
    expect(pred.invariantViolations).toEqual([]);
  });

  it("target tracking does not scale in below the forecast of the hour under way", async () => {
    // Fifteen days at 50k req/s, then the demand falls to 5k within the first hour: the forecast still says 50k.
    const falling = diurnal({
      traffic: {
        source: "synthetic",
        shape: "ramp",
        fromRps: 50_000,
        toRps: 5000,
        rampMinutes: 60,
        durationMinutes: 480,
      },
      policies: { predictive: { forecast: "daily-naive", schedulingBufferSeconds: 600 } },
    });
    const [tt, pred] = await Promise.all([runScenario(falling, "target-tracking"), runScenario(falling, "predictive")]);
    const forecast = decisions(pred, "the next hours need");
    expect(forecast.length).toBeGreaterThan(0);
    const needs = Number(/need (\d+)/.exec(forecast[0]!.text)![1]);
    expect(needs).toBeGreaterThan(2);
    expect(decisions(tt, "scale-in").length).toBeGreaterThan(0);
    expect(decisions(pred, "scale-in")).toEqual([]);
    expect(Math.min(...pred.timeline.map((p) => p.desired))).toBe(needs);
  });

  it("with less than 24 hours of history it forecasts nothing: target tracking alone, to the minute", async () => {
    // The 4-hour warm-up at the peak and 19 hours of run: 23 hours of data in all, never enough for a forecast.
    const short = diurnal({
      history: { days: 0 },
      warmupMinutes: 240,
      traffic: {
        source: "synthetic",
        shape: "diurnal",
        minRps: 4000,
        maxRps: 60_000,
        periodMinutes: 1440,
        peakAtMinute: 0,
        durationMinutes: 1140,
      },
    });
    const [tt, pred] = await Promise.all([runScenario(short, "target-tracking"), runScenario(short, "predictive")]);
    expect(decisions(pred, "fewer than 24 — no forecast").length).toBeGreaterThan(0);
    expect(pred.timeline).toEqual(tt.timeline);
    expect(pred.summary.instanceHours).toBe(tt.summary.instanceHours);
  });

  it("honours the group's MaxSize (HonorMaxCapacity)", async () => {
    const run = await runScenario(
      diurnal({
        cluster: {
          name: "edge",
          autoScalingGroupName: "dp-edge-asg",
          targetGroupArns: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef"],
          minNodes: 2,
          maxNodes: 6,
        },
      }),
      "predictive",
    );
    expect(Math.max(...run.timeline.map((p) => p.desired))).toBe(6);
    expect(run.invariantViolations).toEqual([]);
  });
});
