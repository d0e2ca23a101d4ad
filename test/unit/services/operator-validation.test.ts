import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseOperatorRequest } from "../../../shared/events/operator-request.ts";
import { createOperatorHandler } from "../../../shared/services/operator/create-handler.ts";
import { fakeLambdaContext } from "../../../test-kit/fake-lambda-context.ts";
import { operatorWorld } from "../../fixtures/operator/world.ts";

const scale = { action: "scale", cluster: "prod", desired: 6, reason: "launch day" };

describe("operator: invalid requests are answered with a named field and change nothing", () => {
  it.each<[string, unknown, string, string]>([
    ["no action", { cluster: "prod" }, "action", "action: is required"],
    ["unknown action", { action: "reboot", cluster: "prod" }, "action", 'unknown action "reboot"'],
    ["action of the wrong type", { action: 3, cluster: "prod" }, "action", "unknown action 3"],
    ["no cluster", { action: "status" }, "cluster", "cluster: is required"],
    ["cluster not a string", { action: "status", cluster: 7 }, "cluster", "cluster: must be a string"],
    ["empty cluster", { action: "explain", cluster: "" }, "cluster", "cluster: must not be empty"],
    ["scale without desired", { ...scale, desired: undefined }, "desired", "desired: is required"],
    ["desired as a string", { ...scale, desired: "6" }, "desired", "desired: must be a number"],
    ["fractional desired", { ...scale, desired: 2.5 }, "desired", "desired: must be a whole number"],
    ["negative desired", { ...scale, desired: -1 }, "desired", "desired: must be ≥ 0"],
    ["expectDesired as a string", { ...scale, expectDesired: "4" }, "expectDesired", "must be a number"],
    ["dryRun not a boolean", { ...scale, dryRun: "yes" }, "dryRun", "dryRun: must be true or false"],
    ["force not a boolean", { ...scale, force: 1 }, "force", "force: must be true or false"],
    ["scale without reason", { ...scale, reason: undefined }, "reason", "reason: is required"],
    ["blank reason", { ...scale, reason: "   " }, "reason", "reason: is required"],
    ["reason too long", { ...scale, reason: "x".repeat(501) }, "reason", "at most 500 characters"],
    ["reason not a string", { ...scale, reason: 42 }, "reason", "reason: must be a string"],
    ["empty requestedBy", { ...scale, requestedBy: "" }, "requestedBy", "requestedBy: must not be empty"],
    ["requestedBy too long", { ...scale, requestedBy: "b".repeat(65) }, "requestedBy", "at most 64"],
    ["pause without reason", { action: "pause", cluster: "prod" }, "reason", "reason: is required"],
    ["resume without reason", { action: "resume", cluster: "prod" }, "reason", "reason: is required"],
    ["unknown field (typo)", { ...scale, desried: 6 }, "desried", 'desried: unknown field for "scale"'],
    ["scale field on status", { action: "status", cluster: "prod", desired: 3 }, "desired", "unknown field"],
    ["not an object", 42, "request", "request: must be a JSON object"],
    ["an array", [scale], "request", "request: must be a JSON object"],
    ["null", null, "request", "request: must be a JSON object"],
    ["a string that is not JSON", "{action: scale", "request", "request: is not valid JSON"],
  ])("%s", async (_name, event, field, message) => {
    const w = operatorWorld();

    const r = await w.invoke(event);

    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("invalid_request");
    expect(r.error.field).toBe(field);
    expect(r.error.message).toContain(message);
    expect(w.mutations()).toEqual([]);
    expect(w.notifier.events).toEqual([]);
  });

  it("accepts a request double-encoded as a JSON string", async () => {
    const w = operatorWorld();
    const r = await w.invoke(JSON.stringify({ action: "pause", cluster: "prod", reason: "game day" }));
    expect(r).toMatchObject({ ok: true, action: "pause", changed: true });
    expect(w.log.records().find((l) => l.message === "operator request")).toMatchObject({ reason: "game day" });
  });

  it("reports every problem at once, the first one's field named", async () => {
    const w = operatorWorld();
    const r = await w.invoke({ action: "scale", cluster: "prod", desired: "x", dryRun: "no" });
    expect(r).toMatchObject({ ok: false, error: { code: "invalid_request", field: "reason" } });
    if (!r.ok) expect(r.error.message.split("; ")).toHaveLength(3);
  });

  it("an unknown cluster is refused with the clusters it could have been", async () => {
    const w = operatorWorld();

    const r = await w.invoke({ ...scale, cluster: "prdo" });

    expect(r).toMatchObject({ ok: false, error: { code: "unknown_cluster", field: "cluster" } });
    if (!r.ok) expect(r.error.message).toContain("have: prod, edge");
    expect(w.mutations()).toEqual([]);
  });

  it("a configuration that cannot be loaded is a config_error", async () => {
    const w = operatorWorld();
    w.deps.loadConfig = async () => {
      throw new Error("clusters[0].maxNodes: must be ≥ minNodes");
    };
    const handler = createOperatorHandler(w.deps);

    const r = await handler({ action: "status", cluster: "prod" }, fakeLambdaContext());

    expect(r).toMatchObject({
      ok: false,
      error: { code: "config_error", message: expect.stringContaining("maxNodes") },
    });
  });

  it("a refused request is logged with what was asked, and counted only for a known cluster", async () => {
    const w = operatorWorld();

    await w.invoke({ action: "scale", cluster: "prod", desired: 99, reason: "oops", requestedBy: "carol" });
    await w.invoke({ action: "scale", cluster: "nope", desired: 3, reason: "typo" });

    const refused = w.log.records().filter((r) => r.message === "operator request refused");
    expect(refused[0]).toMatchObject({
      cluster: "prod",
      reason: "oops",
      requestedBy: "carol",
      errorCode: "out_of_bounds",
    });
    expect(refused[1]).toMatchObject({ cluster: "nope", errorCode: "unknown_cluster" });
    // Nothing for the unknown cluster; prod's request is counted by Cluster and by Cluster and Caller.
    expect(w.publisher.published.map((p) => [p.cluster, p.dimensions])).toEqual([
      ["prod", undefined],
      ["prod", { Caller: "unverified" }],
    ]);
    expect(w.publisher.values("prod", "OperatorRefusals")).toEqual([1]);
  });
});

describe("operator request fixtures (for `dp-autoscaler invoke operator --event FILE` and the runbook)", () => {
  const dir = new URL("../../fixtures/operator/requests/", import.meta.url);
  it.each(readdirSync(dir).filter((f) => f.endsWith(".json")))("%s is a valid request", (file) => {
    const parsed = parseOperatorRequest(JSON.parse(readFileSync(new URL(file, dir), "utf8")));
    expect(parsed.ok).toBe(true);
  });
});
