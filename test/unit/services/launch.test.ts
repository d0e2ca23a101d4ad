/**
 * The launch handler end to end over in-memory AWS doubles, a scripted probe and a virtual clock whose sleeps advance
 * time: every event form, every outcome, duplicates and retries.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { abandonRecords } from "../../../shared/domain/breaker-records.ts";
import { BREAKER_TAG } from "../../../shared/domain/tags.ts";
import { createLaunchHandler } from "../../../shared/services/launch/create-handler.ts";
import {
  ASG,
  DP_MANAGER_DOWN,
  LAUNCH_HOOK,
  LifecycleWorld,
  OK_API7,
  REFUSED,
  TG_ALB,
  TG_NLB,
  type WorldOptions,
} from "../../../test-kit/fake-fleet-world.ts";

const ID = "i-0a1b2c3d4e5f60718";

function setup(options: WorldOptions = {}) {
  const world = new LifecycleWorld(options);
  const handler = createLaunchHandler(world.deps);
  const invoke = (event: unknown) => handler(event, world.context());
  return { world, handler, invoke };
}

/** Ready from `atMs` after the start on. */
function readyFrom(world: LifecycleWorld, afterMs: number, before = REFUSED) {
  const start = world.clock.now();
  world.answer = (_url, now) => (now - start >= afterMs ? OK_API7 : before);
}

describe("launch — a node that becomes ready", () => {
  it("polls until ready, registers in every target group, then CONTINUEs and reports the times", async () => {
    const { world, invoke } = setup();
    const event = world.launch(ID, { privateIp: "10.0.1.23" });
    readyFrom(world, 42_000);

    const result = await invoke(event);

    expect(result.outcomes).toEqual([expect.objectContaining({ status: "continued", instanceId: ID })]);
    expect(world.targets.registeredAnywhere(ID).sort()).toEqual([TG_ALB, TG_NLB].sort());
    expect(world.fleet.completions("CONTINUE")).toEqual([expect.objectContaining({ result: "completed" })]);
    expect(world.fleet.lifecycleStateOf(ASG, ID)).toBe("InService");
    // Polls every 5 s (the default) from the event on: ready is seen at 45 s.
    expect(world.probes.map((p) => p.url)).toContain("http://10.0.1.23:7085/status/ready");
    expect(world.notificationsOf("node-ready")).toEqual([
      expect.objectContaining({ instanceId: ID, secondsToReady: 45, secondsToRegistered: 45 }),
    ]);
  });

  it("never registers a node before it has answered ready", async () => {
    const { world, invoke } = setup();
    const event = world.launch(ID);
    readyFrom(world, 30_000);
    await invoke(event);
    const firstReady = world.probes.find((p) => p.at - world.probes[0]!.at >= 30_000)!.at;
    const registers = world.targets.calls.filter((c) => c.op === "register");
    expect(registers).toHaveLength(2);
    for (const r of registers) expect(r.at).toBeGreaterThanOrEqual(firstReady);
  });

  it("probes only the private IP EC2 reports, and refuses an instance of another group", async () => {
    const { world, invoke } = setup();
    const event = world.launch(ID, { privateIp: "10.0.9.9" });
    world.instances.instances.get(ID)!.groupName = "someone-elses-asg";
    const result = await invoke(event);
    expect(world.probes).toEqual([]);
    expect(result.outcomes[0]).toMatchObject({
      status: "abandoned",
      reason: "instance belongs to group someone-elses-asg, not dp-edge-asg: not probed",
    });
  });

  it("waits for healthy targets when asked, tolerating `unused` right after registering", async () => {
    const { world, invoke } = setup({
      cluster: { readiness: { waitForHealthy: true, healthyTimeoutSeconds: 120 } },
      targets: { unusedForMs: 10_000, initialForMs: 25_000 },
    });
    const event = world.launch(ID);
    readyFrom(world, 10_000);
    const result = await invoke(event);
    const registeredAt = world.targets.calls.find((c) => c.op === "register")!.at;
    const completedAt = world.fleet.completions("CONTINUE")[0]!.at;
    expect(completedAt - registeredAt).toBeGreaterThanOrEqual(35_000);
    expect(result.outcomes[0]).toMatchObject({ status: "continued", detail: "registered and healthy" });
  });

  it("continues after the healthy timeout rather than churning a node that answered ready", async () => {
    const { world, invoke } = setup({
      cluster: { readiness: { waitForHealthy: true, healthyTimeoutSeconds: 60 } },
    });
    const event = world.launch(ID);
    world.answer = () => OK_API7;
    world.targets.force(TG_NLB, ID, "unhealthy");
    const result = await invoke(event);
    expect(result.outcomes[0]).toMatchObject({ status: "continued" });
    expect((result.outcomes[0] as { detail: string }).detail).toMatch(/not healthy after 60 s .*dp-nlb.*=unhealthy/);
    const registeredAt = world.targets.calls.find((c) => c.op === "register")!.at;
    expect(world.fleet.completions("CONTINUE")[0]!.at - registeredAt).toBe(60_000);
  });

  it("does not register an instance entering the warm pool", async () => {
    const { world, invoke } = setup();
    const event = world.launch(ID);
    event.detail.Destination = "WarmPool";
    const result = await invoke(event);
    expect(result.outcomes[0]).toMatchObject({ status: "continued", detail: "entering the warm pool: not registered" });
    expect(world.probes).toEqual([]);
    expect(world.targets.calls).toEqual([]);
  });
});

describe("launch — a node that never becomes ready", () => {
  it("ABANDONs at the deadline with the last reason, without ever registering", async () => {
    const { world, invoke } = setup({ cluster: { readiness: { deadlineSeconds: 120 } } });
    const start = world.clock.now();
    const event = world.launch(ID);
    world.answer = () => ({
      kind: "response",
      status: 503,
      body: "Worker pid: 1234 is out of sync with etcd",
    });
    const result = await invoke(event);
    expect(world.targets.calls.filter((c) => c.op === "register")).toEqual([]);
    expect(world.fleet.completions("ABANDON")).toEqual([expect.objectContaining({ result: "completed" })]);
    expect(world.fleet.completions("ABANDON")[0]!.at - start).toBe(120_000);
    expect(result.outcomes[0]).toMatchObject({
      status: "abandoned",
      reason: "not ready after 120 s: HTTP 503: worker pid 1234 out of sync with etcd",
    });
    expect(world.notificationsOf("node-abandoned")).toEqual([
      expect.objectContaining({
        instanceId: ID,
        secondsWaited: 120,
        lastReason: "not ready after 120 s: HTTP 503: worker pid 1234 out of sync with etcd",
      }),
    ]);
  });

  it("heartbeats the hook before its timeout so the deadline, not the hook, decides", async () => {
    const { world, invoke } = setup({ hookTimeoutSeconds: 60, cluster: { readiness: { deadlineSeconds: 300 } } });
    const expired: string[] = [];
    world.clock.onAdvance(() => world.fleet.expireHooks((a) => expired.push(a.instanceId)));
    const event = world.launch(ID);
    const result = await invoke(event);
    expect(expired).toEqual([]);
    const beats = world.fleet.heartbeats();
    expect(beats.length).toBeGreaterThanOrEqual(300 / 30 - 1);
    expect(beats.every((b) => b.result === "recorded")).toBe(true);
    const starts = [world.fleet.completions()[0]!.at - 300_000, ...beats.map((b) => b.at)];
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeLessThan(60_000);
    expect(result.outcomes[0]).toMatchObject({ status: "abandoned" });
    expect(world.fleet.completions("ABANDON")[0]?.result).toBe("completed");
  });

  it("ABANDONs and notifies when the instance is terminated under it", async () => {
    const { world, invoke } = setup();
    const event = world.launch(ID);
    world.clock.at(world.clock.now() + 60_000, () => world.instances.setState(ID, "terminated"));
    const result = await invoke(event);
    expect(result.outcomes[0]).toMatchObject({ status: "abandoned", reason: "instance gone (terminated)" });
    expect(world.fleet.completions("ABANDON")[0]!.at - world.fleet.calls[0]!.at).toBeLessThanOrEqual(95_000);
    expect(world.notificationsOf("node-abandoned")).toHaveLength(1);
  });

  it("ABANDONs at once when EC2 no longer knows the instance", async () => {
    const { world, invoke } = setup();
    const event = world.launch(ID);
    world.instances.forget(ID);
    const result = await invoke(event);
    expect(result.outcomes[0]).toMatchObject({ status: "abandoned", reason: "instance gone (unknown to EC2)" });
    expect(world.probes).toEqual([]);
  });
});

describe("launch — Lambda's 900 s never end a wait", () => {
  it("hands the wait over with its state before the time runs out, and the continuation finishes it", async () => {
    const { world, handler } = setup({ cluster: { readiness: { deadlineSeconds: 1800 } } });
    const start = world.clock.now();
    const event = world.launch(ID);
    readyFrom(world, 1_200_000);

    const first = await handler(event, world.context());
    expect(first.outcomes[0]).toMatchObject({ status: "handed-over", handovers: 1 });
    expect(world.clock.now() - start).toBeLessThan(900_000);
    const [handover] = world.takeHandovers();
    expect(handover?.fn).toBe("launch");
    const state = (handover!.payload as { state: Record<string, unknown> }).state;
    expect(state).toMatchObject({
      action: { instanceId: ID, hookName: LAUNCH_HOOK, token: `token-${ID}`, startedAt: start },
      handovers: 1,
      lastReason: expect.stringMatching(/^connection refused/),
    });
    expect(state.attempts).toBeGreaterThan(100);

    const second = await handler(JSON.parse(JSON.stringify(handover!.payload)), world.context());
    expect(second.outcomes[0]).toMatchObject({ status: "continued" });
    expect(world.notificationsOf("node-ready")[0]).toMatchObject({ secondsToReady: 1200 });
  });

  it("fails loudly (for a retry) when the hand-over cannot be made", async () => {
    const { world, handler } = setup({ cluster: { readiness: { deadlineSeconds: 1800 } } });
    world.deps.continuation.continueLater = async () => {
      throw new Error("Lambda Invoke throttled");
    };
    const event = world.launch(ID);
    await expect(handler(event, world.context())).rejects.toThrow(/could not hand the launch wait/);
    expect(world.fleet.completions()).toEqual([]);
  });
});

describe("launch — idempotence", () => {
  it("a duplicate after completion re-checks state and does nothing", async () => {
    const { world, invoke } = setup();
    const event = world.launch(ID);
    world.answer = () => OK_API7;
    await invoke(event);
    const again = await invoke(event);
    expect(again.outcomes[0]).toMatchObject({ status: "already-done", detail: "instance is already InService" });
    expect(world.fleet.completions()).toHaveLength(1);
    expect(world.notificationsOf("node-ready")).toHaveLength(1);
  });

  it("a retry after a crash between RegisterTargets and CompleteLifecycleAction completes", async () => {
    const { world, invoke } = setup();
    const event = world.launch(ID);
    world.answer = () => OK_API7;
    world.fleet.failNext("complete", new Error("Lambda crashed"));
    await expect(invoke(event)).rejects.toThrow("Lambda crashed");
    expect(world.targets.registeredAnywhere(ID)).toHaveLength(2);

    const retry = await invoke(event);
    expect(retry.outcomes[0]).toMatchObject({ status: "continued" });
    expect(world.fleet.lifecycleStateOf(ASG, ID)).toBe("InService");
  });

  it("a retry after that crash deregisters before ABANDON when the node is no longer ready", async () => {
    const { world, invoke } = setup({ cluster: { readiness: { deadlineSeconds: 60 } } });
    const event = world.launch(ID);
    world.answer = () => OK_API7;
    world.fleet.failNext("complete", new Error("Lambda crashed"));
    await expect(invoke(event)).rejects.toThrow();
    world.answer = () => DP_MANAGER_DOWN;
    const retry = await invoke(event);
    expect(retry.outcomes[0]).toMatchObject({ status: "abandoned" });
    expect(world.targets.registeredAnywhere(ID)).toEqual([]);
    const deregisteredAt = Math.max(...world.targets.calls.filter((c) => c.op === "deregister").map((c) => c.at));
    expect(deregisteredAt).toBeLessThanOrEqual(world.fleet.completions("ABANDON")[0]!.at);
  });

  it("completing an action that no longer exists counts as done, and leaves no target behind", async () => {
    const { world, invoke } = setup({ hookTimeoutSeconds: 60 });
    const event = world.launch(ID);
    readyFrom(world, 30_000);
    // The hook times out (no heartbeat reaches it) just before the node is ready.
    world.deps.fleet.recordLifecycleActionHeartbeat = async () => "recorded";
    world.clock.at(world.clock.now() + 29_000, () => world.fleet.expireHooks());
    world.fleet.hooks.get(ASG)![0]!.heartbeatTimeoutSeconds = 29;
    const result = await invoke(event);
    // The lifecycle state is read again right before RegisterTargets: the node is terminating, so it is never
    // registered.
    expect(world.targets.calls.filter((c) => c.op === "register")).toEqual([]);
    expect(world.fleet.completions("CONTINUE")).toEqual([]);
    expect(result.outcomes[0]).toMatchObject({ status: "already-done" });
    expect(world.targets.registeredAnywhere(ID)).toEqual([]);
    expect(world.notificationsOf("node-ready")).toEqual([]);
  });
});

describe("launch — the control-plane-outage breaker", () => {
  const cpDown = { cluster: { readiness: { deadlineSeconds: 60 } } } satisfies WorldOptions;

  it("opens after N launches in a row abandoned for CP reasons, notifies once, and the next ready node closes it", async () => {
    const { world, invoke } = setup(cpDown);
    world.answer = () => DP_MANAGER_DOWN;
    const ids = ["i-00000000000000001", "i-00000000000000002", "i-00000000000000003", "i-00000000000000004"];
    for (const id of ids.slice(0, 2)) await invoke(world.launch(id));
    // One record per abandon (its own tag), no breaker yet.
    expect(abandonRecords(world.fleet.groups.get(ASG)!.tags).map((r) => r.instanceId)).toEqual(ids.slice(0, 2));
    expect(world.fleet.groups.get(ASG)!.tags[BREAKER_TAG]).toBeUndefined();
    expect(world.notificationsOf("breaker-opened")).toEqual([]);

    await invoke(world.launch(ids[2]!));
    expect(world.fleet.groups.get(ASG)!.tags[BREAKER_TAG]).toContain('"o":1');
    await invoke(world.launch(ids[3]!));
    expect(world.notificationsOf("breaker-opened")).toEqual([
      expect.objectContaining({
        abandons: 3,
        lastReason: "not ready after 60 s: HTTP 503: none of the configured dp_manager available: connection refused",
      }),
    ]);

    world.answer = () => OK_API7;
    await invoke(world.launch("i-00000000000000005"));
    expect(world.fleet.groups.get(ASG)!.tags[BREAKER_TAG]).toBeUndefined();
    expect(world.notificationsOf("breaker-closed")).toEqual([
      // 60 s of the 4th launch, plus the settle times of the opening (2 × 5 s) and of the closing claim (10 s).
      expect.objectContaining({ instanceId: "i-00000000000000005", openSeconds: 80 }),
    ]);
    await invoke(world.launch("i-00000000000000006"));
    expect(world.notificationsOf("breaker-closed")).toHaveLength(1);
  });

  it("a scale-out step of N nodes abandoned in the same millisecond by concurrent invocations opens it once", async () => {
    for (const n of [3, 4]) {
      const { world, handler } = setup({
        cluster: { readiness: { deadlineSeconds: 60 }, controlPlane: { breaker: { abandonsToOpen: n } } },
      });
      world.answer = () => DP_MANAGER_DOWN;
      const ids = Array.from({ length: n }, (_, i) => `i-0000000000000000${i + 1}`);
      // One step: every action starts at the same instant, so every deadline falls in the same millisecond.
      const events = ids.map((id) => world.launch(id));
      const results = await Promise.all(events.map((e) => handler(e, world.context())));
      expect(results.map((r) => r.outcomes[0]!.status)).toEqual(ids.map(() => "abandoned"));
      expect(abandonRecords(world.fleet.groups.get(ASG)!.tags)).toHaveLength(n);
      expect(world.fleet.groups.get(ASG)!.tags[BREAKER_TAG]).toContain('"o":1');
      expect(world.notificationsOf("breaker-opened")).toHaveLength(1);
    }
  });

  it("does not count abandons that are not the CP's fault, and says no peer could be asked", async () => {
    const { world, invoke } = setup({
      cluster: { readiness: { deadlineSeconds: 60 }, controlPlane: { breaker: { abandonsToOpen: 2 } } },
    });
    world.answer = () => REFUSED;
    await invoke(world.launch("i-00000000000000001"));
    const r = await invoke(world.launch("i-00000000000000002"));
    expect(world.fleet.groups.get(ASG)!.tags[BREAKER_TAG]).toBeUndefined();
    expect(world.notificationsOf("breaker-opened")).toEqual([]);
    expect(r.outcomes[0]).toMatchObject({
      reason:
        "not ready after 60 s: connection refused (connect ECONNREFUSED); no in-service peer to ask about the " +
        "control plane: not counted as a control-plane abandon",
    });
  });

  it("forgets CP abandons older than the window", async () => {
    const { world, invoke } = setup({
      cluster: {
        readiness: { deadlineSeconds: 60 },
        controlPlane: { breaker: { abandonsToOpen: 2, windowSeconds: 300 } },
      },
    });
    world.answer = () => DP_MANAGER_DOWN;
    await invoke(world.launch("i-00000000000000001"));
    await world.clock.advance(600_000);
    await invoke(world.launch("i-00000000000000002"));
    expect(world.notificationsOf("breaker-opened")).toEqual([]);
  });
});

describe("launch — a CP outage at boot, confirmed by an in-service peer", () => {
  // A DP that cannot reach its CP at boot exits: the new nodes' ports refuse connections, which blames no one. The
  // node already serving tells whether the CP is the problem.
  const PEER = "i-00000000000000aa1";
  const PEER_IP = "10.0.2.7";
  const atPeer = (url: string) => url.includes(`//${PEER_IP}:`);
  const ids = ["i-00000000000000001", "i-00000000000000002", "i-00000000000000003"];

  it("API7: a peer answering dp_manager unavailable makes refused abandons count; the breaker opens after N", async () => {
    const { world, invoke } = setup({ cluster: { readiness: { deadlineSeconds: 60 } } });
    world.inService(PEER, { privateIp: PEER_IP });
    world.answer = (url) => (atPeer(url) ? DP_MANAGER_DOWN : REFUSED);

    for (const id of ids.slice(0, 2)) await invoke(world.launch(id));
    expect(world.notificationsOf("breaker-opened")).toEqual([]);
    const third = await invoke(world.launch(ids[2]!));

    const reason =
      "not ready after 60 s: no answer from the node, connection refused (connect ECONNREFUSED); " +
      `peer ${PEER} reports the control plane unreachable: HTTP 503: none of the configured dp_manager available: ` +
      "connection refused";
    expect(third.outcomes[0]).toMatchObject({ status: "abandoned", reason });
    expect(world.notificationsOf("node-abandoned").map((n) => n.lastReason)).toEqual([reason, reason, reason]);
    expect(world.notificationsOf("breaker-opened")).toEqual([
      expect.objectContaining({ abandons: 3, lastReason: reason }),
    ]);
    expect(world.fleet.groups.get(ASG)!.tags[BREAKER_TAG]).toContain('"o":1');
    // One peer probe per abandon, made after the ABANDON: the lifecycle action never waits for it.
    const peerProbes = world.probes.filter((p) => atPeer(p.url));
    expect(peerProbes).toHaveLength(3);
    for (const [i, c] of world.fleet.completions("ABANDON").entries())
      expect(peerProbes[i]!.at).toBeGreaterThanOrEqual(c.at);
    expect(world.log.text()).toContain("peerEvidence");
  });

  it("APISIX: a peer exporting apisix_etcd_reachable 0 makes refused abandons count; the breaker opens after N", async () => {
    const { world, invoke } = setup({
      cluster: { readiness: { mode: "apisix", requireEtcdReachable: true, deadlineSeconds: 60 } },
    });
    world.inService(PEER, { privateIp: PEER_IP });
    world.answer = (url) => {
      if (!atPeer(url)) return REFUSED;
      // The peer's readiness latched at 200; only the gauge tells the CP is gone.
      return url.includes("/prometheus/")
        ? { kind: "response", status: 200, body: "apisix_etcd_reachable 0\n" }
        : { kind: "response", status: 200, body: '{"status":"ok"}' };
    };

    for (const id of ids) await invoke(world.launch(id));

    expect(world.notificationsOf("breaker-opened")).toEqual([
      expect.objectContaining({
        abandons: 3,
        lastReason: expect.stringMatching(
          new RegExp(
            `; peer ${PEER} reports the control plane unreachable: etcd unreachable \\(apisix_etcd_reachable 0\\)$`,
          ),
        ),
      }),
    ]);
    expect(world.probes.filter((p) => atPeer(p.url) && p.url.endsWith("/status/ready"))).toEqual([]);
  });

  it("a peer that reaches the CP: the refused abandon is the node's own failure and is not counted", async () => {
    const { world, invoke } = setup({
      cluster: { readiness: { deadlineSeconds: 60 }, controlPlane: { breaker: { abandonsToOpen: 1 } } },
    });
    world.inService(PEER, { privateIp: PEER_IP });
    world.answer = (url) => (atPeer(url) ? OK_API7 : REFUSED);

    const r = await invoke(world.launch(ids[0]!));

    expect(r.outcomes[0]).toMatchObject({
      reason:
        "not ready after 60 s: connection refused (connect ECONNREFUSED); " +
        `peer ${PEER} reaches the control plane (HTTP 200): not a control-plane abandon`,
    });
    expect(world.fleet.groups.get(ASG)!.tags[BREAKER_TAG]).toBeUndefined();
    expect(world.notificationsOf("breaker-opened")).toEqual([]);
  });

  it("a peer that does not answer either: not counted, and the reason says so", async () => {
    const { world, invoke } = setup({
      cluster: { readiness: { deadlineSeconds: 60 }, controlPlane: { breaker: { abandonsToOpen: 1 } } },
    });
    world.inService(PEER, { privateIp: PEER_IP });
    world.answer = () => REFUSED;
    const r = await invoke(world.launch(ids[0]!));
    expect((r.outcomes[0] as { reason: string }).reason).toMatch(
      new RegExp(`; peer ${PEER} could not tell \\(connection refused.*\\): not counted as a control-plane abandon$`),
    );
    expect(world.fleet.groups.get(ASG)!.tags[BREAKER_TAG]).toBeUndefined();
  });

  it("a failing peer check still notifies, publishes and leaves the ABANDON done", async () => {
    const { world, invoke } = setup({ cluster: { readiness: { deadlineSeconds: 60 } } });
    world.inService(PEER, { privateIp: PEER_IP });
    world.answer = () => REFUSED;
    const event = world.launch(ids[0]!);
    const describeGroup = world.fleet.describeGroup.bind(world.fleet);
    world.fleet.onCompleted = () => {
      world.deps.fleet.describeGroup = async () => {
        throw new Error("Throttling");
      };
    };
    const r = await invoke(event);
    world.deps.fleet.describeGroup = describeGroup;
    expect(r.outcomes[0]).toMatchObject({
      status: "abandoned",
      reason: expect.stringMatching(/; could not ask a peer about the control plane \(Throttling\): not counted/),
    });
    expect(world.notificationsOf("node-abandoned")).toHaveLength(1);
  });

  it("asks no peer when the node itself blamed the CP, when the instance vanished, or when the ABANDON was not ours", async () => {
    const { world, invoke } = setup({ cluster: { readiness: { deadlineSeconds: 60 } } });
    world.inService(PEER, { privateIp: PEER_IP });
    world.answer = (url) => (atPeer(url) ? OK_API7 : DP_MANAGER_DOWN);
    await invoke(world.launch(ids[0]!));

    world.answer = (url) => (atPeer(url) ? DP_MANAGER_DOWN : REFUSED);
    const gone = world.launch(ids[1]!);
    world.clock.at(world.clock.now() + 20_000, () => world.instances.setState(ids[1]!, "terminated"));
    await invoke(gone);

    const late = world.launch(ids[2]!);
    world.deps.fleet.completeLifecycleAction = async () => "not-found";
    await invoke(late);

    expect(world.probes.filter((p) => atPeer(p.url))).toEqual([]);
  });
});

describe("launch — event forms and what is not ours", () => {
  const fixture = (name: string) =>
    JSON.parse(readFileSync(join(import.meta.dirname, "../../fixtures/events", `lifecycle-${name}.json`), "utf8"));

  it("handles the SNS form", async () => {
    const { world, invoke } = setup();
    world.launch("i-0a1b2c3d4e5f60718", { token: "87654321-4321-4321-4321-210987654321" });
    world.answer = () => OK_API7;
    const result = await invoke(fixture("sns-launch"));
    expect(result.outcomes[0]).toMatchObject({ status: "continued", instanceId: "i-0a1b2c3d4e5f60718" });
  });

  it("handles every message of an SQS batch and reports only the failed one", async () => {
    const { world, invoke } = setup();
    world.launch("i-0a1b2c3d4e5f60718", { token: "87654321-4321-4321-4321-210987654321" });
    world.launch("i-0a1b2c3d4e5f60720", { token: "99998888-7777-6666-5555-444433332222" });
    world.answer = () => OK_API7;
    const describe = world.instances.describeInstance.bind(world.instances);
    world.deps.instances.describeInstance = async (id) => {
      if (id === "i-0a1b2c3d4e5f60720") throw new Error("RequestLimitExceeded");
      return describe(id);
    };
    const result = await invoke(fixture("sqs-launch-batch"));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: "2e1424d4-f796-459a-8184-9c92662be6da" }]);
    expect(result.outcomes.map((o) => o.status)).toEqual(["continued", "failed", "ignored"]);
  });

  it("acknowledges a test notification and does nothing", async () => {
    const { world, invoke } = setup();
    const result = await invoke(fixture("sns-test-notification"));
    expect(result.outcomes).toEqual([
      expect.objectContaining({ status: "ignored", reason: "autoscaling:TEST_NOTIFICATION" }),
    ]);
    expect(world.fleet.calls).toEqual([]);
  });

  it("ignores, with a log line, an action of a group that is not a managed cluster", async () => {
    const { world, invoke } = setup();
    const result = await invoke(fixture("eventbridge-unknown-group"));
    expect(result.outcomes[0]).toMatchObject({
      status: "ignored",
      reason: "group someone-elses-asg is not a managed cluster",
    });
    expect(world.fleet.calls).toEqual([]);
    expect(world.log.text()).toContain("not a managed cluster");
  });

  it("answers a malformed event with one clear error and no action", async () => {
    const { world, invoke } = setup();
    const result = await invoke(fixture("eventbridge-malformed"));
    expect(result.outcomes).toEqual([
      expect.objectContaining({ status: "invalid", error: expect.stringContaining("detail.EC2InstanceId") }),
    ]);
    expect(world.fleet.calls).toEqual([]);
    const errors = world.log.records().filter((r) => r.level === "ERROR");
    expect(errors).toHaveLength(1);
  });

  it("ignores a terminate action sent to the launch function", async () => {
    const { world, invoke } = setup();
    const result = await invoke(fixture("eventbridge-terminate"));
    expect(result.outcomes[0]).toMatchObject({ status: "ignored" });
    expect(world.targets.calls).toEqual([]);
  });
});
