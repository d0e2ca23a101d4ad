import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../shared/config/errors.ts";
import { clusterFromConfig } from "../../sim/scenario/cluster-from-config.ts";
import { builtinScenario } from "../../sim/scenario/load.ts";
import { OverrideError, parseOverride } from "../../sim/scenario/overrides.ts";

const dir = mkdtempSync(join(tmpdir(), "cluster-from-config-"));
const TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef";

function write(name: string, document: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof document === "string" ? document : JSON.stringify(document));
  return path;
}

describe("clusterFromConfig", () => {
  it("puts the document's only cluster, with its defaults, into a built-in", () => {
    const path = write("one.json", {
      clusters: [{ name: "prod", autoScalingGroupName: "prod-dp", targetGroupArns: [TG], maxNodes: 12 }],
    });
    const s = builtinScenario("flash-crowd", [clusterFromConfig(path)]);
    expect(s.cluster).toMatchObject({ name: "prod", autoScalingGroupName: "prod-dp", maxNodes: 12, minNodes: 2 });
    expect(s.cluster.signals.cpu.targetPercent).toBe(70);
  });

  it("an error names where each change came from: --config for the cluster, --set for the field", () => {
    const path = write("prod.json", {
      clusters: [{ name: "prod", autoScalingGroupName: "prod-dp", targetGroupArns: [TG] }],
    });
    expect(() =>
      builtinScenario("flash-crowd", [clusterFromConfig(path, "prod"), parseOverride("cluster.maxNodes=0")]),
    ).toThrow(
      /^built-in flash-crowd with --config .*prod\.json --cluster prod --set cluster\.maxNodes: cluster\.maxNodes/,
    );
  });

  it("an invalid document is one ConfigError naming the file and every field", () => {
    const path = write("bad.json", { clusters: [{ name: "prod", maxNodes: 0 }] });
    expect(() => clusterFromConfig(path)).toThrow(ConfigError);
    expect(() => clusterFromConfig(path)).toThrow(/bad\.json.*clusters\[0\]\.autoScalingGroupName/);
  });

  it.each([
    { name: "a missing file", args: [join(dir, "nope.json")] as const, why: /nope\.json: cannot be read \(ENOENT\)/ },
    {
      name: "an unknown cluster",
      args: [
        write("two.json", {
          clusters: [
            { name: "a", autoScalingGroupName: "a", targetGroupArns: [TG] },
            { name: "b", autoScalingGroupName: "b", targetGroupArns: [TG] },
          ],
        }),
        "c",
      ] as const,
      why: /--cluster c: not in .*two\.json \(its clusters: a, b\)/,
    },
  ])("$name is a usage error saying what is wrong", ({ args, why }) => {
    expect(() => clusterFromConfig(...(args as unknown as [string, string?]))).toThrow(OverrideError);
    expect(() => clusterFromConfig(...(args as unknown as [string, string?]))).toThrow(why);
  });
});
