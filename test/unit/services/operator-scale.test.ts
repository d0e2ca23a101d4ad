import { describe, expect, it } from "vitest";
import { BREAKER_TAG, encodeBreaker, encodePause, PAUSE_TAG } from "../../../shared/domain/tags.ts";
import { NOW, operatorWorld, REQUEST_ID } from "../../fixtures/operator/world.ts";

const scale = (extra: Record<string, unknown> = {}) => ({
  action: "scale",
  cluster: "prod",
  desired: 6,
  reason: "launch day",
  requestedBy: "alice",
  ...extra,
});
const openBreaker = {
  [BREAKER_TAG]: encodeBreaker({
    open: true,
    abandons: [NOW - 120_000, NOW - 60_000, NOW - 30_000],
    openedAt: NOW - 30_000,
    lastReason: "none of the configured dp_manager available",
  }),
};

describe("operator scale", () => {
  it("sets the absolute desired capacity, announces who and why, and answers what changed", async () => {
    const w = operatorWorld();

    const r = await w.invoke(scale());

    expect(r).toMatchObject({
      ok: true,
      action: "scale",
      fromDesired: 4,
      toDesired: 6,
      changed: true,
      dryRun: false,
      forced: false,
      requestId: REQUEST_ID,
    });
    expect(w.mutations()).toMatchObject([{ op: "setDesired", detail: 6 }]);
    expect(w.notifier.events).toEqual([
      {
        kind: "manual-action",
        cluster: "prod",
        at: NOW,
        requestId: REQUEST_ID,
        action: "scale",
        by: "alice",
        reason: "launch day",
        fromDesired: 4,
        toDesired: 6,
        forced: false,
      },
    ]);
    expect(w.log.records().find((l) => l.message === "operator request")).toMatchObject({
      action: "scale",
      cluster: "prod",
      reason: "launch day",
      requestedBy: "alice",
      desired: 6,
      ok: true,
      changed: true,
    });
    expect(w.publisher.values("prod", "OperatorRequests")).toEqual([1]);
  });

  it("warns that the scaler may move the size when the cluster is not paused, not when it is", async () => {
    const unpaused = await operatorWorld().invoke(scale());
    const paused = await operatorWorld({
      tags: { [PAUSE_TAG]: encodePause({ by: "bob", reason: "hold", since: NOW }) },
    }).invoke(scale());

    expect(unpaused.ok && "warnings" in unpaused && unpaused.warnings.join()).toContain("not paused");
    expect(paused).toMatchObject({ ok: true, warnings: [] });
  });

  describe("compare-and-set", () => {
    it("refuses when expectDesired is not the current desired capacity", async () => {
      const w = operatorWorld({ desired: 5 });

      const r = await w.invoke(scale({ expectDesired: 4 }));

      expect(r).toMatchObject({
        ok: false,
        error: { code: "conflict", field: "expectDesired", details: { currentDesired: 5, expectDesired: 4 } },
      });
      expect(w.mutations()).toEqual([]);
      expect(w.notifier.events).toEqual([]);
    });

    it("goes ahead when it matches", async () => {
      const w = operatorWorld({ desired: 4 });
      expect(await w.invoke(scale({ expectDesired: 4 }))).toMatchObject({ ok: true, changed: true });
      expect(w.mutations()).toHaveLength(1);
    });

    it("a second request built on the same status loses", async () => {
      const w = operatorWorld({ desired: 4 });

      const first = await w.invoke(scale({ desired: 6, expectDesired: 4 }));
      const second = await w.invoke(scale({ desired: 5, expectDesired: 4, requestedBy: "bob" }));

      expect(first.ok).toBe(true);
      expect(second).toMatchObject({ ok: false, error: { code: "conflict", details: { currentDesired: 6 } } });
      expect(w.fleet.groups.get("dp-prod-asg")!.desired).toBe(6);
    });
  });

  describe("bounds", () => {
    it.each([
      ["below minNodes", { desired: 1 }, {}, "floor: minNodes 2"],
      ["above the control plane's capacity", { desired: 9 }, {}, "ceiling: the control plane's capacity 8"],
      ["above the group's own max", { desired: 6 }, { max: 5 }, "ceiling: the Auto Scaling group's max 5"],
      ["below the group's own min", { desired: 2 }, { min: 3 }, "floor: the Auto Scaling group's min 3"],
    ])("refuses %s", async (_name, request, world, text) => {
      const w = operatorWorld(world);

      const r = await w.invoke(scale(request));

      expect(r).toMatchObject({ ok: false, error: { code: "out_of_bounds", field: "desired" } });
      if (!r.ok) expect(r.error.message).toContain(text);
      expect(w.mutations()).toEqual([]);
    });

    it.each([2, 8])("accepts the edge %i", async (desired) => {
      const w = operatorWorld();
      expect(await w.invoke(scale({ desired }))).toMatchObject({ ok: true, changed: true, toDesired: desired });
    });

    it("without a CP limit the ceiling is maxNodes", async () => {
      const w = operatorWorld({
        config: {
          clusters: [
            {
              name: "prod",
              autoScalingGroupName: "dp-prod-asg",
              targetGroupArns: [
                "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dp-prod/0123456789abcdef",
              ],
            },
          ],
        },
      });
      const r = await w.invoke(scale({ desired: 11 }));
      expect(r).toMatchObject({ ok: false, error: { details: { ceiling: 10 } } });
      if (!r.ok) expect(r.error.message).toContain("ceiling: maxNodes 10");
    });
  });

  describe("control-plane-outage breaker", () => {
    it("refuses while the breaker is open, saying why and how to override", async () => {
      const w = operatorWorld({ tags: openBreaker });

      const r = await w.invoke(scale());

      expect(r).toMatchObject({ ok: false, error: { code: "breaker_open", field: "force", details: { abandons: 3 } } });
      if (!r.ok) expect(r.error.message).toMatch(/dp_manager available.*force: true/);
      expect(w.mutations()).toEqual([]);
      expect(w.notifier.events).toEqual([]);
    });

    it("refuses scale-in too: the breaker freezes both directions", async () => {
      const w = operatorWorld({ tags: openBreaker });
      expect(await w.invoke(scale({ desired: 3 }))).toMatchObject({ ok: false, error: { code: "breaker_open" } });
    });

    it("force: true scales anyway, logged as a warning, announced as forced, counted", async () => {
      const w = operatorWorld({ tags: openBreaker });

      const r = await w.invoke(scale({ force: true, reason: "CP is back, breaker is stale" }));

      expect(r).toMatchObject({ ok: true, changed: true, forced: true });
      expect(w.mutations()).toMatchObject([{ op: "setDesired", detail: 6 }]);
      expect(w.notifier.events[0]).toMatchObject({ kind: "manual-action", forced: true, by: "alice" });
      expect(w.log.records().some((l) => l.level === "WARN" && String(l.message).includes("forced"))).toBe(true);
      expect(w.publisher.values("prod", "OperatorForcedScales")).toEqual([1]);
    });

    it("force on a closed breaker is not a forced action", async () => {
      const w = operatorWorld();
      expect(await w.invoke(scale({ force: true }))).toMatchObject({ ok: true, forced: false });
    });
  });

  describe("dry run", () => {
    it("answers what would happen and changes nothing", async () => {
      const w = operatorWorld();

      const r = await w.invoke(scale({ dryRun: true }));

      expect(r).toMatchObject({ ok: true, dryRun: true, changed: false, fromDesired: 4, toDesired: 6 });
      expect(w.mutations()).toEqual([]);
      expect(w.notifier.events).toEqual([]);
      expect(w.fleet.groups.get("dp-prod-asg")!.desired).toBe(4);
    });

    it("gives the same refusals as the real thing", async () => {
      const w = operatorWorld({ tags: openBreaker });
      expect(await w.invoke(scale({ dryRun: true }))).toMatchObject({ ok: false, error: { code: "breaker_open" } });
      expect(await w.invoke(scale({ dryRun: true, desired: 20, force: true }))).toMatchObject({
        ok: false,
        error: { code: "out_of_bounds" },
      });
      expect(w.mutations()).toEqual([]);
    });
  });

  it("setting the size it already has changes nothing and announces nothing", async () => {
    const w = operatorWorld({ desired: 6 });
    expect(await w.invoke(scale())).toMatchObject({ ok: true, changed: false });
    expect(w.mutations()).toEqual([]);
    expect(w.notifier.events).toEqual([]);
  });

  it("an AWS failure is an internal_error with its message, logged, and nothing announced", async () => {
    const w = operatorWorld();
    w.fleet.failNext(
      "setDesired",
      Object.assign(new Error("Scaling activity in progress"), { name: "ScalingActivityInProgress" }),
    );

    const r = await w.invoke(scale());

    expect(r).toMatchObject({
      ok: false,
      error: { code: "internal_error", message: expect.stringContaining("ScalingActivityInProgress") },
    });
    expect(w.notifier.events).toEqual([]);
    expect(w.log.records().some((l) => l.message === "operator request failed")).toBe(true);
  });

  it("a group that does not exist is group_not_found", async () => {
    const w = operatorWorld();
    w.fleet.groups.clear();
    expect(await w.invoke(scale())).toMatchObject({ ok: false, error: { code: "group_not_found" } });
  });
});
