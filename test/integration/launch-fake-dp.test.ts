/**
 * The launch handler with the real `node:http` probe against the fake DP over 127.0.0.1 (AWS in memory, time
 * virtual): the node's phases change on the virtual clock, the probe's answers are real HTTP.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ClusterConfigInput } from "../../shared/config/schema.ts";
import { createNodeHttpProbe } from "../../shared/dataplane/node-http-probe.ts";
import { BREAKER_TAG } from "../../shared/domain/tags.ts";
import { createLaunchHandler } from "../../shared/services/launch/create-handler.ts";
import { ASG, LifecycleWorld } from "../support/fake-fleet-world.ts";
import type { FakeDpFlavour, FakeDpPhase } from "./fake-dp/bodies.ts";
import { FakeDpServer } from "./fake-dp/fake-dp-server.ts";

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
    expect(world.fleet.groups.get(ASG)!.tags[BREAKER_TAG]).toMatch(/"a":\[\d+\]/);
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

  it("a node that never starts (port refused) is abandoned without blaming the CP", async () => {
    const { world, launch } = await setup("api7", "refused", { deadlineSeconds: 30 });
    const r = await launch("i-0a1b2c3d4e5f60718");
    expect(r.outcomes[0]).toMatchObject({ status: "abandoned", reason: expect.stringMatching(/connection refused/) });
    expect(world.fleet.groups.get(ASG)!.tags[BREAKER_TAG]).toBeUndefined();
  });
});

describe("launch against silent and slow nodes", () => {
  it("a black-holed node costs one probe timeout per poll and is abandoned at the deadline", async () => {
    const { fake, launch } = await setup("api7", "black-hole", { deadlineSeconds: 30, requestTimeoutMs: 100 });
    const r = await launch("i-0a1b2c3d4e5f60718");
    expect(r.outcomes[0]).toMatchObject({
      status: "abandoned",
      reason: "not ready after 30 s: timed out (no complete answer within 100 ms)",
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
