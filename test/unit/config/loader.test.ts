import { describe, expect, it, vi } from "vitest";
import { ConfigError } from "../../../shared/config/errors.ts";
import { createConfigLoader, loadDeploymentConfig, parseDeploymentConfig } from "../../../shared/config/loader.ts";

const tg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef";
const valid = JSON.stringify({ clusters: [{ name: "prod", autoScalingGroupName: "dp-prod", targetGroupArns: [tg] }] });
const noParameter = () => Promise.reject(new Error("must not be called"));

async function configError(p: Promise<unknown>): Promise<ConfigError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConfigError);
  return err as ConfigError;
}

describe("loadDeploymentConfig", () => {
  it("reads the JSON in DP_AUTOSCALER_CONFIG and fills the defaults", async () => {
    const c = await loadDeploymentConfig({ DP_AUTOSCALER_CONFIG: valid }, noParameter);
    expect(c.clusters[0]).toMatchObject({ name: "prod", minNodes: 2, maxNodes: 10 });
  });

  it("reads the SSM parameter named by DP_AUTOSCALER_CONFIG_PARAM", async () => {
    const read = vi.fn(async (name: string) => (name === "/dp/config" ? valid : "{}"));
    const c = await loadDeploymentConfig({ DP_AUTOSCALER_CONFIG_PARAM: "/dp/config" }, read);
    expect(read).toHaveBeenCalledWith("/dp/config");
    expect(c.clusters[0]!.autoScalingGroupName).toBe("dp-prod");
  });

  it("lists every problem with a bracketed path", async () => {
    const doc = {
      clusters: [
        { name: "prod", autoScalingGroupName: "a", targetGroupArns: [tg], minNodes: 5, maxNodes: 3 },
        { name: "Prod", autoScalingGroupName: "b", targetGroupArns: ["nope"], signals: { custom: [{ id: "x" }] } },
      ],
    };
    const err = await configError(loadDeploymentConfig({ DP_AUTOSCALER_CONFIG: JSON.stringify(doc) }, noParameter));
    expect(err.source).toBe("DP_AUTOSCALER_CONFIG");
    expect(err.problems).toContain("clusters[0].maxNodes: must be ≥ minNodes");
    expect(err.problems).toContain("clusters[1].targetGroupArns[0]: must be a target group ARN");
    expect(err.problems).toContain("clusters[1].name: must be lowercase letters, digits and dashes");
    expect(err.problems.some((p) => p.startsWith("clusters[1].signals.custom[0].metric: "))).toBe(true);
    expect(err.message).toContain("clusters[0].maxNodes: must be ≥ minNodes");
  });

  it("says when the document is not JSON", async () => {
    const err = await configError(loadDeploymentConfig({ DP_AUTOSCALER_CONFIG: "{clusters:" }, noParameter));
    expect(err.problems).toEqual([expect.stringMatching(/^\(document\): not valid JSON/)]);
  });

  it("says which variable to set when neither is, and refuses both at once", async () => {
    expect((await configError(loadDeploymentConfig({}, noParameter))).problems[0]).toMatch(
      /set DP_AUTOSCALER_CONFIG .* or DP_AUTOSCALER_CONFIG_PARAM/,
    );
    const both = { DP_AUTOSCALER_CONFIG: valid, DP_AUTOSCALER_CONFIG_PARAM: "/dp/config" };
    expect((await configError(loadDeploymentConfig(both, noParameter))).problems[0]).toMatch(/both set/);
  });

  it("names the parameter when it cannot be read", async () => {
    const err = await configError(
      loadDeploymentConfig({ DP_AUTOSCALER_CONFIG_PARAM: "/dp/missing" }, () =>
        Promise.reject(new Error("ParameterNotFound")),
      ),
    );
    expect(err.source).toBe("SSM parameter /dp/missing");
    expect(err.problems[0]).toContain("ParameterNotFound");
  });

  it("names paths inside records and unknown keys", () => {
    const doc = {
      clusters: [
        {
          name: "p",
          autoScalingGroupName: "a",
          targetGroupArns: [tg],
          surprise: true,
          signals: {
            requestRate: {
              metric: { namespace: "AWS/ApplicationELB", metricName: "RequestCount", stat: "sum" },
              targetPerNode: 10,
            },
          },
        },
      ],
    };
    try {
      parseDeploymentConfig(JSON.stringify(doc), "test.json");
      expect.unreachable();
    } catch (err) {
      const problems = (err as ConfigError).problems;
      expect(problems).toContain(
        "clusters[0].signals.requestRate.metric.stat: must be Average, Sum, Maximum, Minimum, SampleCount or pNN",
      );
      expect(problems.some((p) => p.startsWith("clusters[0]: ") && p.includes("surprise"))).toBe(true);
    }
  });
});

describe("createConfigLoader", () => {
  it("reads the parameter once per cold start", async () => {
    const read = vi.fn(async () => valid);
    const load = createConfigLoader({ DP_AUTOSCALER_CONFIG_PARAM: "/dp/config" }, read);
    const [a, b] = await Promise.all([load(), load()]);
    const c = await load();
    expect(read).toHaveBeenCalledTimes(1);
    expect(a).toBe(b);
    expect(c).toBe(a);
  });

  it("does not cache a failure: the next call reads again", async () => {
    const read = vi
      .fn<(name: string) => Promise<string>>()
      .mockRejectedValueOnce(new Error("throttled"))
      .mockResolvedValue(valid);
    const load = createConfigLoader({ DP_AUTOSCALER_CONFIG_PARAM: "/dp/config" }, read);
    await expect(load()).rejects.toBeInstanceOf(ConfigError);
    await expect(load()).resolves.toMatchObject({ version: 1 });
    expect(read).toHaveBeenCalledTimes(2);
  });
});
