import { describe, expect, it } from "vitest";
import { deploymentConfigSchema } from "../../../shared/config/schema.ts";

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
});
