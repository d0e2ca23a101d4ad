/**
 * The `bench` command's arguments. The benchmarks themselves print figures and are not run here (a test never asserts
 * on timings); only what the command refuses before running anything.
 */
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { run as bench } from "../../../cli/commands/bench.ts";
import { benchmarkNames } from "../../../cli/grammar.ts";

describe("dp-autoscaler bench", () => {
  let out: MockInstance;
  let err: MockInstance;
  beforeEach(() => {
    out = vi.spyOn(console, "log").mockImplementation(() => {});
    err = vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());
  const errors = () => err.mock.calls.map((c) => String(c[0])).join("\n");

  it("lists the benchmarks in bench/", async () => {
    expect(benchmarkNames()).toEqual([
      "bundles",
      "oracle-lead",
      "quality",
      "quality-seeds",
      "ready-to-registered",
      "sim-speed",
    ]);
  });

  it("prints its help for --help or -h, wherever it stands, and runs nothing", async () => {
    for (const args of [["--help"], ["quality", "-h"]]) {
      out.mockClear();
      expect(await bench(args)).toBe(0);
      expect(out).toHaveBeenCalledTimes(1);
      expect(String(out.mock.calls[0]?.[0])).toMatch(
        /^usage: dp-autoscaler bench \[NAME …\] \[--quick\] \[--set KEY=VALUE …\]/,
      );
    }
  });

  it.each([
    { args: ["nope"], why: /unknown benchmark nope \(have: bundles, oracle-lead, quality/ },
    { args: ["qualty"], why: /unknown benchmark qualty .*\(did you mean "quality"\?\)/ },
    { args: ["--frobnicate"], why: /unknown option --frobnicate/ },
    { args: ["quality", "--set", "seed"], why: /--set seed: expected KEY=VALUE/ },
    {
      args: ["sim-speed", "--set", "seed=3"],
      why: /--set changes scenarios; sim-speed runs none \(--set applies to oracle-lead, quality, quality-seeds\)/,
    },
    {
      args: ["quality", "bundles", "--set", "seed=3"],
      why: /--set changes scenarios; bundles runs none \(--set applies to oracle-lead, quality, quality-seeds\)/,
    },
  ])("refuses $args before running anything (exit 2)", async ({ args, why }) => {
    expect(await bench(args)).toBe(2);
    expect(errors()).toMatch(why);
    expect(out).not.toHaveBeenCalled();
  });
});
