import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { stringify as stringifyYaml } from "yaml";
import { run } from "../../../cli/commands/decide.ts";
import { deploymentConfigSchema } from "../../../shared/config/schema.ts";
import { decide } from "../../../shared/domain/decide.ts";
import { observationSchema } from "../../../shared/domain/observation-schema.ts";

const CONFIG = "docs/examples/config.json";
const OBSERVATION = "docs/examples/observation.json";

/** Runs the command as the CLI would, capturing what it prints. */
async function decideCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  const code = await run(args);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function tempFile(name: string, content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), "decide-")), name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

const exampleObservation = () => JSON.parse(readFileSync(OBSERVATION, "utf8"));

afterEach(() => vi.restoreAllMocks());

describe("dp-autoscaler decide", () => {
  it("explains what it would do with the example files", async () => {
    const r = await decideCli(["--config", CONFIG, "--observation", OBSERVATION]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out.split("\n")[0]).toBe("prod: scale-out 4 → 6 nodes (at 2025-06-02T14:05:00.000Z)");
    expect(r.out).toContain("cpu 86 % rising 4 %/min, 108 % expected in 5.5 min vs target 70 % on 4 nodes → 7");
    expect(r.out).toContain("control-plane-capacity  capped   7 → 6");
  });

  it("prints what docs/decision-model.md shows as its worked example", async () => {
    const doc = readFileSync("docs/decision-model.md", "utf8");
    const command = `$ dp-autoscaler decide --config ${CONFIG} --observation ${OBSERVATION}\n`;
    const start = doc.indexOf(command);
    expect(start, "the worked example's command line is in the document").toBeGreaterThan(0);
    const shown = doc.slice(start + command.length, doc.indexOf("\n```", start));
    const r = await decideCli(["--config", CONFIG, "--observation", OBSERVATION]);
    expect(r.out, "docs/decision-model.md's worked example is stale: paste the command's output").toBe(shown);
  });

  it("prints the Decision as JSON, decided at the observation's time", async () => {
    const r = await decideCli(["--json", "--observation", OBSERVATION, "--config", CONFIG]);
    expect(r.code).toBe(0);
    const config = deploymentConfigSchema.parse(JSON.parse(readFileSync(CONFIG, "utf8")));
    const obs = observationSchema.parse(exampleObservation());
    expect(JSON.parse(r.out)).toEqual(decide(config.clusters[0]!, obs, obs.observedAt));
  });

  it("prints every config problem with its path and exits 1", async () => {
    const config = JSON.parse(readFileSync(CONFIG, "utf8"));
    config.clusters[0].scaling.tolerance = 2;
    config.clusters[0].controlPlane.maxDataPlanes = 0;
    const file = tempFile("config.json", config);
    const r = await decideCli(["--config", file, "--observation", OBSERVATION]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err.split("\n")[0]).toMatch(/: \d+ problems$/);
    expect(r.err).toContain("  clusters[0].scaling.tolerance: ");
    expect(r.err).toContain("clusters[0].controlPlane.maxDataPlanes:");
  });

  it("prints every observation problem with its path and exits 1", async () => {
    const obs = exampleObservation();
    obs.group.desired = -1;
    obs.signals[0].points.reverse();
    const file = tempFile("observation.json", obs);
    const r = await decideCli(["--config", CONFIG, "--observation", file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file}: 2 problems`);
    expect(r.err).toContain("group.desired:");
    expect(r.err).toContain("signals[0].points: points must be ascending by t");
  });

  it("says where a file is not JSON: line and column", async () => {
    const file = tempFile("observation.json", "{ nope");
    const r = await decideCli(["--config", CONFIG, "--observation", file]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`${file}:1:3: not valid JSON: invalid symbol`);
  });

  it("refuses an observation no real cluster can produce, naming each impossibility, and decides nothing", async () => {
    const obs = exampleObservation();
    obs.group.desired = 12;
    obs.group.min = 11;
    obs.signals[0].points[2].v = -5;
    const file = tempFile("impossible.json", obs);
    const r = await decideCli(["--config", CONFIG, "--observation", file]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err.split("\n")).toEqual([
      `${file}: no real cluster reports this; not deciding from it`,
      "  warning: group.min (11) is above group.max (10)",
      "  warning: group.desired (12) is above group.max (10)",
      "  warning: signals[0] (cpu).points[2].v is -5: a measured value cannot be negative",
    ]);
  });

  it("reads the configuration as YAML (with a $schema key and a byte-order mark) and decides the same", async () => {
    const config = { $schema: "../docs/config.schema.json", ...JSON.parse(readFileSync(CONFIG, "utf8")) };
    const yaml = tempFile("config.yaml", `\uFEFF${stringifyYaml(config)}`);
    const fromYaml = await decideCli(["-c", yaml, `--observation=${OBSERVATION}`, "--json"]);
    const fromJson = await decideCli(["--config", CONFIG, "-o", OBSERVATION, "--json"]);
    expect(fromYaml.code).toBe(0);
    expect(fromYaml.out).toBe(fromJson.out);
  });

  it("picks the cluster named by --cluster, and refuses one the config lacks", async () => {
    const r = await decideCli(["--config", CONFIG, "--observation", OBSERVATION, "--cluster", "staging"]);
    expect(r.code).toBe(1);
    expect(r.err).toBe(`dp-autoscaler decide: cluster "staging" is not in ${CONFIG} (clusters: prod)`);
  });

  it.each([
    { args: ["--config", CONFIG], problem: "--observation FILE is required" },
    { args: ["--observation", OBSERVATION], problem: "--config FILE is required" },
    { args: ["--config"], problem: "--config needs a value" },
    { args: ["--config", CONFIG, "--observation", OBSERVATION, "extra"], problem: 'unexpected argument "extra"' },
  ])("exits 2 on a usage error: $problem", async ({ args, problem }) => {
    const r = await decideCli(args);
    expect(r.code).toBe(2);
    expect(r.err.split("\n")[0]).toBe(`dp-autoscaler decide: ${problem}`);
  });

  it("exits 2 when a file cannot be read", async () => {
    const r = await decideCli(["--config", "/nonexistent/config.json", "--observation", OBSERVATION]);
    expect(r.code).toBe(2);
    expect(r.err).toBe("dp-autoscaler decide: /nonexistent/config.json: no such file");
  });
});
