/**
 * The per-function composition roots (functions/<function>/handler.ts): each Lambda function gets real adapters for the ports it
 * uses and stand-ins that throw `PortNotAvailableError` for the others; `awsDeps()` (the CLI) gets them all.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { awsDeps } from "../../../cli/aws-deps.ts";
import { drainDeps } from "../../../functions/drain/handler.ts";
import { launchDeps } from "../../../functions/launch/handler.ts";
import { operatorDeps } from "../../../functions/operator/handler.ts";
import { scalerDeps } from "../../../functions/scaler/handler.ts";
import { AutoScalingFleet } from "../../../shared/aws/auto-scaling.ts";
import { resetAwsClients } from "../../../shared/aws/clients.ts";
import { CloudWatchMetrics } from "../../../shared/aws/cloudwatch.ts";
import { Ec2Instances } from "../../../shared/aws/ec2.ts";
import { Elbv2Targets } from "../../../shared/aws/elbv2.ts";
import { LambdaContinuation } from "../../../shared/aws/lambda-invoke.ts";
import type { AutoscalerDeps } from "../../../shared/ports/deps.ts";
import { EnvError } from "../../../shared/runtime/env.ts";
import {
  type AdapterPort,
  LAMBDA_FUNCTIONS,
  type LambdaFunction,
  PORTS_OF_FUNCTION,
  PortNotAvailableError,
  unavailablePorts,
  withOnlyPorts,
} from "../../../shared/runtime/functions.ts";

// Importing a composition root builds its handler, as Lambda does at init: it needs a region.
vi.hoisted(() => {
  process.env.AWS_REGION ??= "eu-west-1";
});

const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dp/0123456789abcdef";
const ENV = {
  AWS_REGION: "eu-west-1",
  POWERTOOLS_LOG_LEVEL: "SILENT",
  DP_AUTOSCALER_CONFIG: JSON.stringify({
    clusters: [{ name: "c", autoScalingGroupName: "asg", targetGroupArns: [TG] }],
  }),
};
const ADAPTER_PORTS: AdapterPort[] = ["fleet", "instances", "targets", "metrics", "probe", "continuation"];
const ADAPTER_CLASS: Record<Exclude<AdapterPort, "probe">, new (...args: never[]) => object> = {
  fleet: AutoScalingFleet,
  instances: Ec2Instances,
  targets: Elbv2Targets,
  metrics: CloudWatchMetrics,
  continuation: LambdaContinuation,
};
const COMPOSE: Record<LambdaFunction, (env: NodeJS.ProcessEnv) => AutoscalerDeps> = {
  scaler: scalerDeps,
  launch: launchDeps,
  drain: drainDeps,
  operator: operatorDeps,
};

/** Every method of a port, called with no arguments; what it threw synchronously (undefined: it did not throw). */
function thrownByEveryMethod(port: object): unknown[] {
  return Object.values(port).map((method: () => unknown) => {
    try {
      const r = method();
      (r as Promise<unknown> | undefined)?.catch?.(() => {});
      return undefined;
    } catch (error) {
      return error;
    }
  });
}

let dp: Server;
let dpUrl: string;
beforeAll(async () => {
  dp = createServer((_req, res) => res.end("ok"));
  await new Promise<void>((resolve) => dp.listen(0, "127.0.0.1", resolve));
  dpUrl = `http://127.0.0.1:${(dp.address() as AddressInfo).port}/status/ready`;
});
afterAll(async () => {
  resetAwsClients();
  await new Promise((resolve) => dp.close(resolve));
});

/** The port is the real thing: the adapter class, or for the probe, an HTTP GET that reaches a local server. */
async function expectReal(deps: AutoscalerDeps, port: AdapterPort) {
  if (port === "probe")
    expect(await deps.probe.get(dpUrl, 2_000)).toEqual({ kind: "response", status: 200, body: "ok" });
  else expect(deps[port]).toBeInstanceOf(ADAPTER_CLASS[port]);
}

describe("unavailablePorts", () => {
  it.each(ADAPTER_PORTS)("%s: every method throws, synchronously, a PortNotAvailableError naming the call", (port) => {
    const stand = unavailablePorts("drain")[port];
    const thrown = thrownByEveryMethod(stand);
    expect(thrown.length).toBeGreaterThan(0);
    Object.keys(stand).forEach((method, i) => {
      expect(thrown[i]).toBeInstanceOf(PortNotAvailableError);
      expect(thrown[i]).toMatchObject({ port, functionName: "drain", method, name: "PortNotAvailableError" });
      expect((thrown[i] as Error).message).toContain(
        `${port}.${method}(): the ${port} port is not available in the drain`,
      );
    });
  });
});

describe.each(LAMBDA_FUNCTIONS)("%s's composition", (fn) => {
  const deps = COMPOSE[fn](ENV);
  const used: readonly AdapterPort[] = PORTS_OF_FUNCTION[fn];

  it.each(ADAPTER_PORTS.filter((p) => used.includes(p)))("has a real %s adapter", async (port) => {
    await expectReal(deps, port);
  });

  it.each(ADAPTER_PORTS.filter((p) => !used.includes(p)))("has no %s: calling it fails loudly", (port) => {
    for (const error of thrownByEveryMethod(deps[port]))
      expect(error).toMatchObject({ name: "PortNotAvailableError", port, functionName: fn });
  });

  it("has what every function has: config, clock, logger, EMF publisher, notifier, region", async () => {
    expect((await deps.loadConfig()).clusters.map((c) => c.name)).toEqual(["c"]);
    expect(deps.region).toBe("eu-west-1");
    expect(typeof deps.clock.now()).toBe("number");
    expect(typeof deps.publisher.publish).toBe("function");
    expect(typeof deps.notifier.notify).toBe("function");
  });

  it("fails the cold start on a wrong environment, naming the variable", () => {
    expect(() => COMPOSE[fn]({})).toThrow(EnvError);
  });
});

describe("awsDeps (the CLI)", () => {
  it.each(ADAPTER_PORTS)("has a real %s adapter", async (port) => {
    await expectReal(awsDeps(ENV), port);
  });
});

describe("withOnlyPorts", () => {
  it("keeps the function's ports and everything else, and replaces the others by stand-ins", () => {
    const deps = awsDeps(ENV);
    const drain = withOnlyPorts(deps, "drain");
    expect(drain.fleet).toBe(deps.fleet);
    expect(drain.targets).toBe(deps.targets);
    expect(drain.continuation).toBe(deps.continuation);
    expect(drain.loadConfig).toBe(deps.loadConfig);
    expect(drain.notifier).toBe(deps.notifier);
    expect(() => drain.metrics.fetch([], 0, 1)).toThrow(PortNotAvailableError);
    expect(() => drain.instances.describeInstance("i-1")).toThrow(/instances\.describeInstance\(\).*drain function/);
    expect(() => drain.probe.get(dpUrl, 1)).toThrow(PortNotAvailableError);
    // The original is untouched.
    expect(deps.metrics).toBeInstanceOf(CloudWatchMetrics);
  });
});
