import { describe, expect, it } from "vitest";
import { newestSaturated } from "../../../../shared/domain/signals/saturation.ts";
import { series } from "../builders.ts";

describe("newestSaturated", () => {
  it.each([
    { name: "cpu at 100 %", s: series("cpu", [60, 100]), want: true },
    { name: "cpu at the 95 % ceiling", s: series("cpu", [95]), want: true },
    { name: "cpu just below", s: series("cpu", [94.9]), want: false },
    { name: "an older point saturated, the newest not", s: series("cpu", [100, 80]), want: false },
    { name: "bandwidth past its baseline (bursting)", s: series("bandwidth", [130], { target: 60 }), want: false },
    { name: "request rate", s: series("request-rate", [9000], { unit: "req/s", target: 2000 }), want: false },
    { name: "no points", s: series("cpu", []), want: false },
  ])("$name → $want", ({ s, want }) => {
    expect(newestSaturated(s)).toBe(want);
  });

  it("reads the value as measured, not rebased: 100 % on 2 nodes is saturated with 5 in service", () => {
    const s = series("cpu", [100], { nodes: 5 });
    s.points[0]!.n = 2;
    expect(newestSaturated(s)).toBe(true);
  });
});
