import { describe, expect, it } from "vitest";
import { awsDeps } from "../../../cli/aws-deps.ts";
import { AutoScalingFleet } from "../../../shared/aws/auto-scaling.ts";
import { CloudWatchMetrics } from "../../../shared/aws/cloudwatch.ts";
import { EnvError, readRuntimeEnv } from "../../../shared/runtime/env.ts";

const tg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef";

describe("readRuntimeEnv", () => {
  it("reads the region, service name and log level, with defaults", () => {
    expect(readRuntimeEnv({ AWS_REGION: "eu-west-1" })).toEqual({
      region: "eu-west-1",
      serviceName: "dp-autoscaler",
      logLevel: "INFO",
    });
    expect(
      readRuntimeEnv({
        AWS_DEFAULT_REGION: "us-gov-west-1",
        POWERTOOLS_SERVICE_NAME: "dp",
        POWERTOOLS_LOG_LEVEL: "debug",
      }),
    ).toEqual({ region: "us-gov-west-1", serviceName: "dp", logLevel: "DEBUG" });
  });

  it.each([
    [{}, "AWS_REGION: not set"],
    [{ AWS_REGION: "US East (Ohio)" }, 'AWS_REGION: "US East (Ohio)" is not a region code'],
    [{ AWS_REGION: "us-east-1", POWERTOOLS_LOG_LEVEL: "loud" }, 'POWERTOOLS_LOG_LEVEL: "loud" is not one of'],
  ])("refuses %j naming the variable", (env, message) => {
    let error: unknown;
    try {
      readRuntimeEnv(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect((error as EnvError).message.startsWith(message)).toBe(true);
  });
});

describe("awsDeps", () => {
  it("composes the AWS adapters and a loader reading the environment's configuration", async () => {
    const config = JSON.stringify({ clusters: [{ name: "p", autoScalingGroupName: "a", targetGroupArns: [tg] }] });
    const deps = awsDeps({ AWS_REGION: "us-east-1", POWERTOOLS_LOG_LEVEL: "SILENT", DP_AUTOSCALER_CONFIG: config });
    expect(deps.region).toBe("us-east-1");
    expect(deps.fleet).toBeInstanceOf(AutoScalingFleet);
    expect(deps.metrics).toBeInstanceOf(CloudWatchMetrics);
    expect((await deps.loadConfig()).clusters[0]!.name).toBe("p");
    expect(await deps.loadConfig()).toBe(await deps.loadConfig());
  });

  it("fails the cold start on a bad environment", () => {
    expect(() => awsDeps({})).toThrow(EnvError);
  });
});
