import { describe, expect, it } from "vitest";
import { BREAKER_TAG, encodeBreaker, encodePause, PAUSE_TAG } from "../../../shared/domain/tags.ts";
import { GROUP, NOW, operatorWorld, TG } from "../../fixtures/operator/world.ts";

describe("operator status", () => {
  it("shows size, bounds, nodes by state, target health, pause, breaker, activities, signals and the decision now", async () => {
    const w = operatorWorld({
      cpu: 50,
      instances: [
        { instanceId: "i-1", lifecycleState: "InService", healthStatus: "Healthy" },
        { instanceId: "i-2", lifecycleState: "InService", healthStatus: "Healthy" },
        { instanceId: "i-3", lifecycleState: "InService", healthStatus: "Healthy" },
        { instanceId: "i-4", lifecycleState: "Pending:Wait", healthStatus: "Healthy" },
        { instanceId: "i-5", lifecycleState: "Pending", healthStatus: "Healthy" },
        { instanceId: "i-6", lifecycleState: "Pending:Proceed", healthStatus: "Healthy" },
        { instanceId: "i-7", lifecycleState: "Terminating:Wait", healthStatus: "Healthy" },
        { instanceId: "i-8", lifecycleState: "Standby", healthStatus: "Healthy" },
      ],
      desired: 6,
    });
    w.targets.force(TG, "i-3", "unhealthy");
    w.fleet.activities.set(GROUP, [
      {
        activityId: "a-1",
        statusCode: "Successful",
        description: "Launching a new EC2 instance: i-5",
        cause:
          "At 2026-01-15T11:58:00Z a user request explicitly set group desired capacity changing the desired capacity from 4 to 6.",
        startTime: NOW - 120_000,
      },
    ]);

    const r = await w.invoke({ action: "status", cluster: "prod" });

    expect(r).toMatchObject({
      ok: true,
      action: "status",
      cluster: "prod",
      groupName: GROUP,
      desired: 6,
      min: 2,
      max: 10,
      bounds: { floor: 2, ceiling: 8, controlPlaneMax: 8 },
      nodes: {
        launching: ["i-5", "i-6"],
        waitingForControlPlane: ["i-4"],
        inService: ["i-1", "i-2", "i-3"],
        draining: ["i-7"],
        other: ["i-8 (Standby)"],
      },
      targets: [{ targetGroupArn: TG, counts: { healthy: 2, unhealthy: 1 } }],
      paused: { paused: false },
      breaker: { open: false },
      recentActivities: [{ at: NOW - 120_000, status: "Successful", cause: expect.stringContaining("from 4 to 6") }],
      signals: [{ id: "cpu", unit: "%", target: 70, latest: 50, at: NOW - 60_000 }],
      decisionNow: { currentDesired: 6, summary: expect.any(String) },
    });
    expect(w.mutations()).toEqual([]);
  });

  it("shows who paused the cluster and why, and an open breaker", async () => {
    const w = operatorWorld({
      cpu: 50,
      tags: {
        [PAUSE_TAG]: encodePause({ by: "bob", reason: "game day", since: NOW - 600_000 }),
        [BREAKER_TAG]: encodeBreaker({
          open: true,
          abandons: [NOW - 60_000],
          openedAt: NOW - 60_000,
          lastReason: "etcd",
        }),
      },
    });

    const r = await w.invoke({ action: "status", cluster: "prod" });

    expect(r).toMatchObject({
      paused: { paused: true, by: "bob", reason: "game day", since: NOW - 600_000 },
      breaker: { open: true, openedAt: NOW - 60_000, lastReason: "etcd" },
      decisionNow: { action: "hold", guardrails: [expect.objectContaining({ name: "paused" })] },
    });
  });

  it("still answers when CloudWatch fails, saying why there is no decision", async () => {
    const w = operatorWorld({ cpu: 50 });
    w.metrics.failNext(new Error("Throttling: Rate exceeded"));

    const r = await w.invoke({ action: "status", cluster: "prod" });

    expect(r).toMatchObject({
      ok: true,
      desired: 4,
      decisionNow: null,
      signals: [],
      decisionError: "Throttling: Rate exceeded",
    });
  });

  it("still answers when a target group cannot be read", async () => {
    const w = operatorWorld({ cpu: 50 });
    w.targets.failNext("health", new Error("TargetGroupNotFound"));

    const r = await w.invoke({ action: "status", cluster: "prod" });

    expect(r).toMatchObject({ ok: true, targets: [{ targetGroupArn: TG, error: "TargetGroupNotFound" }] });
  });

  it("a missing group is group_not_found", async () => {
    const w = operatorWorld();
    w.fleet.groups.clear();
    expect(await w.invoke({ action: "status", cluster: "prod" })).toMatchObject({
      ok: false,
      error: { code: "group_not_found", message: expect.stringContaining('"dp-prod-asg" not found') },
    });
  });
});

describe("operator explain", () => {
  it("answers the decision the scaler would take now, in data and in words, and does nothing", async () => {
    const w = operatorWorld({
      cpu: 95,
      desired: 3,
      instances: [
        { instanceId: "i-1", lifecycleState: "InService", healthStatus: "Healthy" },
        { instanceId: "i-2", lifecycleState: "InService", healthStatus: "Healthy" },
        { instanceId: "i-3", lifecycleState: "InService", healthStatus: "Healthy" },
      ],
    });

    const r = await w.invoke({ action: "explain", cluster: "prod", reason: "why so slow?" });

    expect(r).toMatchObject({ ok: true, action: "explain", decision: { action: "scale-out", currentDesired: 3 } });
    if (r.ok && r.action === "explain") {
      expect(r.decision.desired).toBeGreaterThan(3);
      expect(r.text).toContain("prod: scale-out 3 →");
      expect(r.text).toContain("cpu");
    }
    expect(w.mutations()).toEqual([]);
    expect(w.notifier.events).toEqual([]);
  });

  it("holds on missing data, and says so", async () => {
    const w = operatorWorld();
    const r = await w.invoke({ action: "explain", cluster: "prod" });
    expect(r).toMatchObject({
      ok: true,
      decision: { action: "hold", guardrails: [expect.objectContaining({ name: "missing-data" })] },
    });
  });
});

describe("operator pause and resume", () => {
  it("pause tags the group with who, why and since, and announces it", async () => {
    const w = operatorWorld();

    const r = await w.invoke({ action: "pause", cluster: "prod", reason: "game day", requestedBy: "bob" });

    expect(r).toMatchObject({
      ok: true,
      action: "pause",
      changed: true,
      paused: { paused: true, by: "bob", reason: "game day", since: NOW },
    });
    expect(w.mutations()).toMatchObject([{ op: "putTags", detail: { [PAUSE_TAG]: expect.any(String) } }]);
    expect(w.notifier.events).toMatchObject([
      { kind: "manual-action", action: "pause", by: "bob", reason: "game day" },
    ]);
    expect(await w.invoke({ action: "status", cluster: "prod" })).toMatchObject({
      paused: { paused: true, by: "bob" },
    });
  });

  it("pausing a paused cluster keeps the first pause and announces nothing", async () => {
    const w = operatorWorld({ tags: { [PAUSE_TAG]: encodePause({ by: "bob", reason: "first", since: NOW - 1000 }) } });

    const r = await w.invoke({ action: "pause", cluster: "prod", reason: "second", requestedBy: "carol" });

    expect(r).toMatchObject({ ok: true, changed: false, paused: { by: "bob", reason: "first" } });
    expect(w.mutations()).toEqual([]);
    expect(w.notifier.events).toEqual([]);
  });

  it("resume removes the tag and announces it; the scaler decides again", async () => {
    const w = operatorWorld({
      cpu: 50,
      tags: { [PAUSE_TAG]: encodePause({ by: "bob", reason: "game day", since: NOW - 1000 }) },
    });

    const r = await w.invoke({ action: "resume", cluster: "prod", reason: "game day over", requestedBy: "bob" });

    expect(r).toMatchObject({ ok: true, action: "resume", changed: true, paused: { paused: false } });
    expect(w.mutations()).toMatchObject([{ op: "deleteTags", detail: [PAUSE_TAG] }]);
    expect(w.notifier.events).toMatchObject([{ kind: "manual-action", action: "resume", reason: "game day over" }]);
    const status = await w.invoke({ action: "status", cluster: "prod" });
    expect(status).toMatchObject({ paused: { paused: false } });
  });

  it("resuming a cluster that is not paused changes nothing", async () => {
    const w = operatorWorld();
    expect(await w.invoke({ action: "resume", cluster: "prod", reason: "just in case" })).toMatchObject({
      ok: true,
      changed: false,
    });
    expect(w.mutations()).toEqual([]);
    expect(w.notifier.events).toEqual([]);
  });
});
