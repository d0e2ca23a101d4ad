import { describe, expect, it } from "vitest";
import { toChartColumns } from "../../../sim/report/downsample.ts";
import { fixtureRun } from "./fixture.ts";

describe("toChartColumns", () => {
  it("keeps every minute when the timeline is short enough", () => {
    const run = fixtureRun({ minutes: 100 });
    const cols = toChartColumns(run.timeline, 3000);
    expect(cols.bucket).toBe(1);
    expect(cols.t).toEqual(run.timeline.map((p) => p.t / 1000));
    expect(cols.inService).toEqual(run.timeline.map((p) => p.inService));
  });

  it("takes each bucket's maximum and flags a bucket with any overloaded minute", () => {
    const run = fixtureRun({ minutes: 1440, lag: 10 });
    const cols = toChartColumns(run.timeline, 144);
    expect(cols.bucket).toBe(10);
    expect(cols.t).toHaveLength(144);
    const b = 60; // minutes 600–609: the flash crowd
    const slice = run.timeline.slice(b * 10, b * 10 + 10);
    expect(cols.desired[b]).toBe(Math.max(...slice.map((p) => p.desired)));
    expect(cols.overload[b]).toBe(1);
    expect(cols.overload[0]).toBe(0);
  });
});
