import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify as stringifyYaml } from "yaml";
import { validateConfigFile } from "../../../cli/commands/validate-config.ts";

const tg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef";
const dir = mkdtempSync(join(tmpdir(), "validate-config-"));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

async function runWith(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await validateConfigFile(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  return { code, out, err };
}

describe("dp-autoscaler validate-config", () => {
  it("prints every problem with its path and exits 1", async () => {
    const path = file("bad.json", {
      clusters: [
        { name: "prod", autoScalingGroupName: "a", targetGroupArns: [tg], minNodes: 5, maxNodes: 3 },
        { name: "edge", autoScalingGroupName: "b", targetGroupArns: ["x"], scaling: { metricPeriodSeconds: 30 } },
      ],
    });
    const r = await runWith([path]);
    expect(r.code).toBe(1);
    expect(r.err[0]).toBe(`${path}: 3 problems`);
    expect(r.err).toContain("  clusters[0].maxNodes: must be ≥ minNodes");
    expect(r.err).toContain("  clusters[1].targetGroupArns[0]: must be a target group ARN");
    expect(r.err.some((l) => l.startsWith("  clusters[1].scaling.metricPeriodSeconds: "))).toBe(true);
    expect(r.out).toEqual([]);
  });

  it("refuses what cannot work at run time, each with its path (ports, poll vs heartbeat, breaker window)", async () => {
    const path = file("unworkable.json", {
      clusters: [
        {
          name: "prod",
          autoScalingGroupName: "a",
          targetGroupArns: [tg],
          readiness: { url: "http://{privateIp}:99999/status/ready", pollIntervalSeconds: 60, deadlineSeconds: 900 },
          lifecycle: { heartbeatTimeoutSeconds: 60 },
          controlPlane: { breaker: { windowSeconds: 600 } },
        },
      ],
    });
    const r = await runWith([path]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("  clusters[0].readiness.url: port 99999 is not in 1–65535");
    expect(r.err.some((l) => l.startsWith("  clusters[0].readiness.pollIntervalSeconds: must be <"))).toBe(true);
    expect(r.err.some((l) => l.startsWith("  clusters[0].controlPlane.breaker.windowSeconds: must be ≥"))).toBe(true);
  });

  it("summarises each cluster of a valid document and exits 0", async () => {
    const path = file("ok.json", {
      clusters: [
        {
          name: "prod",
          autoScalingGroupName: "dp-prod",
          targetGroupArns: [tg, tg.replace("dp/", "dp2/")],
          controlPlane: { maxDataPlanes: 8 },
          alarms: { namePrefix: "dp-prod-" },
        },
        {
          name: "edge",
          autoScalingGroupName: "dp-edge",
          targetGroupArns: [tg],
          signals: { bandwidth: { enabled: false } },
        },
      ],
    });
    const r = await runWith([path]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe(`${path}: valid, 2 clusters`);
    expect(r.out[1]).toBe(
      '  prod: ASG dp-prod, 2..10 nodes (CP serves 8), 2 target groups, readiness api7; signals cpu 70 %, bandwidth 60 %; guardrails defaults only; alarms prefix "dp-prod-"',
    );
    expect(r.out[2]).toContain("edge: ASG dp-edge, 2..10 nodes, 1 target group");
    expect(r.out[2]).toContain("signals cpu 70 %;");
  });

  it("says where the file is not JSON or YAML: line and column", async () => {
    const json = await runWith([file("broken.json", '{\n  "clusters": \n}')]);
    expect(json.code).toBe(1);
    expect(json.err[0]).toMatch(/broken\.json: 1 problem$/);
    expect(json.err[1]).toMatch(/^ {2}line 3:1: not valid JSON: /);
    const yaml = await runWith([file("broken.yaml", "clusters:\n  - name: prod\n    tags: [a, b\n")]);
    expect(yaml.code).toBe(1);
    expect(yaml.err[1]).toMatch(/^ {2}line \d+:\d+: not valid YAML: /);
  });

  it("reads YAML, a $schema key and a byte-order mark, several files at once (stdin: test/sim/cli.test.ts)", async () => {
    const doc = { clusters: [{ name: "prod", autoScalingGroupName: "dp-prod", targetGroupArns: [tg] }] };
    const yaml = file("prod.yaml", `\uFEFF$schema: ../docs/config.schema.json\n${stringifyYaml(doc)}`);
    const json = file("prod.json", { $schema: "../docs/config.schema.json", ...doc });
    const r = await runWith([yaml, json]);
    expect(r.code).toBe(0);
    expect(r.out.filter((l) => !l.startsWith("  "))).toEqual([
      `${yaml}: valid, 1 cluster`,
      `${json}: valid, 1 cluster`,
    ]);
  });

  it("--json: one object per file; exit 1 when any is invalid", async () => {
    const good = file("good.json", { clusters: [{ name: "a", autoScalingGroupName: "a", targetGroupArns: [tg] }] });
    const bad = file("bad2.json", { clusters: [] });
    const r = await runWith(["--json", good, bad]);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([]);
    expect(JSON.parse(r.out.join("\n"))).toEqual([
      { file: good, valid: true, problems: [], clusters: [expect.stringMatching(/^a: ASG a, 2\.\.10 nodes/)] },
      { file: bad, valid: false, problems: [expect.stringMatching(/^clusters: /)], clusters: [] },
    ]);
  });

  it.each([
    { args: ["--bogus", "x.json"], problem: "unknown option --bogus" },
    { args: ["--jsno", "x.json"], problem: 'unknown option --jsno (did you mean "--json"?)' },
    { args: [], problem: "name at least one FILE (or - for stdin)" },
  ])("exits 2 on a usage error, before reading anything: $problem", async ({ args, problem }) => {
    const r = await runWith(args);
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe(`dp-autoscaler validate-config: ${problem}`);
    expect(r.out).toEqual([]);
  });

  it("exits 2 when a file is missing, before any verdict", async () => {
    const good = file("fine.json", { clusters: [{ name: "a", autoScalingGroupName: "a", targetGroupArns: [tg] }] });
    const r = await runWith([good, join(dir, "nope.json")]);
    expect([r.code, r.out, r.err]).toEqual([
      2,
      [],
      [`dp-autoscaler validate-config: ${join(dir, "nope.json")}: no such file`],
    ]);
  });
});
