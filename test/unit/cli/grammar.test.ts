/**
 * The one grammar: every verb answers --help/-h with every option described and an example, accepts `--flag=value`
 * and `--flag value` alike, refuses unknown options with the closest known one, and dispatches from `main`.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { optionsOf, parseCommandLine, renderHelp, UsageError } from "../../../cli/command.ts";
import { GRAMMAR, VERBS } from "../../../cli/grammar.ts";
import { main } from "../../../cli/main.ts";
import { closest, editDistance } from "../../../cli/suggest.ts";

afterEach(() => vi.restoreAllMocks());

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  return { out, err };
}

describe("every verb's --help", () => {
  it.each(VERBS)("%s: --help and -h print every option, described, and an example; exit 0", async (verb) => {
    for (const flag of ["--help", "-h"]) {
      const { out, err } = capture();
      expect(await main([verb, flag])).toBe(0);
      const help = out.join("\n");
      expect(err).toEqual([]);
      expect(help).toMatch(new RegExp(`^usage: dp-autoscaler ${verb}`));
      for (const [name, option] of Object.entries(optionsOf(GRAMMAR[verb]!))) {
        const row = help.split("\n").find((l) => l.includes(`--${name}`) && l.includes(option.description));
        expect(row, `--${name} is listed with its description`).toBeDefined();
        expect(option.description.length).toBeGreaterThan(10);
      }
      expect(help).toMatch(/\nexamples?:\n {2}(.*)?dp-autoscaler /);
      vi.restoreAllMocks();
    }
  });

  it("--help wins over anything else on the line, even arguments that would be refused", async () => {
    const { out } = capture();
    expect(await main(["decide", "--bogus", "--help"])).toBe(0);
    expect(out.join("\n")).toBe(renderHelp(GRAMMAR.decide!));
  });

  it("help VERB is VERB --help; help alone and --help list every verb", async () => {
    const { out } = capture();
    expect(await main(["help", "ctl"])).toBe(0);
    expect(out.join("\n")).toBe(renderHelp(GRAMMAR.ctl!));
    out.length = 0;
    expect(await main(["--help"])).toBe(0);
    for (const verb of VERBS) expect(out.join("\n")).toContain(`  ${verb} `);
  });
});

describe("parsing", () => {
  const spec = GRAMMAR.simulate!;

  it("--flag=value and --flag value are the same; a short alias too; --set repeats", () => {
    for (const args of [
      ["x", "--policy", "step", "--set", "a=1", "--set=b=2"],
      ["x", "--policy=step", "--set=a=1", "--set", "b=2"],
      ["x", "-p", "step", "--set", "a=1", "--set", "b=2"],
    ]) {
      const line = parseCommandLine(spec, args);
      expect([line.positionals, line.string("policy"), line.list("set")]).toEqual([["x"], "step", ["a=1", "b=2"]]);
    }
  });

  it.each([
    [["--polcy", "step"], 'unknown option --polcy (did you mean "--policy"?)'],
    [["--polcy=step"], 'unknown option --polcy (did you mean "--policy"?)'],
    [["--frobnicate"], "unknown option --frobnicate"],
    [["--json=yes"], "--json takes no value"],
    [["--policy"], "--policy needs a value"],
    [["--policy", "--json"], '--policy needs a value (a value starting with "-" goes as --policy=VALUE)'],
    [["--policy="], "--policy needs a value"],
    [
      ["--policy", "stpe"],
      '--policy: "stpe" is not one of ours, target-tracking, predictive, step, hpa, static, oracle (did you mean "step"?)',
    ],
    [["--policy", "step", "--policy", "hpa"], "--policy given twice"],
    [["a", "b"], 'unexpected argument "b"'],
  ])("%j → UsageError: %s", (args, message) => {
    expect(() => parseCommandLine(spec, args)).toThrow(new UsageError(message));
  });

  it("an unknown command gets the closest verb and exit 2, a missing one the list and exit 2", async () => {
    const { out, err } = capture();
    expect(await main(["simualte"])).toBe(2);
    expect(err[0]).toBe('dp-autoscaler: unknown command "simualte" (did you mean "simulate"?)');
    expect(await main(["--verison"])).toBe(2);
    expect(err.at(-2)).toBe('dp-autoscaler: unknown option "--verison" (did you mean "--version"?)');
    expect(await main([])).toBe(2);
    expect(err.join("\n")).toContain("usage: dp-autoscaler <command> [options]");
    expect(out).toEqual([]);
  });

  it("--version and version print the package's version", async () => {
    const { out } = capture();
    expect(await main(["--version"])).toBe(0);
    expect(await main(["version"])).toBe(0);
    expect(out).toEqual(["dp-autoscaler 0.1.0", "dp-autoscaler 0.1.0"]);
  });
});

describe("did you mean", () => {
  it("counts a swap of neighbours as one edit", () => {
    expect(editDistance("polciy", "policy")).toBe(1);
    expect(editDistance("simulate", "simulate")).toBe(0);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("offers a word only when it is close enough to be a typo", () => {
    expect(closest("nasa-lanch-day", ["nasa-launch-day", "flash-crowd"])).toBe("nasa-launch-day");
    expect(closest("scenaros", ["scenarios", "simulate"])).toBe("scenarios");
    expect(closest("deploy", ["decide", "ctl", "bench"])).toBeUndefined();
  });
});
