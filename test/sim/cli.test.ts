import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { run as compare } from "../../cli/commands/compare.ts";
import { run as scenarios } from "../../cli/commands/scenarios.ts";
import { run as simulate } from "../../cli/commands/simulate.ts";
import { builtinNames } from "../../sim/scenario/load.ts";

const SUMMARY_FIELDS = [
  "instanceHours",
  "overloadMinutes",
  "unservedRequestsPct",
  "peakNodes",
  "minNodes",
  "scaleOutActions",
  "scaleInActions",
  "abandonedLaunches",
  "registeredBeforeReady",
  "lifecycleTimeouts",
  "readyToRegisteredP99Seconds",
  "notifications",
  "slackMessages",
  "simulatedMinutesPerSecond",
];

/** A small scenario file: 30 minutes of a ramp. */
function scenarioFile(dir: string, name = "tiny"): string {
  const file = join(dir, `${name}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      name,
      warmupMinutes: 5,
      traffic: { source: "synthetic", shape: "ramp", fromRps: 5000, toRps: 20_000, durationMinutes: 30 },
      cluster: {
        name: "edge",
        autoScalingGroupName: "dp-edge-asg",
        targetGroupArns: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef"],
      },
    }),
  );
  return file;
}

describe("simulate / compare / scenarios commands", () => {
  let out: MockInstance;
  let err: MockInstance;
  let dir: string;
  const printed = () => out.mock.calls.map((c) => String(c[0])).join("\n");

  beforeEach(() => {
    out = vi.spyOn(console, "log").mockImplementation(() => {});
    err = vi.spyOn(console, "error").mockImplementation(() => {});
    dir = mkdtempSync(join(tmpdir(), "sim-cli-"));
  });
  afterEach(() => vi.restoreAllMocks());

  it("simulate --json prints the run's scenario, policy and every summary figure", async () => {
    expect(await simulate([scenarioFile(dir), "--policy", "ours", "--json"])).toBe(0);
    const json = JSON.parse(printed());
    expect(json).toMatchObject({ scenario: "tiny", policy: "ours", invariantViolations: [] });
    expect(Object.keys(json.summary)).toEqual(expect.arrayContaining(SUMMARY_FIELDS));
  });

  it("simulate writes the HTML report where --report says and prints its path", async () => {
    const report = join(dir, "out", "r.html");
    expect(await simulate([scenarioFile(dir), "--policy=oracle", "--report", report])).toBe(0);
    expect(existsSync(report)).toBe(true);
    expect(readFileSync(report, "utf8")).toMatch(/<html/i);
    expect(printed()).toMatch(/report: .*r\.html/);
  });

  it("compare --json gives one object per scenario × policy", async () => {
    const a = scenarioFile(dir, "tiny-a");
    const b = scenarioFile(dir, "tiny-b");
    expect(await compare([a, b, "--policies", "static,oracle", "--json"])).toBe(0);
    const runs = JSON.parse(printed()) as { scenario: string; policy: string; summary: object }[];
    expect(runs.map((r) => `${r.scenario}/${r.policy}`)).toEqual([
      "tiny-a/static",
      "tiny-a/oracle",
      "tiny-b/static",
      "tiny-b/oracle",
    ]);
    for (const r of runs) expect(Object.keys(r.summary)).toEqual(expect.arrayContaining(SUMMARY_FIELDS));
  });

  it("refuses an unknown policy with a usage error (exit 2) and names the known ones", async () => {
    expect(await simulate([scenarioFile(dir), "--policy", "magic"])).toBe(2);
    expect(String(err.mock.calls[0]?.[0])).toMatch(/unknown policy "magic" \(known: ours, target-tracking/);
    expect(await compare(["--policies", "ours,magic"])).toBe(2);
    expect(await simulate(["--frobnicate"])).toBe(2);
  });

  it("refuses a --workers that is not a whole number from 1 to 256 (exit 2), naming the value", async () => {
    expect(await compare([scenarioFile(dir), "--workers", "0"])).toBe(2);
    expect(String(err.mock.calls[0]?.[0])).toMatch(/--workers must be a whole number from 1 to 256, not "0"/);
    expect(await compare([scenarioFile(dir), "--workers", "two"])).toBe(2);
  });

  it("fails with the scenario file's path and the bad field", async () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ name: "bad", traffic: { source: "nowhere" } }));
    await expect(simulate([file, "--json"])).rejects.toThrow(/bad\.json: traffic\.source/);
  });

  it("--set changes a field before validation: the run uses it, and a bad one names the key and the field", async () => {
    const file = scenarioFile(dir);
    expect(await simulate([file, "--json", "--set", "seed=77", "--set=cluster.signals.cpu.targetPercent=80"])).toBe(0);
    const json = JSON.parse(printed());
    expect(json.seed).toBe(77);
    await expect(simulate([file, "--json", "--set", "cluster.maxNodes=0"])).rejects.toThrow(
      /tiny\.json with --set cluster\.maxNodes: cluster\.maxNodes/,
    );
    expect(await compare([file, "--set", "no-equals-sign"])).toBe(2);
    expect(String(err.mock.calls.at(-1)?.[0])).toMatch(/--set no-equals-sign: expected KEY=VALUE/);
  });

  it("--config FILE [--cluster NAME] backtests a deployment's own cluster; --set still adjusts it", async () => {
    const config = join(dir, "deploy.json");
    const cluster = (name: string, maxNodes: number) => ({
      name,
      autoScalingGroupName: `${name}-dp`,
      targetGroupArns: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef"],
      maxNodes,
      signals: { cpu: { targetPercent: 55 } },
    });
    writeFileSync(config, JSON.stringify({ clusters: [cluster("prod", 9), cluster("staging", 3)] }));
    const file = scenarioFile(dir);
    expect(await simulate([file, "--json", "--no-report", "--config", config, "--cluster", "staging"])).toBe(0);
    expect(JSON.parse(printed()).notes.join("\n")).toMatch(/cluster 2\.\.3 nodes/);
    out.mockClear();
    expect(
      await simulate([
        file,
        "--json",
        "--no-report",
        "--config",
        config,
        "--cluster",
        "prod",
        "--set",
        "cluster.maxNodes=7",
      ]),
    ).toBe(0);
    expect(JSON.parse(printed()).notes.join("\n")).toMatch(/cluster 2\.\.7 nodes/);
    // Two clusters and no --cluster: which one is meant must be said.
    expect(await compare([file, "--config", config])).toBe(2);
    expect(String(err.mock.calls.at(-1)?.[0])).toMatch(/has 2 clusters \(prod, staging\): name one with --cluster/);
    expect(await simulate([file, "--cluster", "prod"])).toBe(2);
    expect(String(err.mock.calls.at(-1)?.[0])).toMatch(/--cluster names a cluster of --config FILE/);
  });

  it("scenarios lists every built-in with its description", async () => {
    expect(await scenarios([])).toBe(0);
    for (const name of builtinNames()) expect(printed()).toContain(name);
    expect(printed()).toContain("(default)");
  });
});
