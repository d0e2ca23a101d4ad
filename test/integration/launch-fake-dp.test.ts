/**
 * The launch handler with the real `node:http` probe against the fake DP over 127.0.0.1 (AWS in memory, time
 * virtual): the node's phases change on the virtual clock, the probe's answers are real HTTP.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ClusterConfigInput } from "../../shared/config/schema.ts";
import { createNodeHttpProbe } from "../../shared/dataplane/node-http-probe.ts";
import { abandonRecords } from "../../shared/domain/breaker-records.ts";
import { BREAKER_TAG } from "../../shared/domain/tags.ts";
import { createLaunchHandler } from "../../shared/services/launch/create-handler.ts";
import type { FakeDpFlavour, FakeDpPhase } from "../../test-kit/fake-dp/bodies.ts";
import { FakeDpServer } from "../../test-kit/fake-dp/fake-dp-server.ts";
import { ASG, LifecycleWorld } from "../../test-kit/fake-fleet-world.ts";

const fakes: FakeDpServer[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.stop()));
});

async function setup(
  flavour: FakeDpFlavour,
  phase: FakeDpPhase,
  readiness: NonNullable<ClusterConfigInput["readiness"]> = {},
  cluster: Partial<ClusterConfigInput> = {},
) {
  const fake = await FakeDpServer.start({ flavour, phase });
  fakes.push(fake);
  const world = new LifecycleWorld({
    probe: createNodeHttpProbe(),
    cluster: {
      ...cluster,
      readiness: {
        mode: flavour,
        url: fake.readinessUrlTemplate,
        prometheusUrl: fake.prometheusUrlTemplate,
        requestTimeoutMs: 300,
        ...readiness,
      },
    },
  });
  // Snapshot what the node had last answered whenever RegisterTargets is called.
  const answeredBeforeRegister: (number | "no answer" | undefined)[] = [];
  const register = world.targets.register.bind(world.targets);
  world.deps.targets.register = async (arn, ids) => {
    answeredBeforeRegister.push(fake.readyProbes().at(-1)?.answered);
    return register(arn, ids);
  };
  const handler = createLaunchHandler(world.deps);
  const launch = (instanceId: string) => handler(world.launch(instanceId, { privateIp: "127.0.0.1" }), world.context());
  return { fake, world, launch, answeredBeforeRegister };
}

describe("launch against an APISIX node", () => {
  it("waits through refused → booting → not synced → ready, and registers only after a 200", async () => {
    const { fake, world, launch, answeredBeforeRegister } = await setup("apisix", "refused", {
      requireEtcdReachable: true,
    });
    const t0 = world.clock.now();
    world.clock.at(t0 + 20_000, () => fake.setPhase("booting"));
    world.clock.at(t0 + 30_000, () => fake.setPhase("not-synced"));
    world.clock.at(t0 + 40_000, () => fake.setPhase("ready"));

    const result = await launch("i-0a1b2c3d4e5f60718");

    expect(result.outcomes[0]).toMatchObject({ status: "continued" });
    expect(fake.readyProbes().map((r) => r.phase)).toEqual(["booting", "booting", "not-synced", "not-synced", "ready"]);
    expect(fake.requests.filter((r) => r.server === "metrics")).toHaveLength(1);
    expect(answeredBeforeRegister).toEqual([200, 200]);
    expect(world.notificationsOf("node-ready")[0]).toMatchObject({ secondsToReady: 40, secondsToRegistered: 40 });
  });

  it("a node whose readiness latched while etcd is unreachable is abandoned for a CP reason", async () => {
    const { world, launch } = await setup("apisix", "cp-lost", { requireEtcdReachable: true, deadlineSeconds: 30 });
    const result = await launch("i-0a1b2c3d4e5f60718");
    expect(result.outcomes[0]).toMatchObject({
      status: "abandoned",
      reason: "not ready after 30 s: etcd unreachable (apisix_etcd_reachable 0)",
    });
    expect(world.targets.calls.filter((c) => c.op === "register")).toEqual([]);
    expect(abandonRecords(world.fleet.groups.get(ASG)!.tags)).toEqual([
      expect.objectContaining({ instanceId: "i-0a1b2c3d4e5f60718" }),
    ]);
  });

  it("without the etcd check, the latched 200 is taken at its word (why requireEtcdReachable exists)", async () => {
    const { launch } = await setup("apisix", "cp-lost", { requireEtcdReachable: false });
    expect((await launch("i-0a1b2c3d4e5f60718")).outcomes[0]).toMatchObject({ status: "continued" });
  });
});

describe("launch against API7 nodes during a CP outage", () => {
  it("abandons each node with the dp_manager reason, opens the breaker once, and closes it when the CP is back", async () => {
    const { fake, world, launch } = await setup("api7", "cp-lost", { deadlineSeconds: 30 });
    for (const id of ["i-00000000000000001", "i-00000000000000002", "i-00000000000000003"]) {
      const r = await launch(id);
      expect(r.outcomes[0]).toMatchObject({
        status: "abandoned",
        reason: "not ready after 30 s: HTTP 503: none of the configured dp_manager available: connection refused",
      });
    }
    expect(world.notificationsOf("breaker-opened")).toHaveLength(1);
    expect(world.fleet.groups.get(ASG)!.tags[BREAKER_TAG]).toContain('"o":1');

    await fake.setPhase("ready");
    expect((await launch("i-00000000000000004")).outcomes[0]).toMatchObject({ status: "continued" });
    expect(world.notificationsOf("breaker-closed")).toEqual([
      expect.objectContaining({ instanceId: "i-00000000000000004" }),
    ]);
    expect(world.fleet.groups.get(ASG)!.tags[BREAKER_TAG]).toBeUndefined();
  });

  it("a node that never starts (port refused) and no peer to ask: abandoned without blaming the CP", async () => {
    const { world, launch } = await setup("api7", "refused", { deadlineSeconds: 30 });
    const r = await launch("i-0a1b2c3d4e5f60718");
    expect(r.outcomes[0]).toMatchObject({
      status: "abandoned",
      reason: expect.stringMatching(/^not ready after 30 s: connection refused.*; no in-service peer to ask/),
    });
    expect(world.fleet.groups.get(ASG)!.tags[BREAKER_TAG]).toBeUndefined();
  });
});

describe("launch during a CP outage at boot, judged by an in-service peer", () => {
  // The serving peer is a fake DP on 127.0.0.1. The new nodes exited at boot (CP unreachable), so nothing listens at
  // their address: 127.0.0.2, same port, refuses connections (Linux routes all of 127/8 to the loopback).
  const PEER = "i-00000000000000aa1";
  const NEW_NODE_IP = "127.0.0.2";
  const ids = ["i-00000000000000001", "i-00000000000000002", "i-00000000000000003"];

  async function withPeer(flavour: FakeDpFlavour, peerPhase: FakeDpPhase) {
    const peer = await FakeDpServer.start({ flavour, phase: peerPhase, instanceId: PEER });
    fakes.push(peer);
    const world = new LifecycleWorld({
      probe: createNodeHttpProbe(),
      cluster: {
        readiness: {
          mode: flavour,
          url: peer.readinessUrlTemplate,
          prometheusUrl: peer.prometheusUrlTemplate,
          requireEtcdReachable: flavour === "apisix",
          requestTimeoutMs: 300,
          deadlineSeconds: 30,
        },
      },
    });
    world.inService(PEER, { privateIp: "127.0.0.1" });
    const handler = createLaunchHandler(world.deps);
    const launch = (id: string) => handler(world.launch(id, { privateIp: NEW_NODE_IP }), world.context());
    return { peer, world, launch };
  }

  it("API7: the peer's 503 dp_manager unavailable makes the refused abandons count, and the breaker opens", async () => {
    const { peer, world, launch } = await withPeer("api7", "cp-lost");
    const reasons: string[] = [];
    for (const id of ids) reasons.push(((await launch(id)).outcomes[0] as { reason: string }).reason);

    for (const reason of reasons)
      expect(reason).toMatch(
        new RegExp(
          "^not ready after 30 s: no answer from the node, connection refused .*; " +
            `peer ${PEER} reports the control plane unreachable: HTTP 503: none of the configured dp_manager available`,
        ),
      );
    expect(world.notificationsOf("breaker-opened")).toHaveLength(1);
    expect(world.fleet.groups.get(ASG)!.tags[BREAKER_TAG]).toContain('"o":1');
    expect(peer.readyProbes()).toHaveLength(3);
  });

  it("APISIX: the peer's apisix_etcd_reachable 0 (readiness latched at 200) makes them count, and the breaker opens", async () => {
    const { peer, world, launch } = await withPeer("apisix", "cp-lost");
    for (const id of ids) await launch(id);
    expect(world.notificationsOf("breaker-opened")).toEqual([
      expect.objectContaining({
        lastReason: expect.stringContaining(
          `peer ${PEER} reports the control plane unreachable: etcd unreachable (apisix_etcd_reachable 0)`,
        ),
      }),
    ]);
    expect(peer.readyProbes()).toEqual([]);
    expect(peer.requests.filter((r) => r.server === "metrics")).toHaveLength(3);
  });

  it("a peer that reaches the CP: the refused abandons are the nodes' own failure and do not count", async () => {
    const { world, launch } = await withPeer("api7", "ready");
    for (const id of ids) {
      const r = await launch(id);
      expect((r.outcomes[0] as { reason: string }).reason).toMatch(
        new RegExp(`; peer ${PEER} reaches the control plane \\(HTTP 200\\): not a control-plane abandon$`),
      );
    }
    expect(world.fleet.groups.get(ASG)!.tags[BREAKER_TAG]).toBeUndefined();
    expect(world.notificationsOf("breaker-opened")).toEqual([]);
  });
});

describe("launch against silent and slow nodes", () => {
  it("a black-holed node costs one probe timeout per poll and is abandoned at the deadline", async () => {
    const { fake, launch } = await setup("api7", "black-hole", { deadlineSeconds: 30, requestTimeoutMs: 100 });
    const r = await launch("i-0a1b2c3d4e5f60718");
    expect(r.outcomes[0]).toMatchObject({
      status: "abandoned",
      reason:
        "not ready after 30 s: timed out (no complete answer within 100 ms); no in-service peer to ask about the " +
        "control plane: not counted as a control-plane abandon",
    });
    expect(fake.readyProbes().length).toBe(7);
    expect(fake.readyProbes().every((p) => p.answered === "no answer")).toBe(true);
  });

  it("a node slower than the probe timeout is not registered even though it would say ready", async () => {
    const { fake, world, launch } = await setup("api7", "ready", { deadlineSeconds: 30, requestTimeoutMs: 100 });
    fake.setResponseDelay(250);
    const r = await launch("i-0a1b2c3d4e5f60718");
    expect(r.outcomes[0]).toMatchObject({ status: "abandoned" });
    expect(world.targets.calls.filter((c) => c.op === "register")).toEqual([]);
  });
});
