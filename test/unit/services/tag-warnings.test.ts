/**
 * Issue 12, item 5: a hand-edited pause or breaker tag the autoscaler does not recognise is read as documented and
 * said once: one warning line per scaler run, and a warning in `ctl status`.
 */
import { describe, expect, it } from "vitest";
import { BREAKER_TAG, PAUSE_TAG } from "../../../shared/domain/tags.ts";
import { handleOperatorRequest } from "../../../shared/services/operator/handle-request.ts";
import { createScalerHandler } from "../../../shared/services/scaler/create-handler.ts";
import { ASG, LifecycleWorld } from "../../../test-kit/fake-fleet-world.ts";
import { fakeLambdaContext } from "../../../test-kit/fake-lambda-context.ts";
import { FakePublisher } from "../../../test-kit/fake-metrics.ts";

function world(tags: Record<string, string>) {
  const w = new LifecycleWorld();
  const group = w.fleet.groups.get(ASG)!;
  group.tags = tags;
  group.instances = [0, 1].map((i) => ({
    instanceId: `i-0000000${i}`,
    lifecycleState: "InService",
    healthStatus: "Healthy" as const,
  }));
  return { w, deps: { ...w.deps, publisher: new FakePublisher() } };
}

const warnings = (w: LifecycleWorld) =>
  w.log
    .records()
    .filter((r) => r.level === "WARN")
    .map((r) => String(r.message));

describe("unrecognised state tags", () => {
  it("a pause tag of 'pasued': the scaler holds (paused) and says so in one warning line per run", async () => {
    const { w, deps } = world({ [PAUSE_TAG]: "pasued" });
    const result = await createScalerHandler(deps, { sweepLifecycle: false })(
      { reconcile: "all" },
      fakeLambdaContext(),
    );
    const tagLines = warnings(w).filter((m) => m.includes(PAUSE_TAG));
    expect(tagLines).toHaveLength(1);
    expect(tagLines[0]).toMatch(/edge: tag dp-autoscaler:paused = "pasued" is not a value .*read as PAUSED/);
    expect(result.decisions[0]!.guardrails!.map((g) => g.name)).toContain("paused");
  });

  it("a pause tag of 'false' is not a pause: the scaler decides, and nothing is warned", async () => {
    const { w, deps } = world({ [PAUSE_TAG]: "false" });
    const result = await createScalerHandler(deps, { sweepLifecycle: false })(
      { reconcile: "all" },
      fakeLambdaContext(),
    );
    expect(result.decisions[0]!.guardrails!.map((g) => g.name)).not.toContain("paused");
    expect(warnings(w).filter((m) => m.includes(PAUSE_TAG))).toEqual([]);
  });

  it("ctl status shows how a breaker tag it does not recognise was read", async () => {
    const { deps } = world({ [BREAKER_TAG]: "open please" });
    const r = await handleOperatorRequest(deps, { action: "status", cluster: "edge" });
    expect(r).toMatchObject({ ok: true, breaker: { open: false } });
    expect((r as { tagWarnings?: string[] }).tagWarnings).toEqual([
      expect.stringMatching(/^tag dp-autoscaler:cp-breaker = "open please" .*read as CLOSED/),
    ]);
  });
});
