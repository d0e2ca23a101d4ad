import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILTIN_SCENARIOS, DEFAULT_SCENARIO } from "../../sim/scenario/builtins.ts";
import { SCENARIO_SCHEMA_PATH, scenarioJsonSchemaText } from "../../sim/scenario/json-schema.ts";
import { builtinNames, loadScenario, ScenarioError } from "../../sim/scenario/load.ts";

const REQUIRED = [
  "nasa-launch-day",
  "wc98-final-week",
  "flash-crowd",
  "upstream-bottleneck",
  "bandwidth-bound",
  "cp-outage",
  "autothrottle-bursty",
];

describe("scenarios", () => {
  it("docs/scenario.schema.json is what the zod schema generates (run `npx tsx sim/scenario/json-schema.ts`)", () => {
    expect(readFileSync(SCENARIO_SCHEMA_PATH, "utf8")).toBe(scenarioJsonSchemaText());
  });

  it("has every built-in the issue asks for, each valid and described, the default among them", () => {
    expect(builtinNames()).toEqual(expect.arrayContaining(REQUIRED));
    expect(builtinNames()).toContain(DEFAULT_SCENARIO);
    for (const name of builtinNames()) {
      const { scenario, source } = loadScenario(name);
      expect(source).toBe("builtin");
      expect(scenario.description.length).toBeGreaterThan(40);
    }
    expect(new Set(BUILTIN_SCENARIOS.map((s) => s.name)).size).toBe(BUILTIN_SCENARIOS.length);
  });

  it("reads a scenario file and resolves its traffic files next to it", () => {
    const dir = mkdtempSync(join(tmpdir(), "scenario-"));
    const file = join(dir, "mine.json");
    writeFileSync(
      file,
      JSON.stringify({
        name: "mine",
        traffic: { source: "synthetic", shape: "constant", rps: 1000, durationMinutes: 30 },
        cluster: {
          name: "edge",
          autoScalingGroupName: "dp-edge-asg",
          targetGroupArns: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef"],
        },
      }),
    );
    const loaded = loadScenario(file);
    expect(loaded.source).toBe("file");
    expect(loaded.baseDir).toBe(dir);
    expect(loaded.scenario.loadBalancer.type).toBe("alb");
    expect(loaded.scenario.nodes.instanceType).toBe("c6i.xlarge");
  });

  it("names the file and every bad field's path", () => {
    const dir = mkdtempSync(join(tmpdir(), "scenario-"));
    const file = join(dir, "bad.json");
    writeFileSync(
      file,
      JSON.stringify({
        name: "Bad Name",
        traffic: { source: "synthetic", shape: "constant", rps: -1, durationMinutes: 30 },
        cluster: {
          name: "edge",
          autoScalingGroupName: "dp-edge-asg",
          targetGroupArns: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef"],
          minNodes: 5,
          maxNodes: 3,
        },
        faults: { lostEventRate: 2 },
      }),
    );
    let error: unknown;
    try {
      loadScenario(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioError);
    const e = error as ScenarioError;
    expect(e.source).toBe(file);
    expect(e.message.startsWith(`${file}: `)).toBe(true);
    expect(e.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^name: /),
        expect.stringMatching(/^traffic\.rps: /),
        expect.stringMatching(/^cluster\.maxNodes: must be ≥ minNodes/),
        expect.stringMatching(/^faults\.lostEventRate: /),
      ]),
    );
  });

  it("says what it expected for an unknown name, and reports unreadable JSON", () => {
    expect(() => loadScenario("no-such-scenario")).toThrow(/neither a built-in scenario \(nasa-launch-day/);
    const dir = mkdtempSync(join(tmpdir(), "scenario-"));
    const file = join(dir, "broken.json");
    writeFileSync(file, "{ not json");
    expect(() => loadScenario(file)).toThrow(/broken\.json:\d+:\d+: not valid JSON/);
  });
});
