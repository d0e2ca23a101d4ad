import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Context } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { type InvokeIo, invoke } from "../../../cli/commands/invoke.ts";
import type { LambdaHandler } from "../../../shared/runtime/functions.ts";
import { ManualClock } from "../../../test-kit/manual-clock.ts";

const dir = mkdtempSync(join(tmpdir(), "invoke-"));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const eventFile = file("reconcile.json", JSON.stringify({ reconcile: "all" }));

function io(handler: LambdaHandler, clock = new ManualClock()) {
  const out: string[] = [];
  const err: string[] = [];
  const imported: string[] = [];
  const value: InvokeIo = {
    out: (t) => out.push(t),
    err: (l) => err.push(l),
    env: {},
    clock,
    importHandler: async (name) => {
      imported.push(name);
      return handler;
    },
  };
  return { io: value, out, err, imported };
}

describe("dp-autoscaler invoke", () => {
  it("runs the named handler with the event and prints its JSON result", async () => {
    let seen: unknown;
    const t = io(async (event) => {
      seen = event;
      return { ok: true, decisions: [] };
    });
    expect(await invoke(["scaler", "--event", eventFile], t.io)).toBe(0);
    expect(t.imported).toEqual(["scaler"]);
    expect(seen).toEqual({ reconcile: "all" });
    expect(JSON.parse(t.out.join("\n"))).toEqual({ ok: true, decisions: [] });
  });

  it("gives the handler a context counting down from 900 s on the clock", async () => {
    const clock = new ManualClock();
    let context: Context | undefined;
    const t = io(async (_e, c) => {
      context = c;
      await clock.advance(100_000);
      return { remaining: c.getRemainingTimeInMillis() };
    }, clock);
    await invoke(["drain", `--event=${eventFile}`], t.io);
    expect(context!.functionName).toBe("dp-autoscaler-local-drain");
    expect(JSON.parse(t.out[0]!)).toEqual({ remaining: 800_000 });
  });

  it("exits 1 when the handler answers ok: false or throws", async () => {
    expect(await invoke(["scaler", "--event", eventFile], io(async () => ({ ok: false, error: "x" })).io)).toBe(1);
    const t = io(async () => {
      throw new Error("boom");
    });
    expect(await invoke(["operator", "--event", eventFile], t.io)).toBe(1);
    expect(t.err).toEqual(["dp-autoscaler invoke: the operator handler failed: boom"]);
  });

  it.each([
    [["scaler", "--event", join(dir, "missing.json")], /^dp-autoscaler invoke: .*missing\.json: no such file$/],
    [["scaler"], /^dp-autoscaler invoke: --event FILE is required$/],
    [
      ["resize", "--event", eventFile],
      /^dp-autoscaler invoke: unknown function "resize" \(expected scaler, launch, drain, operator\)$/,
    ],
    [["scaler-", "--event", eventFile], /unknown function "scaler-" .* \(did you mean "scaler"\?\)$/],
    [[], /^dp-autoscaler invoke: name the function: scaler, launch, drain, operator$/],
    [["scaler", "--event", eventFile, "--dry"], /^dp-autoscaler invoke: unknown option --dry$/],
    [["scaler", "--evnet", eventFile], /^dp-autoscaler invoke: unknown option --evnet \(did you mean "--event"\?\)$/],
    [["scaler", "--event", eventFile, "--log-level", "loud"], /--log-level: "loud" is not one of debug, info/],
  ])("%j → one clear line, exit 2, handler never loaded", async (args, line) => {
    const t = io(async () => ({ ok: true }));
    expect(await invoke(args, t.io)).toBe(2);
    expect(t.err[0]).toMatch(line);
    expect(t.imported).toEqual([]);
  });

  it("an event file that is not JSON: its line and column, exit 1, handler never loaded", async () => {
    const t = io(async () => ({ ok: true }));
    const bad = file("bad.json", '{\n  "reconcile": all\n}');
    expect(await invoke(["scaler", "--event", bad], t.io)).toBe(1);
    expect(t.err).toEqual([`dp-autoscaler invoke: ${bad}:2:16: not valid JSON: invalid symbol`]);
    expect(t.imported).toEqual([]);
  });

  it("exits 2 when the handler cannot start in this environment, saying how to fix it", async () => {
    const t = io(async () => ({ ok: true }));
    t.io.importHandler = async () => {
      throw new Error("AWS_REGION: not set (Lambda sets it; locally export AWS_REGION=us-east-1 or similar)");
    };
    expect(await invoke(["scaler", "--event", eventFile], t.io)).toBe(2);
    expect(t.err).toEqual([
      "dp-autoscaler invoke: cannot start the scaler handler: no AWS region: pass --region REGION (e.g. --region us-east-1) or set AWS_REGION",
    ]);
  });

  it("--region and --profile reach the environment the handler and the SDK read; the logs are quiet unless asked", async () => {
    const quiet = io(async () => ({ ok: true }));
    await invoke(["scaler", "--event", eventFile, "--region", "eu-north-1", "--profile", "ops"], quiet.io);
    expect(quiet.io.env).toMatchObject({
      AWS_REGION: "eu-north-1",
      AWS_PROFILE: "ops",
      POWERTOOLS_LOG_LEVEL: "SILENT",
    });
    const verbose = io(async () => ({ ok: true }));
    await invoke(["scaler", "--event", eventFile, "-v"], verbose.io);
    expect(verbose.io.env.POWERTOOLS_LOG_LEVEL).toBe("INFO");
    const debug = io(async () => ({ ok: true }));
    await invoke(["scaler", "--event", eventFile, "--log-level=debug"], debug.io);
    expect(debug.io.env.POWERTOOLS_LOG_LEVEL).toBe("DEBUG");
  });

  it("a refused event (ok: false) exits 1 and says why in one line, with the fix for the usual AWS mistakes", async () => {
    const t = io(async () => ({
      ok: false,
      error: "DescribeAutoScalingGroups failed: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:4566",
    }));
    t.io.env.AWS_ENDPOINT_URL = "http://127.0.0.1:4566";
    expect(await invoke(["launch", "--event", eventFile], t.io)).toBe(1);
    expect(t.err).toEqual([
      "dp-autoscaler invoke: the launch handler answered ok: false; cannot connect to 127.0.0.1:4566 (connection refused; AWS_ENDPOINT_URL=http://127.0.0.1:4566): start it, or fix or unset the endpoint variable",
    ]);
  });
});
