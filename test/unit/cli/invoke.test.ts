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
    [
      ["scaler", "--event", join(dir, "missing.json")],
      /^dp-autoscaler invoke: cannot read event file .*missing\.json: ENOENT$/,
    ],
    [
      ["scaler", "--event", file("bad.json", "{ not json")],
      /^dp-autoscaler invoke: event file .*bad\.json is not valid JSON: /,
    ],
    [["scaler"], /--event FILE is required/],
    [["resize", "--event", eventFile], /unknown function "resize" \(expected scaler, launch, drain, operator\)/],
    [[], /^dp-autoscaler invoke: usage: /],
    [["scaler", "--event", eventFile, "--dry"], /unknown option --dry/],
  ])("%j → one clear line, exit 2, handler never loaded", async (args, line) => {
    const t = io(async () => ({ ok: true }));
    expect(await invoke(args, t.io)).toBe(2);
    expect(t.err).toHaveLength(1);
    expect(t.err[0]).toMatch(line);
    expect(t.imported).toEqual([]);
  });

  it("exits 2 when the handler cannot start in this environment", async () => {
    const t = io(async () => ({ ok: true }));
    t.io.importHandler = async () => {
      throw new Error("AWS_REGION: not set");
    };
    expect(await invoke(["scaler", "--event", eventFile], t.io)).toBe(2);
    expect(t.err).toEqual(["dp-autoscaler invoke: cannot start the scaler handler: AWS_REGION: not set"]);
  });
});
