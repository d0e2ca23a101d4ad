/** Lost lifecycle events: the scaler's tick sweeps waiting instances; a sweep is one short pass of launch or drain. */
import { describe, expect, it } from "vitest";
import { BREAKER_TAG } from "../../../shared/domain/tags.ts";
import { createDrainHandler } from "../../../shared/services/drain/create-handler.ts";
import { createLaunchHandler } from "../../../shared/services/launch/create-handler.ts";
import { LOST_EVENT_GRACE_MS, sweepLifecycle } from "../../../shared/services/lifecycle/sweep.ts";
import {
  ASG,
  DP_MANAGER_DOWN,
  LAUNCH_HOOK,
  LifecycleWorld,
  OK_API7,
  REFUSED,
  TERMINATE_HOOK,
  TG_ALB,
} from "../../../test-kit/fake-fleet-world.ts";

const ID = "i-0a1b2c3d4e5f60718";

async function tick(world: LifecycleWorld) {
  const group = (await world.fleet.describeGroup(ASG))!;
  await sweepLifecycle(world.deps, world.cluster, group);
}

function lostLaunch(world: LifecycleWorld, instanceId = ID) {
  world.launch(instanceId); // the event is dropped: nobody invokes the handler with it
  world.fleet.activities.set(ASG, [
    {
      activityId: "a1",
      statusCode: "InProgress",
      description: `Launching a new EC2 instance: ${instanceId}`,
      cause: "At 2026-01-15T12:00:00Z a user request update of AutoScalingGroup constraints…",
      startTime: world.clock.now() - 5_000,
    },
  ]);
}

describe("sweepLifecycle", () => {
  it("costs no API call when nothing waits", async () => {
    const world = new LifecycleWorld();
    world.fleet.setLifecycleState(ASG, ID, "InService");
    await tick(world);
    expect(world.fleet.calls.filter((c) => c.op !== "describeGroup")).toEqual([]);
    expect(world.handovers).toEqual([]);
  });

  it("leaves a fresh wait to its event-driven poller", async () => {
    const world = new LifecycleWorld();
    lostLaunch(world);
    await world.clock.advance(LOST_EVENT_GRACE_MS - 10_000);
    await tick(world);
    expect(world.handovers).toEqual([]);
  });

  it("sweeps a launch waiting past the grace period, counting from the scaling activity's start", async () => {
    const world = new LifecycleWorld();
    const activityStart = world.clock.now() - 5_000;
    lostLaunch(world);
    await world.clock.advance(LOST_EVENT_GRACE_MS);
    await tick(world);
    expect(world.handovers).toEqual([
      {
        fn: "launch",
        at: world.clock.now(),
        payload: expect.objectContaining({
          function: "launch",
          state: expect.objectContaining({
            sweep: true,
            action: {
              transition: "launching",
              groupName: ASG,
              hookName: LAUNCH_HOOK,
              instanceId: ID,
              startedAt: activityStart,
            },
          }),
        }),
      },
    ]);
  });

  it("falls back to the instance's launch time, and sweeps a terminating instance to drain", async () => {
    const world = new LifecycleWorld();
    world.launch(ID);
    await world.terminate("i-0a1b2c3d4e5f60719");
    await world.clock.advance(LOST_EVENT_GRACE_MS);
    await tick(world);
    expect(
      world.handovers.map((h) => [
        h.fn,
        (h.payload as { state: { action: { hookName: string } } }).state.action.hookName,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ["launch", LAUNCH_HOOK],
        ["drain", TERMINATE_HOOK],
      ]),
    );
  });

  it("does not sweep when it cannot tell which of several hooks is ours", async () => {
    const world = new LifecycleWorld();
    world.fleet.hooks.get(ASG)!.push({
      name: "config-management-hook",
      transition: "launching",
      heartbeatTimeoutSeconds: 600,
      defaultResult: "CONTINUE",
    });
    lostLaunch(world);
    await world.clock.advance(LOST_EVENT_GRACE_MS);
    await tick(world);
    expect(world.handovers).toEqual([]);
    expect(world.log.text()).toContain("cannot identify");
  });

  it("never throws into the scaler's tick", async () => {
    const world = new LifecycleWorld();
    lostLaunch(world);
    world.fleet.failNext("describeHooks", new Error("Throttling"));
    await expect(tick(world)).resolves.toBeUndefined();
  });
});

describe("sweeps end the lost actions without piling up pollers", () => {
  it("a swept launch registers and CONTINUEs a ready node, by instance id (no token), in one short pass", async () => {
    const world = new LifecycleWorld();
    const launch = createLaunchHandler(world.deps);
    lostLaunch(world);
    world.answer = () => OK_API7;
    await world.clock.advance(LOST_EVENT_GRACE_MS);
    await tick(world);
    const [sweep] = world.takeHandovers();
    const result = await launch(sweep!.payload, world.context());
    expect(result.outcomes[0]).toMatchObject({ status: "continued" });
    expect(world.targets.isRegistered(TG_ALB, ID)).toBe(true);
    expect(world.fleet.lifecycleStateOf(ASG, ID)).toBe("InService");
    expect(world.clock.sleeps).toEqual([]);
  });

  it("a swept launch that is not ready leaves at once, heartbeats when due, and ABANDONs past the deadline", async () => {
    const world = new LifecycleWorld({ hookTimeoutSeconds: 240, cluster: { readiness: { deadlineSeconds: 300 } } });
    const launch = createLaunchHandler(world.deps);
    lostLaunch(world);
    world.answer = () => REFUSED;
    const outcomes: string[] = [];
    for (let minute = 0; minute < 6; minute++) {
      await world.clock.advance(60_000);
      world.fleet.expireHooks();
      await tick(world);
      for (const h of world.takeHandovers())
        outcomes.push(...(await launch(h.payload, world.context())).outcomes.map((o) => o.status));
    }
    // Ticks at 65 s (within the grace period), 125, 185, 245 s: waiting; at 305 s the 300 s deadline has passed.
    expect(outcomes).toEqual(["waiting", "waiting", "waiting", "abandoned"]);
    expect(world.clock.sleeps).toEqual([]);
    expect(world.fleet.heartbeats().length).toBeGreaterThan(0);
    expect(world.fleet.completions("ABANDON")).toEqual([expect.objectContaining({ result: "completed" })]);
  });

  it("a swept launch past the deadline asks an in-service peer too: a CP outage at boot counts for the breaker", async () => {
    const world = new LifecycleWorld({
      cluster: { readiness: { deadlineSeconds: 180 }, controlPlane: { breaker: { abandonsToOpen: 1 } } },
    });
    const launch = createLaunchHandler(world.deps);
    world.inService("i-00000000000000aa1", { privateIp: "10.0.2.7" });
    lostLaunch(world);
    // The new node exited (CP unreachable at boot) and refuses; the serving peer reports the CP gone.
    world.answer = (url) => (url.includes("//10.0.2.7:") ? DP_MANAGER_DOWN : REFUSED);
    const outcomes: { status: string; reason?: string }[] = [];
    for (let minute = 0; minute < 3; minute++) {
      await world.clock.advance(60_000);
      await tick(world);
      for (const h of world.takeHandovers()) outcomes.push(...(await launch(h.payload, world.context())).outcomes);
    }
    // Ticks at 65 s (within the grace period), 125 s (waiting), 185 s (past the 180 s deadline).
    expect(outcomes.map((o) => o.status)).toEqual(["waiting", "abandoned"]);
    expect(outcomes[1]!.reason).toContain("peer i-00000000000000aa1 reports the control plane unreachable");
    expect(world.notificationsOf("breaker-opened")).toHaveLength(1);
    expect(world.fleet.groups.get(ASG)!.tags[BREAKER_TAG]).toContain('"o":1');
  });

  it("a swept drain deregisters and CONTINUEs once draining is over", async () => {
    const world = new LifecycleWorld({ targets: { drainForMs: 100_000 } });
    const drain = createDrainHandler(world.deps);
    await world.terminate("i-0a1b2c3d4e5f60719");
    const outcomes: string[] = [];
    for (let minute = 0; minute < 4; minute++) {
      await world.clock.advance(60_000);
      await tick(world);
      for (const h of world.takeHandovers())
        outcomes.push(...(await drain(h.payload, world.context())).outcomes.map((o) => o.status));
    }
    // No activity tells when the wait began: swept at once. Deregistered at 60 s, draining for 100 s.
    expect(outcomes).toEqual(["waiting", "waiting", "continued"]);
    expect(world.fleet.lifecycleStateOf(ASG, "i-0a1b2c3d4e5f60719")).toBe("Terminating:Proceed");
  });
});
