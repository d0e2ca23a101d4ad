import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
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
  const code = await validateConfigFile(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
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

  it("says when the file is not JSON", async () => {
    const r = await runWith([file("broken.json", "{ clusters: ")]);
    expect(r.code).toBe(1);
    expect(r.err[1]).toMatch(/^ {2}\(document\): not valid JSON/);
  });

  it("exits 2 with one line when the file is missing or no file is named", async () => {
    const missing = await runWith([join(dir, "nope.json")]);
    expect([missing.code, missing.err]).toEqual([
      2,
      [`dp-autoscaler validate-config: cannot read ${join(dir, "nope.json")}: ENOENT`],
    ]);
    const none = await runWith([]);
    expect([none.code, none.err]).toEqual([2, ["usage: dp-autoscaler validate-config FILE"]]);
  });
});
