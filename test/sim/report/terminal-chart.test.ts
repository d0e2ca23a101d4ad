import { describe, expect, it } from "vitest";
import { visibleWidth } from "../../../sim/report/ansi.ts";
import { niceCeiling, renderAreaLineChart } from "../../../sim/report/terminal-chart.ts";

const times = (n: number) => Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 60_000);

describe("renderAreaLineChart", () => {
  it("keeps a one-minute spike visible when 10,000 minutes share 50 columns", () => {
    const n = 10_000;
    const line = new Array<number>(n).fill(10);
    line[7_777] = 100;
    const rows = renderAreaLineChart({ times: times(n), area: new Array(n).fill(0), line, width: 60, height: 8 });
    expect(rows[0]).toMatch(/[\u2801-\u28ff]/); // the top row holds the spike
    expect(rows.every((r) => visibleWidth(r) === 60)).toBe(true);
  });

  it("fills the area up to its level and leaves the rest blank", () => {
    const n = 100;
    const rows = renderAreaLineChart({
      times: times(n),
      area: new Array(n).fill(50),
      line: new Array(n).fill(100),
      width: 40,
      height: 8,
    });
    const plot = rows.slice(0, 8);
    expect(plot.slice(5).every((r) => r.includes("░"))).toBe(true); // lower half shaded
    expect(plot.slice(1, 3).some((r) => r.includes("░"))).toBe(false); // upper rows are not
  });

  it("labels the time axis in UTC", () => {
    const rows = renderAreaLineChart({
      times: times(24 * 60),
      area: new Array(24 * 60).fill(1),
      line: new Array(24 * 60).fill(1),
      width: 100,
      height: 4,
    });
    expect(rows[rows.length - 1]).toMatch(/06:00.*12:00.*18:00/);
  });
});

describe("niceCeiling", () => {
  it("rounds up to 1-1.2-1.5-2-2.5-3-4-5-6-8 steps, integers for node counts", () => {
    expect(niceCeiling(11_200, false)).toBe(12_000);
    expect(niceCeiling(0.7, false)).toBe(0.8);
    expect(niceCeiling(7, true)).toBe(7);
    expect(niceCeiling(21, true)).toBe(25);
    expect(niceCeiling(0, true)).toBe(1);
  });
});
