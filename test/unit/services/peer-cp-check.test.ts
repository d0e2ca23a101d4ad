/**
 * Asking an in-service peer about the control plane: which peer, which URL, what its answer proves, and the bound on
 * what it costs.
 */
import { describe, expect, it } from "vitest";
import type { HttpOutcome } from "../../../shared/ports/http-probe.ts";
import {
  askPeerAboutControlPlane,
  describePeerEvidence,
  MAX_PEER_PROBES,
} from "../../../shared/services/launch/peer-cp-check.ts";
import { ASG, DP_MANAGER_DOWN, LifecycleWorld, OK_API7, REFUSED } from "../../../test-kit/fake-fleet-world.ts";

const LAUNCHING = "i-0a1b2c3d4e5f60718";
const PEER = "i-00000000000000aa1";
const PEER_2 = "i-00000000000000aa2";
const plenty = () => 600_000;

function metrics(gauge: 0 | 1): HttpOutcome {
  return {
    kind: "response",
    status: 200,
    body: `# TYPE apisix_etcd_reachable gauge\napisix_etcd_reachable ${gauge}\n`,
  };
}

function apisixWorld() {
  return new LifecycleWorld({ cluster: { readiness: { mode: "apisix", requireEtcdReachable: true } } });
}

describe("askPeerAboutControlPlane — API7", () => {
  it("a peer answering 503 dp_manager unavailable proves the CP unreachable", async () => {
    const world = new LifecycleWorld();
    world.launch(LAUNCHING, { privateIp: "10.0.1.5" });
    world.inService(PEER, { privateIp: "10.0.2.7" });
    world.answer = () => DP_MANAGER_DOWN;

    const evidence = await askPeerAboutControlPlane(world.deps, world.cluster, LAUNCHING, plenty);

    expect(evidence).toEqual({
      verdict: "cp-unreachable",
      peerId: PEER,
      detail: "HTTP 503: none of the configured dp_manager available: connection refused",
    });
    expect(world.probes.map((p) => p.url)).toEqual(["http://10.0.2.7:7085/status/ready"]);
  });

  it("a peer whose workers are out of sync with etcd also proves it", async () => {
    const world = new LifecycleWorld();
    world.inService(PEER);
    world.answer = () => ({ kind: "response", status: 503, body: "Worker pid: 77 is out of sync with etcd" });
    const evidence = await askPeerAboutControlPlane(world.deps, world.cluster, LAUNCHING, plenty);
    expect(evidence).toMatchObject({ verdict: "cp-unreachable", peerId: PEER });
  });

  it("a peer answering ready proves the CP reachable", async () => {
    const world = new LifecycleWorld();
    world.inService(PEER);
    world.answer = () => OK_API7;
    const evidence = await askPeerAboutControlPlane(world.deps, world.cluster, LAUNCHING, plenty);
    expect(evidence).toEqual({ verdict: "cp-reachable", peerId: PEER, detail: "HTTP 200" });
  });
});

describe("askPeerAboutControlPlane — APISIX", () => {
  it("reads the peer's apisix_etcd_reachable gauge, never its latched /status/ready", async () => {
    const world = apisixWorld();
    world.inService(PEER, { privateIp: "10.0.2.7" });
    world.answer = (url) =>
      url.includes("/prometheus/") ? metrics(0) : { kind: "response", status: 200, body: '{"status":"ok"}' };

    const evidence = await askPeerAboutControlPlane(world.deps, world.cluster, LAUNCHING, plenty);

    expect(evidence).toEqual({
      verdict: "cp-unreachable",
      peerId: PEER,
      detail: "etcd unreachable (apisix_etcd_reachable 0)",
    });
    expect(world.probes.map((p) => p.url)).toEqual(["http://10.0.2.7:9091/apisix/prometheus/metrics"]);
  });

  it("a gauge of 1 proves the CP reachable", async () => {
    const world = apisixWorld();
    world.inService(PEER);
    world.answer = () => metrics(1);
    const evidence = await askPeerAboutControlPlane(world.deps, world.cluster, LAUNCHING, plenty);
    expect(evidence).toMatchObject({ verdict: "cp-reachable", detail: "apisix_etcd_reachable 1" });
  });
});

describe("askPeerAboutControlPlane — who is asked, and at what cost", () => {
  it("without an in-service peer, probes nothing and concludes nothing", async () => {
    const world = new LifecycleWorld();
    world.launch(LAUNCHING);
    world.launch("i-0a1b2c3d4e5f60719"); // launching too (Pending:Wait): not a peer
    world.fleet.setLifecycleState(ASG, "i-0a1b2c3d4e5f60720", "Terminating");
    world.answer = () => DP_MANAGER_DOWN;

    const evidence = await askPeerAboutControlPlane(world.deps, world.cluster, LAUNCHING, plenty);

    expect(evidence).toEqual({ verdict: "unknown", detail: "no in-service peer to ask about the control plane" });
    expect(world.probes).toEqual([]);
  });

  it("asks a second peer when the first does not answer, and never more than MAX_PEER_PROBES", async () => {
    const world = new LifecycleWorld();
    for (const [i, id] of [PEER, PEER_2, "i-00000000000000aa3"].entries())
      world.inService(id, { privateIp: `10.0.3.${i + 1}` });
    world.answer = () => REFUSED;

    const evidence = await askPeerAboutControlPlane(world.deps, world.cluster, LAUNCHING, plenty);

    expect(world.probes).toHaveLength(MAX_PEER_PROBES);
    expect(evidence).toMatchObject({
      verdict: "unknown",
      peerId: PEER_2,
      detail: expect.stringMatching(/^connection refused/),
    });
  });

  it("the second peer's evidence counts when the first did not answer", async () => {
    const world = new LifecycleWorld();
    world.inService(PEER, { privateIp: "10.0.3.1" });
    world.inService(PEER_2, { privateIp: "10.0.3.2" });
    world.answer = (url) => (url.includes("10.0.3.1") ? REFUSED : DP_MANAGER_DOWN);
    const evidence = await askPeerAboutControlPlane(world.deps, world.cluster, LAUNCHING, plenty);
    expect(evidence).toMatchObject({ verdict: "cp-unreachable", peerId: PEER_2 });
  });

  it("asks healthy peers first", async () => {
    const world = new LifecycleWorld();
    world.inService(PEER, { healthStatus: "Unhealthy" });
    world.inService(PEER_2);
    world.answer = () => OK_API7;
    const evidence = await askPeerAboutControlPlane(world.deps, world.cluster, LAUNCHING, plenty);
    expect(evidence).toMatchObject({ peerId: PEER_2 });
  });

  it("probes a peer only at the address EC2 reports for an instance of the managed group", async () => {
    const world = new LifecycleWorld();
    world.inService(PEER);
    world.instances.instances.get(PEER)!.groupName = "someone-elses-asg";
    world.inService(PEER_2);
    world.instances.setState(PEER_2, "stopping");
    world.answer = () => DP_MANAGER_DOWN;

    const evidence = await askPeerAboutControlPlane(world.deps, world.cluster, LAUNCHING, plenty);

    expect(world.probes).toEqual([]);
    expect(evidence).toEqual({ verdict: "unknown", peerId: PEER_2, detail: "instance is stopping" });
  });

  it("never throws: an EC2 failure is no evidence, and says so", async () => {
    const world = new LifecycleWorld();
    world.inService(PEER);
    world.deps.instances.describeInstance = async () => {
      throw new Error("RequestLimitExceeded");
    };
    const evidence = await askPeerAboutControlPlane(world.deps, world.cluster, LAUNCHING, plenty);
    expect(evidence).toEqual({
      verdict: "unknown",
      detail: "could not ask a peer about the control plane (RequestLimitExceeded)",
    });
  });

  it("does not start a probe the invocation could not finish", async () => {
    const world = new LifecycleWorld();
    world.inService(PEER);
    world.answer = () => DP_MANAGER_DOWN;
    const evidence = await askPeerAboutControlPlane(world.deps, world.cluster, LAUNCHING, () => 5_000);
    expect(world.probes).toEqual([]);
    expect(evidence).toMatchObject({ verdict: "unknown", peerId: PEER });
  });
});

describe("describePeerEvidence", () => {
  it.each([
    [
      { verdict: "cp-unreachable", peerId: PEER, detail: "HTTP 503: x" },
      `peer ${PEER} reports the control plane unreachable: HTTP 503: x`,
    ],
    [
      { verdict: "cp-reachable", peerId: PEER, detail: "HTTP 200" },
      `peer ${PEER} reaches the control plane (HTTP 200): not a control-plane abandon`,
    ],
    [
      { verdict: "unknown", peerId: PEER, detail: "connection refused" },
      `peer ${PEER} could not tell (connection refused): not counted as a control-plane abandon`,
    ],
    [
      { verdict: "unknown", detail: "no in-service peer to ask about the control plane" },
      "no in-service peer to ask about the control plane: not counted as a control-plane abandon",
    ],
  ] as const)("%o → %s", (evidence, text) => expect(describePeerEvidence(evidence)).toBe(text));
});
