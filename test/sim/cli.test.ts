import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { stringify as stringifyYaml } from "yaml";
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

  it("compare carries predictive: by default in --json and in the HTML report", async () => {
    const report = join(dir, "c.html");
    expect(await compare([scenarioFile(dir), "--policies", "target-tracking,predictive", "--report", report])).toBe(0);
    expect(readFileSync(report, "utf8")).toMatch(/>predictive</);
    out.mockClear();
    expect(await compare([scenarioFile(dir), "--json"])).toBe(0);
    const runs = JSON.parse(printed()) as { policy: string }[];
    expect(runs.map((r) => r.policy)).toContain("predictive");
  });

  const errors = () => err.mock.calls.map((c) => String(c[0])).join("\n");

  it("refuses an unknown policy or scenario with a usage error (exit 2), naming the known ones and the closest", async () => {
    expect(await simulate([scenarioFile(dir), "--policy", "magic"])).toBe(2);
    expect(errors()).toMatch(/--policy: "magic" is not one of ours, target-tracking/);
    expect(await compare(["--policies", "ours,target-trackign"])).toBe(2);
    expect(errors()).toMatch(/unknown policy "target-trackign" \(known: .*\) \(did you mean "target-tracking"\?\)/);
    expect(await simulate(["--frobnicate"])).toBe(2);
    expect(await simulate(["nasa-lanch-day"])).toBe(2);
    expect(errors()).toMatch(/nasa-lanch-day: neither a built-in scenario .* \(did you mean "nasa-launch-day"\?\)/);
    expect(await compare([join(dir, "missing.yaml")])).toBe(2);
    expect(errors()).toMatch(/missing\.yaml: no such file/);
    expect(out).not.toHaveBeenCalled();
  });

  it("refuses a --workers that is not a whole number from 1 to 256 (exit 2), naming the value", async () => {
    expect(await compare([scenarioFile(dir), "--workers", "0"])).toBe(2);
    expect(errors()).toMatch(/--workers must be a whole number from 1 to 256, not "0"/);
    expect(await compare([scenarioFile(dir), "--workers", "two"])).toBe(2);
  });

  it("fails (exit 1) with the scenario file's path and the bad field", async () => {
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ name: "bad", traffic: { source: "nowhere" } }));
    expect(await simulate([file, "--json"])).toBe(1);
    expect(errors()).toMatch(/bad\.json: traffic\.source/);
  });

  it("runs a scenario written in YAML, with a $schema key", async () => {
    const file = join(dir, "tiny.yaml");
    const json = JSON.parse(readFileSync(scenarioFile(dir), "utf8"));
    writeFileSync(file, stringifyYaml({ $schema: "../docs/scenario.schema.json", ...json, name: "tiny-yaml" }));
    expect(await simulate([file, "--policy", "static", "--json", "--no-report"])).toBe(0);
    expect(JSON.parse(printed())).toMatchObject({ scenario: "tiny-yaml", policy: "static" });
  });

  it("--set changes a field before validation: the run uses it, and a bad one names the key and the field", async () => {
    const file = scenarioFile(dir);
    expect(await simulate([file, "--json", "--set", "seed=77", "--set=cluster.signals.cpu.targetPercent=80"])).toBe(0);
    const json = JSON.parse(printed());
    expect(json.seed).toBe(77);
    expect(await simulate([file, "--json", "--set", "cluster.maxNodes=0"])).toBe(1);
    expect(errors()).toMatch(/tiny\.json with --set cluster\.maxNodes: cluster\.maxNodes/);
    expect(await compare([file, "--set", "no-equals-sign"])).toBe(2);
    expect(errors()).toMatch(/--set no-equals-sign: expected KEY=VALUE/);
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
    expect(errors()).toMatch(/has 2 clusters \(prod, staging\): name one with --cluster/);
    expect(await simulate([file, "--cluster", "prod"])).toBe(2);
    expect(errors()).toMatch(/--cluster names a cluster of --config FILE/);
  });

  it("scenarios lists every built-in with its description", async () => {
    expect(await scenarios([])).toBe(0);
    for (const name of builtinNames()) expect(printed()).toContain(name);
    expect(printed()).toContain("(default)");
  });
});

/** The real CLI in a child process: what reaches stdout, stderr and the exit code is what a shell sees. */
interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const BIN = fileURLToPath(new URL("../../cli/dp-autoscaler.js", import.meta.url));
const CONFIG = "docs/examples/config.json";

function cli(args: string[], options: { env?: Record<string, string>; input?: string; closeStdout?: boolean } = {}) {
  return new Promise<CliRun>((done, fail) => {
    const env: Record<string, string | undefined> = { ...process.env, ...options.env };
    for (const k of ["POWERTOOLS_LOG_LEVEL", "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED", "DP_AUTOSCALER_DEBUG"])
      if (!options.env?.[k]) delete env[k];
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    if (options.closeStdout) child.stdout.destroy();
    else child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

/** A port nothing listens on: the endpoint refuses the connection at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe("the real CLI in a child process", () => {
  const dir = mkdtempSync(join(tmpdir(), "cli-process-"));
  const invalidConfig = join(dir, "invalid.json");
  writeFileSync(invalidConfig, JSON.stringify({ clusters: [] }));

  // One of each kind (the in-process tests cover every case): a usage error, a missing file, an invalid document.
  it.each([
    { args: ["simulat"], code: 2, stderr: /unknown command "simulat" \(did you mean "simulate"\?\)/ },
    { args: ["simulate", join(dir, "missing.yaml")], code: 2, stderr: /missing\.yaml: no such file/ },
    { args: ["validate-config", "--bogus", CONFIG], code: 2, stderr: /unknown option --bogus/ },
    { args: ["validate-config", invalidConfig], code: 1, stderr: /invalid\.json: 1 problem/ },
  ])("exit $code for $args, the reason on stderr, nothing on stdout", async ({ args, code, stderr }) => {
    const r = await cli(args);
    expect(r.stderr).toMatch(stderr);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe("");
  });

  it("validate-config reads stdin (-), YAML with a byte-order mark, and answers --json on stdout", async () => {
    const doc = JSON.parse(readFileSync(CONFIG, "utf8"));
    const r = await cli(["validate-config", "-", "--json"], { input: `\uFEFF${stringifyYaml(doc)}` });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ file: "stdin", valid: true, problems: [] })]);
  });

  it("decide --help prints the help on stdout and exits 0", async () => {
    const r = await cli(["decide", "--help"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toContain("--observation FILE");
    expect(r.stdout).toContain("example:");
  });

  it("invoke: stdout is the handler's JSON result only; logs, metrics and SDK warnings stay off it", async () => {
    const port = await closedPort();
    const env = {
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
      AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      AWS_MAX_ATTEMPTS: "1",
      DP_AUTOSCALER_CONFIG: readFileSync(CONFIG, "utf8"),
    };
    const event = "test/fixtures/events/alarm-eventbridge-new.json";
    const quiet = await cli(["invoke", "scaler", "--event", event, "--region", "us-east-1"], { env });
    const verbose = await cli(["invoke", "scaler", "--event", event, "--region=us-east-1", "--verbose"], { env });

    for (const r of [quiet, verbose]) {
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: false });
      expect(r.stderr).toContain(`cannot connect to 127.0.0.1:${port} (connection refused`);
    }
    // Quiet: only the command's own line. Verbose: the logs and the EMF lines, on stderr; a warning at most once.
    expect(quiet.stderr.trim().split("\n")).toHaveLength(1);
    expect(verbose.stderr).toContain('{"_aws"');
    expect(verbose.stderr.match(/NodeVersionSupportWarning/g)?.length ?? 0).toBeLessThanOrEqual(1);
  }, 90_000);

  it("ctl checks its arguments before anything is sent: --reason is required by scale", async () => {
    const r = await cli(["ctl", "scale", "--cluster", "prod", "--add", "1", "--function", "op"], {
      env: { AWS_ENDPOINT_URL: "http://127.0.0.1:9", AWS_REGION: "us-east-1" },
    });
    expect([r.code, r.stdout]).toEqual([2, ""]);
    expect(r.stderr.split("\n")[0]).toBe(
      "dp-autoscaler ctl: --reason TEXT is required by scale: say why (it goes to the log, the metric and Slack)",
    );
  });

  it("output piped into a reader that has gone (| head) ends quietly, without an EPIPE stack trace", async () => {
    const r = await cli(["scenarios"], { closeStdout: true });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
});
