import { describe, expect, it } from "vitest";
import { clusterConfigSchema } from "../../../shared/config/schema.ts";
import { checkReadiness } from "../../../shared/dataplane/check-readiness.ts";
import { interpretReadiness } from "../../../shared/dataplane/readiness.ts";
import { SimHttpProbe } from "../../../sim/cloud/http-probe.ts";
import { advance, cloudFixture, T0 } from "./fixture.ts";

function readiness(mode: "apisix" | "api7", requireEtcdReachable = false) {
  return clusterConfigSchema.parse({
    name: "edge",
    autoScalingGroupName: "dp-asg",
    targetGroupArns: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef"],
    readiness: { mode, requireEtcdReachable },
  }).readiness;
}

/** A booting node (boot 40 s, CP sync 5 s) and a probe into the simulated VPC. */
function bootingNode(mode: "apisix" | "api7", traits = {}) {
  const f = cloudFixture({ traits: { mode, ...traits } });
  const node = f.newInstance("us-east-1a");
  f.ec2.add(node);
  const probe = new SimHttpProbe(f.ec2, f.clock);
  const ask = (r = readiness(mode)) =>
    checkReadiness(probe, r, { privateIp: node.privateIp, instanceId: node.instanceId });
  return { ...f, node, probe, ask };
}

describe("simulated DP node, probed through the real readiness interpreter", () => {
  it("API7: refused before boot, out of sync while syncing, ready after, 503 dp_manager during a CP outage", async () => {
    const { clock, cp, ask } = bootingNode("api7");
    expect(await ask()).toMatchObject({ ready: false, reason: expect.stringMatching(/connection refused/) });
    await advance(clock, 42);
    expect(await ask()).toMatchObject({ ready: false, reason: expect.stringMatching(/out of sync with etcd/) });
    await advance(clock, 5);
    expect(await ask()).toMatchObject({ ready: true });
    cp.setUp(false);
    expect(await ask()).toMatchObject({ ready: false, cpRelated: true, reason: expect.stringMatching(/dp_manager/) });
  });

  it("APISIX: readiness latches through a CP outage, only apisix_etcd_reachable tells", async () => {
    const { clock, cp, ask } = bootingNode("apisix");
    await advance(clock, 40.5);
    expect(await ask()).toMatchObject({
      ready: false,
      reason: expect.stringMatching(/worker count: 4 but status report count: 3/),
    });
    await advance(clock, 2.5);
    expect(await ask()).toMatchObject({
      ready: false,
      reason: expect.stringMatching(/has not received configuration/),
    });
    await advance(clock, 20);
    cp.setUp(false);
    expect(await ask()).toMatchObject({ ready: true });
    expect(await ask(readiness("apisix", true))).toMatchObject({
      ready: false,
      reason: expect.stringMatching(/etcd unreachable/),
    });
  });

  it("a node whose CP is unreachable at start exits and restarts until the CP is back", async () => {
    const { clock, cp, node, ask } = bootingNode("api7");
    cp.setUp(false);
    await advance(clock, 60);
    expect(await ask()).toMatchObject({ ready: false });
    expect(node.node.listening).toBe(false);
    cp.setUp(true);
    await advance(clock, 50); // the next start attempt (fail 30 s + restart 10 s), then 5 s of sync
    expect(await ask()).toMatchObject({ ready: true });
  });

  it("a never-ready node keeps answering 503", async () => {
    const { clock, ask } = bootingNode("api7", { neverReady: true });
    await advance(clock, 600);
    expect(await ask()).toMatchObject({ ready: false, reason: expect.stringMatching(/out of sync/) });
  });

  it("a node that never booted black-holes the probe for its whole timeout, in virtual time", async () => {
    const { clock, probe, node } = bootingNode("api7", { bootMs: undefined });
    await advance(clock, 300);
    const before = clock.now();
    const answer = probe.get(`http://${node.privateIp}:7085/status/ready`, 2000);
    await advance(clock, 3);
    expect(await answer).toMatchObject({ kind: "error", error: "timeout" });
    expect(clock.now() - before).toBe(3000);
    expect(interpretReadiness("api7", await answer).ready).toBe(false);
  });

  it("an address nobody holds times out", async () => {
    const { clock, probe } = bootingNode("api7");
    const answer = probe.get("http://10.9.9.9:7085/status/ready", 1500);
    await clock.runUntil(T0 + 1500);
    expect(await answer).toMatchObject({ kind: "error", error: "timeout" });
  });
});
