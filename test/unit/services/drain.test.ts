/** The drain handler over in-memory AWS doubles on a virtual clock. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDrainHandler } from "../../../shared/services/drain/create-handler.ts";
import { ASG, LifecycleWorld, TG_ALB, TG_NLB, type WorldOptions } from "../../../test-kit/fake-fleet-world.ts";

const ID = "i-0a1b2c3d4e5f60719";

function setup(options: WorldOptions = {}) {
  const world = new LifecycleWorld(options);
  const handler = createDrainHandler(world.deps);
  return { world, handler, invoke: (event: unknown) => handler(event, world.context()) };
}

describe("drain", () => {
  it("deregisters from every target group, waits for draining to end, then CONTINUEs", async () => {
    const { world, invoke } = setup({ targets: { drainForMs: 40_000 } });
    const event = await world.terminate(ID);
    const start = world.clock.now();
    const result = await invoke(event);
    expect(
      world.targets.calls
        .filter((c) => c.op === "deregister")
        .map((c) => c.targetGroupArn)
        .sort(),
    ).toEqual([TG_ALB, TG_NLB].sort());
    const completion = world.fleet.completions("CONTINUE")[0]!;
    expect(completion.result).toBe("completed");
    expect(completion.at - start).toBe(40_000);
    expect(world.targets.stateOf(TG_ALB, ID)).toBe("unused");
    expect(result.outcomes[0]).toMatchObject({ status: "continued", detail: "drained" });
    expect(world.notificationsOf("node-drained")).toEqual([
      expect.objectContaining({ instanceId: ID, secondsDraining: 40 }),
    ]);
    expect(world.fleet.lifecycleStateOf(ASG, ID)).toBe("Terminating:Proceed");
  });

  it("stops waiting at drain.maxWaitSeconds when that is shorter than the deregistration delay", async () => {
    const { world, invoke } = setup({
      cluster: { drain: { maxWaitSeconds: 120 } },
      targets: { deregistrationDelaySeconds: { [TG_ALB]: 300, [TG_NLB]: 600 }, drainForMs: 3_600_000 },
    });
    const event = await world.terminate(ID);
    const start = world.clock.now();
    const result = await invoke(event);
    expect(world.fleet.completions("CONTINUE")[0]!.at - start).toBe(120_000);
    expect(result.outcomes[0]).toMatchObject({ status: "continued", detail: "still draining after 120 s; continuing" });
  });

  it("stops waiting at the longest deregistration delay of the cluster's groups", async () => {
    const { world, invoke } = setup({
      cluster: { drain: { maxWaitSeconds: 3600 } },
      targets: { deregistrationDelaySeconds: { [TG_ALB]: 30, [TG_NLB]: 90 }, drainForMs: 3_600_000 },
    });
    const event = await world.terminate(ID);
    const start = world.clock.now();
    await invoke(event);
    expect(world.fleet.completions("CONTINUE")[0]!.at - start).toBe(90_000);
  });

  it("heartbeats a long drain and hands it over before Lambda's time ends", async () => {
    const { world, handler } = setup({
      hookTimeoutSeconds: 120,
      cluster: { drain: { maxWaitSeconds: 1800 } },
      targets: { deregistrationDelaySeconds: { [TG_ALB]: 1800, [TG_NLB]: 1800 }, drainForMs: 1_500_000 },
    });
    const expired: string[] = [];
    world.clock.onAdvance(() => world.fleet.expireHooks((a) => expired.push(a.instanceId)));
    const event = await world.terminate(ID);
    const start = world.clock.now();

    const first = await handler(event, world.context());
    expect(first.outcomes[0]).toMatchObject({ status: "handed-over" });
    const [handover] = world.takeHandovers();
    expect(handover?.fn).toBe("drain");
    expect((handover!.payload as { state: { deregisteredAt: number } }).state.deregisteredAt).toBe(start);

    const second = await handler(handover!.payload, world.context());
    expect(second.outcomes[0]).toMatchObject({ status: "continued", detail: "drained" });
    expect(expired).toEqual([]);
    expect(world.fleet.heartbeats().length).toBeGreaterThanOrEqual(1_500_000 / 60_000 - 1);
    expect(world.notificationsOf("node-drained")).toEqual([expect.objectContaining({ secondsDraining: 1500 })]);
  });

  it("a duplicate after completion deregisters again (harmless) and reports already done", async () => {
    const { world, invoke } = setup({ targets: { drainForMs: 10_000 } });
    const event = await world.terminate(ID);
    await invoke(event);
    const again = await invoke(event);
    expect(again.outcomes[0]).toMatchObject({ status: "already-done" });
    expect(world.fleet.completions()).toHaveLength(1);
    expect(world.notificationsOf("node-drained")).toHaveLength(1);
  });

  it("an action that ended meanwhile (hook timeout) counts as done without a notification", async () => {
    const { world, invoke } = setup({ targets: { drainForMs: 60_000 } });
    const event = await world.terminate(ID);
    world.clock.at(world.clock.now() + 30_000, () => {
      world.fleet.pending.delete(ID);
    });
    const result = await invoke(event);
    expect(result.outcomes[0]).toMatchObject({ status: "already-done", detail: "lifecycle action already completed" });
    expect(world.fleet.completions("CONTINUE")).toEqual([expect.objectContaining({ result: "not-found" })]);
    expect(world.notificationsOf("node-drained")).toEqual([]);
  });

  it("handles the SQS form", async () => {
    const { world, invoke } = setup({ targets: { drainForMs: 0 } });
    await world.terminate(ID, { token: "11112222-3333-4444-5555-666677778888" });
    const event = JSON.parse(
      readFileSync(join(import.meta.dirname, "../../fixtures/events/lifecycle-sqs-terminate.json"), "utf8"),
    );
    const result = await invoke(event);
    expect(result.batchItemFailures).toEqual([]);
    expect(result.outcomes[0]).toMatchObject({ status: "continued", instanceId: ID });
  });

  it("handles the SNS form", async () => {
    const { world, invoke } = setup({ targets: { drainForMs: 0 } });
    await world.terminate(ID, { token: "11112222-3333-4444-5555-666677778888" });
    const event = JSON.parse(
      readFileSync(join(import.meta.dirname, "../../fixtures/events/lifecycle-sns-terminate.json"), "utf8"),
    );
    const result = await invoke(event);
    expect(result.outcomes[0]).toMatchObject({ status: "continued", instanceId: ID });
  });

  it("ignores a launch action sent to the drain function", async () => {
    const { world, invoke } = setup();
    const result = await invoke(world.launch("i-0a1b2c3d4e5f60718"));
    expect(result.outcomes[0]).toMatchObject({ status: "ignored" });
    expect(world.targets.calls).toEqual([]);
  });
});
