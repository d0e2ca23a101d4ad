/**
 * AWS faults through the real SDK retry path: the real adapters and SDK clients against an AWS-protocol stub on
 * 127.0.0.1 (`support/aws-stub.ts`), with the production retry policy (standard mode, 3 attempts; only the backoff
 * shortened). Throttling and 5xx are absorbed by the SDK's retries while they are transient; when they persist the
 * adapter raises the mapped error class; Auto Scaling's own refusals map to contention / validation; and a scaler
 * ticking under a 50 % fault rate never asks for a size outside the bounds and converges.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type DeploymentConfig, deploymentConfigSchema } from "../../shared/config/schema.ts";
import type { AutoscalerDeps } from "../../shared/ports/deps.ts";
import {
  AwsCallError,
  AwsContentionError,
  AwsServiceError,
  AwsThrottlingError,
  AwsValidationError,
} from "../../shared/ports/errors.ts";
import { OWN_METRICS } from "../../shared/ports/metrics.ts";
import { unavailablePorts } from "../../shared/runtime/functions.ts";
import { createScalerHandler } from "../../shared/services/scaler/create-handler.ts";
import { fakeLambdaContext } from "../../test-kit/fake-lambda-context.ts";
import { capturingLogger } from "../../test-kit/fake-logger.ts";
import { FakePublisher } from "../../test-kit/fake-metrics.ts";
import { FakeNotifier } from "../../test-kit/fake-notifier.ts";
import { ManualClock } from "../../test-kit/manual-clock.ts";
import { type AwsStub, type FaultKind, type StubGroup, startAwsStub } from "./support/aws-stub.ts";
import { SDK_MAX_ATTEMPTS, type StubAdapters, stubAdapters, useStubEnvironment } from "./support/stub-adapters.ts";

/** Ports the scaler Lambda is not built with: any call throws PortNotAvailableError, as in production. */
const notInScaler = unavailablePorts("scaler");

const GROUP = "dp-prod";
const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dp-prod/0123456789abcdef";
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

let stub: AwsStub;
let restoreEnv: () => void;
let aws: StubAdapters;
let group: StubGroup;

beforeAll(async () => {
  stub = await startAwsStub();
  restoreEnv = useStubEnvironment(stub.url);
});
afterAll(async () => {
  restoreEnv();
  await stub.close();
});
beforeEach(() => {
  stub.reset();
  group = stub.addGroup({ name: GROUP, desired: 4, min: 2, max: 10 });
  aws = stubAdapters();
});
afterEach(() => aws.destroy());

/** One call of each operation the functions make, with what success looks like. */
const OPERATIONS: Record<string, { call: () => Promise<unknown>; succeeded: (result: unknown) => void }> = {
  DescribeAutoScalingGroups: {
    call: () => aws.fleet.describeGroup(GROUP),
    succeeded: (r) => expect(r).toMatchObject({ name: GROUP, desired: 4, min: 2, max: 10 }),
  },
  SetDesiredCapacity: {
    call: () => aws.fleet.setDesiredCapacity(GROUP, 5),
    succeeded: () => expect(group.desired).toBe(5),
  },
  CompleteLifecycleAction: {
    call: () => {
      group.instances[0]!.lifecycleState = "Pending:Wait";
      return aws.fleet.completeLifecycleAction(
        { groupName: GROUP, hookName: "launch", instanceId: group.instances[0]!.id },
        "CONTINUE",
      );
    },
    succeeded: (r) => expect(r).toBe("completed"),
  },
  RegisterTargets: {
    call: () => aws.targets.register(TG, [group.instances[0]!.id]),
    succeeded: () => expect(stub.targets.get(TG)?.get(group.instances[0]!.id)).toBe("healthy"),
  },
  DescribeTargetHealth: {
    call: () => {
      stub.targets.set(TG, new Map([[group.instances[0]!.id, "healthy"]]));
      return aws.targets.health(TG, [group.instances[0]!.id]);
    },
    succeeded: (r) => expect(r).toEqual([{ instanceId: group.instances[0]!.id, state: "healthy" }]),
  },
  GetMetricData: {
    call: () =>
      aws.metrics.fetch(
        [
          {
            id: "cpu",
            namespace: "AWS/EC2",
            metricName: "CPUUtilization",
            dimensions: { AutoScalingGroupName: GROUP },
            stat: "Average",
            periodSeconds: 60,
          },
        ],
        NOW - 900_000,
        NOW,
      ),
    succeeded: (r) => expect((r as { cpu: unknown[] }).cpu.length).toBeGreaterThan(0),
  },
  DescribeInstances: {
    call: () => aws.instances.describeInstance(group.instances[0]!.id),
    succeeded: (r) => expect(r).toMatchObject({ instanceId: group.instances[0]!.id, state: "running" }),
  },
};

const TRANSIENT: FaultKind[] = ["throttling", "server-error", "unavailable"];

/** What a persistent fault must surface as, once the SDK's attempts are spent. */
function expectedError(kind: FaultKind, operation: string) {
  if (kind === "throttling")
    return {
      cls: AwsThrottlingError,
      code: operation === "DescribeInstances" ? "RequestLimitExceeded" : "Throttling",
      status: operation === "DescribeInstances" ? 503 : 400,
    };
  return {
    cls: AwsServiceError,
    code: kind === "server-error" ? "InternalFailure" : "ServiceUnavailable",
    status: kind === "server-error" ? 500 : 503,
  };
}

describe("SDK retries absorb transient faults", () => {
  for (const operation of Object.keys(OPERATIONS))
    for (const kind of TRANSIENT)
      it(`${operation}: two ${kind} answers, then success → the call succeeds on the third attempt`, async () => {
        stub.failNext(operation, kind, SDK_MAX_ATTEMPTS - 1);
        const op = OPERATIONS[operation]!;
        op.succeeded(await op.call());
        const attempts = stub.callsOf(operation);
        expect(attempts).toHaveLength(SDK_MAX_ATTEMPTS);
        expect(attempts.map((c) => c.fault !== undefined)).toEqual([true, true, false]);
      });
});

describe("persistent faults surface as the mapped error after the SDK's attempts", () => {
  for (const operation of Object.keys(OPERATIONS))
    for (const kind of TRANSIENT)
      it(`${operation}: ${kind} on every attempt → ${expectedError(kind, operation).cls.name}`, async () => {
        stub.failNext(operation, kind, SDK_MAX_ATTEMPTS + 5);
        const error = await OPERATIONS[operation]!.call().then(
          () => undefined,
          (e: unknown) => e,
        );
        const want = expectedError(kind, operation);
        expect(error).toBeInstanceOf(want.cls);
        const e = error as AwsCallError;
        expect(e).toMatchObject({ operation, code: want.code, retryable: true, httpStatusCode: want.status });
        expect(stub.callsOf(operation)).toHaveLength(SDK_MAX_ATTEMPTS);
      });
});

describe("Auto Scaling's refusals", () => {
  it("ScalingActivityInProgress (400) is not retried by the SDK and maps to AwsContentionError", async () => {
    stub.failNext("SetDesiredCapacity", "scaling-activity-in-progress");
    const e = await aws.fleet.setDesiredCapacity(GROUP, 6).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AwsContentionError);
    expect(e).toMatchObject({ code: "ScalingActivityInProgress", retryable: true, httpStatusCode: 400 });
    expect(stub.callsOf("SetDesiredCapacity")).toHaveLength(1);
    expect(group.desired).toBe(4);
  });

  it("ResourceContention (500) is retried by the SDK; once it clears, the change is made", async () => {
    stub.failNext("SetDesiredCapacity", "resource-contention", 2);
    await aws.fleet.setDesiredCapacity(GROUP, 6);
    expect(group.desired).toBe(6);
    expect(stub.callsOf("SetDesiredCapacity")).toHaveLength(3);
  });

  it("ResourceContention that persists maps to AwsContentionError after the SDK's attempts", async () => {
    stub.failNext("SetDesiredCapacity", "resource-contention", 5);
    const e = await aws.fleet.setDesiredCapacity(GROUP, 6).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AwsContentionError);
    expect(e).toMatchObject({ code: "ResourceContention", httpStatusCode: 500 });
    expect(stub.callsOf("SetDesiredCapacity")).toHaveLength(SDK_MAX_ATTEMPTS);
  });

  it("ValidationError for a desired size above the group's max maps to AwsValidationError, not retried", async () => {
    const e = await aws.fleet.setDesiredCapacity(GROUP, 12).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AwsValidationError);
    expect(e).toMatchObject({ code: "ValidationError", retryable: false, httpStatusCode: 400 });
    expect((e as Error).message).toContain("above max value 10");
    expect(stub.callsOf("SetDesiredCapacity")).toHaveLength(1);
    expect(group.desired).toBe(4);
  });

  it("'No active Lifecycle Action found' (a ValidationError) means the action is over: not-found, not an error", async () => {
    const r = await aws.fleet.completeLifecycleAction(
      { groupName: GROUP, hookName: "launch", instanceId: group.instances[0]!.id },
      "CONTINUE",
    );
    expect(r).toBe("not-found");
    expect(stub.callsOf("CompleteLifecycleAction")).toEqual([
      expect.objectContaining({ fault: "ValidationError", status: 400 }),
    ]);
  });

  it("an instance EC2 does not know (InvalidInstanceID.NotFound) reads as gone", async () => {
    expect(await aws.instances.describeInstance("i-0fffffffffffffff0")).toBeUndefined();
  });
});

describe("random faults at up to 50 %", () => {
  for (const rate of [0.1, 0.3, 0.5])
    it(`at ${rate * 100} %: a call fails only when all ${SDK_MAX_ATTEMPTS} attempts fault, and then with a retryable mapped error`, async () => {
      stub.setFaultRate(rate, TRANSIENT, Math.round(rate * 1000));
      const names = Object.keys(OPERATIONS);
      let failed = 0;
      let injected = 0;
      for (let i = 0; i < 70; i++) {
        const operation = names[i % names.length]!;
        const from = stub.calls.length;
        const outcome = await OPERATIONS[operation]!.call().then(
          () => undefined,
          (e: unknown) => e,
        );
        const attempts = stub.calls.slice(from);
        injected += attempts.filter((c) => c.fault !== undefined).length;
        expect(attempts.length).toBeGreaterThanOrEqual(1);
        expect(attempts.length).toBeLessThanOrEqual(SDK_MAX_ATTEMPTS);
        const allFaulted = attempts.length === SDK_MAX_ATTEMPTS && attempts.every((c) => c.fault !== undefined);
        if (outcome === undefined) {
          expect(attempts.at(-1)!.fault).toBeUndefined();
          continue;
        }
        failed++;
        expect(allFaulted).toBe(true);
        expect(outcome).toBeInstanceOf(AwsCallError);
        expect(outcome).toMatchObject({ retryable: true, operation });
        expect([AwsThrottlingError, AwsServiceError].some((c) => outcome instanceof c)).toBe(true);
      }
      // Most injected faults were absorbed: a call fails only when every one of its attempts faulted.
      expect(injected).toBeGreaterThan(0);
      expect(failed * SDK_MAX_ATTEMPTS).toBeLessThan(injected);
      if (process.env.RELIABILITY_REPORT)
        console.info(`sdk-faults rate=${rate}: 70 calls, ${injected} faults injected, ${failed} calls failed`);
    });
});

describe("the scaler under a 50 % fault rate", () => {
  function scaler(config: DeploymentConfig) {
    const clock = new ManualClock(NOW);
    const publisher = new FakePublisher();
    const log = capturingLogger();
    const deps: AutoscalerDeps = {
      loadConfig: async () => config,
      clock,
      logger: log.logger,
      fleet: aws.fleet,
      instances: aws.instances,
      targets: notInScaler.targets,
      metrics: aws.metrics,
      publisher,
      probe: notInScaler.probe,
      notifier: new FakeNotifier(),
      continuation: notInScaler.continuation,
      region: "eu-west-1",
    };
    const handler = createScalerHandler(deps);
    const tick = async () => {
      await clock.advance(60_000);
      return handler({ reconcile: "all" }, fakeLambdaContext());
    };
    return { tick, publisher };
  }

  const config = (maxStepNodes: number) =>
    deploymentConfigSchema.parse({
      clusters: [
        {
          name: "prod",
          autoScalingGroupName: GROUP,
          targetGroupArns: [TG],
          minNodes: 2,
          maxNodes: 10,
          signals: { bandwidth: { enabled: false } },
          scaling: { scaleOut: { maxStepNodes, maxStepPercent: 0 }, leadTimeSeconds: 0 },
        },
      ],
    });

  for (const asgMax of [10, 6])
    it(`never asks for a size outside [2, ${asgMax}] and converges on ${Math.min(8, asgMax)} (ASG max ${asgMax})`, async () => {
      group.max = asgMax;
      // 560 %·nodes of CPU: 140 % on 4 nodes; 8 nodes bring it to the 70 % target.
      stub.cpuLoad = 560;
      stub.setFaultRate(0.5, TRANSIENT, 7 + asgMax);
      const { tick } = scaler(config(1));
      const want = Math.min(8, asgMax);
      const sizes: number[] = [];
      let failedTicks = 0;
      for (let i = 0; i < 30; i++) {
        const r = await tick();
        if (!r.ok) {
          failedTicks++;
          // A failed tick names the AWS call and its mapped error: nothing is silently half-done.
          expect(r.decisions[0]?.error).toMatch(/^\w+ failed: (Throttling|InternalFailure|ServiceUnavailable): /);
        }
        sizes.push(group.desired);
      }
      for (const call of stub.callsOf("SetDesiredCapacity")) {
        expect(call.desired).toBeGreaterThanOrEqual(2);
        expect(call.desired).toBeLessThanOrEqual(asgMax);
        expect(call.fault).not.toBe("ValidationError");
      }
      // One node per tick (maxStepNodes 1), never backwards, and it settles where the load says.
      for (let i = 1; i < sizes.length; i++) {
        expect(sizes[i]! - sizes[i - 1]!).toBeGreaterThanOrEqual(0);
        expect(sizes[i]! - sizes[i - 1]!).toBeLessThanOrEqual(1);
      }
      expect(sizes.at(-1)).toBe(want);
      expect(sizes.slice(-5)).toEqual([want, want, want, want, want]);
      expect(failedTicks).toBeGreaterThan(0);
      if (process.env.RELIABILITY_REPORT)
        console.info(
          `scaler at 50 % faults, ASG max ${asgMax}: sizes ${sizes.join(",")}; ${failedTicks}/30 ticks failed; ` +
            `${stub.calls.filter((c) => c.fault).length}/${stub.calls.length} requests faulted`,
        );
    });

  it("treats ScalingActivityInProgress as contention: the tick succeeds, counts it, and the next tick converges", async () => {
    stub.cpuLoad = 560;
    const { tick, publisher } = scaler(config(4));
    stub.failNext("SetDesiredCapacity", "scaling-activity-in-progress");
    const first = await tick();
    expect(first.ok).toBe(true);
    expect(first.decisions[0]).toMatchObject({ applied: "contention", desired: 8 });
    expect(publisher.values("prod", OWN_METRICS.contention)).toEqual([1]);
    expect(group.desired).toBe(4);
    const second = await tick();
    expect(second.decisions[0]).toMatchObject({ applied: "set", desired: 8 });
    expect(group.desired).toBe(8);
  });
});
