/**
 * docs/deploy.md's LocalStack/moto walkthrough, run as written: the shell block after "run the handlers" goes to bash
 * line for line, against an in-process AWS stub (test/reliability/support/aws-stub.ts) holding what the example
 * configuration manages (group dp-prod, cluster prod). The one AWS CLI command it uses is a shim over the real SDK
 * (test/deploy/support/aws-cli-shim.mjs); `npx dp-autoscaler …` is the project's own CLI.
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploymentConfigSchema } from "../../shared/config/schema.ts";
import { type AwsStub, startAwsStub } from "../reliability/support/aws-stub.ts";

const ROOT = process.cwd();
const EXAMPLE = deploymentConfigSchema.parse(JSON.parse(readFileSync(join(ROOT, "docs/examples/config.json"), "utf8")));

/** The shell block that follows `afterText` in docs/deploy.md. */
function shellBlockAfter(afterText: string): string {
  const doc = readFileSync(join(ROOT, "docs/deploy.md"), "utf8");
  const at = doc.indexOf(afterText);
  if (at < 0) throw new Error(`docs/deploy.md: "${afterText}" not found`);
  const block = /```sh\n([\s\S]*?)```/.exec(doc.slice(at));
  if (!block) throw new Error(`docs/deploy.md: no sh block after "${afterText}"`);
  return block[1]!;
}

function run(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-eo", "pipefail", "-c", script], { cwd: ROOT, env });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

describe("docs/deploy.md: running the CLI against LocalStack or moto", () => {
  let stub: AwsStub;
  let result: { code: number | null; out: string; err: string };
  const script = shellBlockAfter("Then store the configuration and run the handlers:");
  /** The event file the walkthrough's `invoke <fn>` line names. */
  const eventOf = (fn: string) => {
    const path = new RegExp(`invoke ${fn} --event (\\S+)`).exec(script)?.[1];
    if (path === undefined) throw new Error(`the walkthrough has no "invoke ${fn} --event FILE" line`);
    return JSON.parse(readFileSync(join(ROOT, path), "utf8"));
  };

  beforeAll(async () => {
    stub = await startAwsStub();
    const cluster = EXAMPLE.clusters[0]!;
    stub.addGroup({ name: cluster.autoScalingGroupName, desired: 2, min: cluster.minNodes, max: cluster.maxNodes });
    const bin = mkdtempSync(join(tmpdir(), "walkthrough-bin-"));
    const shim = join(bin, "aws");
    writeFileSync(shim, `#!/bin/sh\nexec node "${join(ROOT, "test/deploy/support/aws-cli-shim.mjs")}" "$@"\n`);
    chmodSync(shim, 0o755);
    // The shim goes first on PATH inside the script too: a shell's startup files may put a real `aws` before it.
    result = await run(`export PATH="${bin}:$PATH"\n${script}`, {
      PATH: `${bin}:${process.env.PATH}`,
      HOME: process.env.HOME,
      // What the walkthrough's `export` line before the block sets, with the stub's address.
      AWS_ENDPOINT_URL: stub.url,
      AWS_REGION: "eu-west-1",
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
    });
  }, 180_000);
  afterAll(async () => {
    await stub?.close();
  });

  it("uses one example: the configuration's cluster is the group the events name", () => {
    expect(script).toContain("file://docs/examples/config.json");
    expect(eventOf("launch").detail.AutoScalingGroupName).toBe(EXAMPLE.clusters[0]!.autoScalingGroupName);
    expect(eventOf("scaler")["detail-type"]).toBe("Scheduled Event");
    expect(script).toContain(`--cluster ${EXAMPLE.clusters[0]!.name}`);
  });

  it("runs every command to success", () => {
    expect(result.err).not.toMatch(/not a managed cluster|usage:/i);
    expect({ code: result.code, err: result.code === 0 ? "" : result.err.slice(-2000) }).toEqual({ code: 0, err: "" });
  });

  it("loads the configuration from SSM, reconciles prod, registers nothing for an instance the emulator lacks", () => {
    expect(stub.parameters.get("/dp-autoscaler/dev/config")).toBe(
      readFileSync(join(ROOT, "docs/examples/config.json"), "utf8"),
    );
    expect(stub.callsOf("GetParameter").length).toBeGreaterThanOrEqual(3);
    expect(stub.callsOf("GetMetricData").length).toBeGreaterThan(0);
    // The scaler reconciled the example's cluster.
    expect(result.out).toMatch(
      /"ok": true,\s+"trigger": "schedule",\s+"decisions": \[\s+\{\s+"cluster": "prod",\s+"ok": true/,
    );
    // Launch took the fail-safe path: the event's instance is not in the group, so its action is over; nothing is
    // registered.
    expect(result.out).toContain('"status": "already-done"');
    expect(stub.callsOf("RegisterTargets")).toEqual([]);
    // ctl status read the cluster back.
    expect(result.out).toContain("prod  (Auto Scaling group dp-prod)");
  });
});
