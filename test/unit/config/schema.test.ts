import { describe, expect, it } from "vitest";
import { deploymentConfigSchema } from "../../../shared/config/schema.ts";
import { buildProbeUrl } from "../../../shared/dataplane/probe-url.ts";

const tg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef";

describe("deployment config schema", () => {
  it("fills the vendor's defaults: 2..10 nodes, CPU target 70 %", () => {
    const c = deploymentConfigSchema.parse({
      clusters: [{ name: "prod", autoScalingGroupName: "dp-prod", targetGroupArns: [tg] }],
    }).clusters[0]!;
    expect([c.minNodes, c.maxNodes, c.signals.cpu.targetPercent]).toEqual([2, 10, 70]);
    expect(c.readiness.url).toBe("http://{privateIp}:7085/status/ready");
  });

  it("names the path of each problem", () => {
    const r = deploymentConfigSchema.safeParse({
      clusters: [
        { name: "prod", autoScalingGroupName: "a", targetGroupArns: [tg], minNodes: 5, maxNodes: 3 },
        { name: "prod", autoScalingGroupName: "a", targetGroupArns: ["nope"] },
      ],
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(paths).toContain("clusters.0.maxNodes: must be ≥ minNodes");
    expect(paths).toContain("clusters.1.targetGroupArns.0: must be a target group ARN");
    expect(paths.some((p) => p.startsWith("clusters.1.name: duplicate cluster name"))).toBe(true);
  });

  it("refuses readiness URLs that do not target the instance's own address", () => {
    const r = deploymentConfigSchema.safeParse({
      clusters: [
        {
          name: "p",
          autoScalingGroupName: "a",
          targetGroupArns: [tg],
          readiness: { url: "http://evil.example/status" },
        },
      ],
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path.join(".")).toBe("clusters.0.readiness.url");
  });

  const problems = (cluster: Record<string, unknown>) => {
    const r = deploymentConfigSchema.safeParse({
      clusters: [{ name: "p", autoScalingGroupName: "a", targetGroupArns: [tg], ...cluster }],
    });
    return r.success ? [] : r.error.issues.map((i) => `${i.path.slice(2).join(".")}: ${i.message}`);
  };

  it.each([
    [
      "a poll interval that cannot beat the heartbeat",
      { readiness: { pollIntervalSeconds: 30 }, lifecycle: { heartbeatTimeoutSeconds: 60 } },
      "readiness.pollIntervalSeconds: must be < half of lifecycle.heartbeatTimeoutSeconds (60 s)",
    ],
    [
      "a readiness deadline beyond the hook's global timeout (100 × heartbeat)",
      {
        readiness: { deadlineSeconds: 3600 },
        lifecycle: { heartbeatTimeoutSeconds: 30 },
        controlPlane: { breaker: { windowSeconds: 3600 } },
      },
      "readiness.deadlineSeconds: must be ≤ 3000 s",
    ],
    [
      "a breaker window shorter than the readiness deadline",
      { readiness: { deadlineSeconds: 900 }, controlPlane: { breaker: { windowSeconds: 600 } } },
      "controlPlane.breaker.windowSeconds: must be ≥ readiness.deadlineSeconds (900 s)",
    ],
    [
      "abandonsToOpen above what the cluster can launch in the window",
      { maxNodes: 2, controlPlane: { breaker: { abandonsToOpen: 7, windowSeconds: 1200 } } },
      "controlPlane.breaker.abandonsToOpen: must be ≤ 6: the most launches this cluster can have abandoned within 1200 s (2 nodes × 3 deadlines)",
    ],
    [
      "abandonsToOpen more than the group's tags can record",
      { maxNodes: 100, controlPlane: { breaker: { abandonsToOpen: 31 } } },
      "controlPlane.breaker.abandonsToOpen: must be ≤ 30",
    ],
    [
      "a readiness URL with a port out of 1–65535",
      { readiness: { url: "http://{privateIp}:99999/status/ready" } },
      "readiness.url: port 99999 is not in 1–65535",
    ],
    [
      "a metrics URL with port 0",
      { readiness: { prometheusUrl: "http://{privateIp}:0/apisix/prometheus/metrics" } },
      "readiness.prometheusUrl: port 0 is not in 1–65535",
    ],
  ])("refuses %s, with its path", (_name, cluster, expected) => {
    expect(problems(cluster).some((p) => p.startsWith(expected))).toBe(true);
  });

  it("a URL template that validates also builds at run time (the same code), and one that does not never does", () => {
    for (const url of ["http://{privateIp}:99999/x", "http://{privateIp}:0/x", "http://{privateIp}:65535/x"]) {
      const valid = problems({ readiness: { url } }).length === 0;
      const address = { instanceId: "i-0123456789abcdef0", privateIp: "10.0.1.23" };
      if (valid) expect(buildProbeUrl(url, address)).toBe(url.replace("{privateIp}", "10.0.1.23"));
      // Before: a TypeError (Invalid URL) out of every launch, into Lambda's retries.
      else expect(() => buildProbeUrl(url, address)).toThrow(/1–65535/);
    }
  });

  it("accepts the defaults and a tight but workable setup", () => {
    expect(problems({})).toEqual([]);
    expect(
      problems({
        minNodes: 1,
        maxNodes: 1,
        readiness: { pollIntervalSeconds: 14, deadlineSeconds: 3000 },
        lifecycle: { heartbeatTimeoutSeconds: 30 },
        controlPlane: { breaker: { abandonsToOpen: 2, windowSeconds: 3000 } },
      }),
    ).toEqual([]);
  });
});
