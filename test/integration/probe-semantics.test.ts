/**
 * The real probe (`node:http`) against the fake DP over 127.0.0.1: every phase of an APISIX and an API7 node, read
 * through the same interpretation Lambda uses.
 */
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { clusterConfigSchema } from "../../shared/config/schema.ts";
import { checkReadiness } from "../../shared/dataplane/check-readiness.ts";
import { createNodeHttpProbe } from "../../shared/dataplane/node-http-probe.ts";
import type { FakeDpFlavour, FakeDpPhase } from "../../test-kit/fake-dp/bodies.ts";
import { FakeDpServer } from "../../test-kit/fake-dp/fake-dp-server.ts";

const address = { instanceId: "i-0123456789abcdef0", privateIp: "127.0.0.1" };
const probe = createNodeHttpProbe();
let fake: FakeDpServer | undefined;

afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

function readinessFor(f: FakeDpServer, overrides: { requireEtcdReachable?: boolean; requestTimeoutMs?: number } = {}) {
  return clusterConfigSchema.parse({
    name: "edge",
    autoScalingGroupName: "dp-asg",
    targetGroupArns: ["arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dp/0123456789abcdef"],
    readiness: {
      mode: f.flavour,
      url: f.readinessUrlTemplate,
      prometheusUrl: f.prometheusUrlTemplate,
      requestTimeoutMs: overrides.requestTimeoutMs ?? 1000,
      requireEtcdReachable: overrides.requireEtcdReachable ?? false,
    },
  }).readiness;
}

async function verdictIn(flavour: FakeDpFlavour, phase: FakeDpPhase, requireEtcdReachable = false) {
  fake = await FakeDpServer.start({ flavour, phase });
  return checkReadiness(probe, readinessFor(fake, { requireEtcdReachable }), address);
}

describe("APISIX node through its life", () => {
  it.each([
    ["refused", false, /^connection refused/, false],
    ["booting", false, /^HTTP 503: worker count: 4 but status report count: 3$/, false],
    ["not-synced", false, /^HTTP 503: worker id: 2 has not received configuration$/, true],
    ["ready", true, /^HTTP 200: status ok$/, false],
  ] as const)("%s → ready %s", async (phase, ready, reason, cpRelated) => {
    const v = await verdictIn("apisix", phase);
    expect(v.ready).toBe(ready);
    expect(v.reason).toMatch(reason);
    expect(v.cpRelated).toBe(cpRelated);
  });

  it("latches 200 after losing the CP: only the etcd gauge tells", async () => {
    expect((await verdictIn("apisix", "cp-lost")).ready).toBe(true);
    await fake?.stop();
    const v = await verdictIn("apisix", "cp-lost", true);
    expect(v).toEqual({ ready: false, reason: "etcd unreachable (apisix_etcd_reachable 0)", cpRelated: true });
  });

  it("with the etcd check, a ready node is ready once the gauge reads 1", async () => {
    const v = await verdictIn("apisix", "ready", true);
    expect(v).toEqual({ ready: true, reason: "HTTP 200: status ok; apisix_etcd_reachable 1", cpRelated: false });
  });

  it("reads the error whatever the JSON key order", async () => {
    fake = await FakeDpServer.start({ flavour: "apisix", phase: "booting", errorKeyFirst: true });
    const v = await checkReadiness(probe, readinessFor(fake), address);
    expect(v.reason).toBe("HTTP 503: worker count: 4 but status report count: 3");
  });
});

describe("API7 node through its life", () => {
  it.each([
    ["refused", false, /^connection refused/, false],
    ["booting", false, /^HTTP 503: worker pid 1234, 1235, 1236, 1237 out of sync with etcd$/, true],
    ["not-synced", false, /^HTTP 503: worker pid 1237 out of sync with etcd$/, true],
    ["ready", true, /^HTTP 200$/, false],
    ["cp-lost", false, /^HTTP 503: none of the configured dp_manager available: connection refused$/, true],
  ] as const)("%s → ready %s", async (phase, ready, reason, cpRelated) => {
    const v = await verdictIn("api7", phase);
    expect(v.ready).toBe(ready);
    expect(v.reason).toMatch(reason);
    expect(v.cpRelated).toBe(cpRelated);
  });

  it("goes from refused to ready on the same port", async () => {
    fake = await FakeDpServer.start({ flavour: "api7", phase: "refused" });
    const readiness = readinessFor(fake);
    expect((await checkReadiness(probe, readiness, address)).reason).toMatch(/^connection refused/);
    await fake.setPhase("ready");
    expect((await checkReadiness(probe, readiness, address)).ready).toBe(true);
  });
});

describe("slow and silent nodes", () => {
  it("a black-holed node costs one timeout, reported as such", async () => {
    fake = await FakeDpServer.start({ flavour: "api7", phase: "black-hole" });
    const v = await checkReadiness(probe, readinessFor(fake, { requestTimeoutMs: 150 }), address);
    expect(v).toEqual({ ready: false, reason: "timed out (no complete answer within 150 ms)", cpRelated: false });
    expect(fake.requests.at(-1)?.answered).toBe("no answer");
  });

  it("a node slower than the probe timeout is not ready, even if it would have said ready", async () => {
    fake = await FakeDpServer.start({ flavour: "apisix", phase: "ready" });
    fake.setResponseDelay(400);
    const v = await checkReadiness(probe, readinessFor(fake, { requestTimeoutMs: 100 }), address);
    expect(v.ready).toBe(false);
    expect(v.reason).toMatch(/^timed out/);
  });

  it("a slow node within the timeout is read normally", async () => {
    fake = await FakeDpServer.start({ flavour: "apisix", phase: "ready" });
    fake.setResponseDelay(30);
    expect((await checkReadiness(probe, readinessFor(fake, { requestTimeoutMs: 2000 }), address)).ready).toBe(true);
  });
});

describe("the fake answers with the exact wire format", () => {
  function raw(
    port: number,
    path: string,
  ): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          body += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("APISIX: text/plain, openresty, no trailing newline", async () => {
    fake = await FakeDpServer.start({ flavour: "apisix", phase: "not-synced" });
    const r = await raw(fake.statusPort, "/status/ready");
    expect(r.status).toBe(503);
    expect(r.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(r.headers.server).toBe("openresty");
    expect(r.body).toBe('{"status":"error","error":"worker id: 2 has not received configuration"}');
  });

  it("API7: the dp_manager body ends with a newline, the pid lines do not", async () => {
    fake = await FakeDpServer.start({ flavour: "api7", phase: "cp-lost" });
    expect((await raw(fake.statusPort, "/status/ready")).body).toBe(
      '{"error_msg":"none of the configured dp_manager available: connection refused"}\n',
    );
    await fake.setPhase("booting");
    const r = await raw(fake.statusPort, "/status/ready");
    expect(r.body.endsWith("\n")).toBe(false);
    expect(r.body.split("\n")).toHaveLength(4);
  });

  it("API7 exports the etcd gauge with gateway group and instance labels", async () => {
    fake = await FakeDpServer.start({ flavour: "api7", phase: "ready", instanceId: "i-0abc0abc0abc0abc0" });
    const r = await raw(fake.metricsPort, "/apisix/prometheus/metrics");
    expect(r.body).toContain('apisix_etcd_reachable{gateway_group_id="default",instance_id="i-0abc0abc0abc0abc0"} 1');
  });
});
