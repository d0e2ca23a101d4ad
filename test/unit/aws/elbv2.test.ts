import {
  DeregisterTargetsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  ElasticLoadBalancingV2ServiceException,
  RegisterTargetsCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { mockClient } from "aws-sdk-client-mock";
import "aws-sdk-client-mock-vitest/extend";
import { beforeEach, describe, expect, it } from "vitest";
import { Elbv2Targets } from "../../../shared/aws/elbv2.ts";
import { AwsNotFoundError, AwsThrottlingError } from "../../../shared/ports/errors.ts";
import { checkCallsAgainstAwsModels } from "../../aws-models/mock-calls.ts";
import { sdkError } from "./sdk-errors.ts";

const mock = mockClient(ElasticLoadBalancingV2Client);
checkCallsAgainstAwsModels("elbv2", mock);
const targets = () => new Elbv2Targets(new ElasticLoadBalancingV2Client({ region: "eu-west-1" }));
const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dp/0123456789abcdef";
const ids = (n: number) => Array.from({ length: n }, (_, i) => `i-${String(i).padStart(5, "0")}`);
const invalidTarget = () =>
  sdkError(ElasticLoadBalancingV2ServiceException, {
    name: "InvalidTargetException",
    code: "InvalidTarget",
    message: "The following targets are not valid instances: 'i-gone'",
    status: 400,
  });

beforeEach(() => mock.reset());

describe("Elbv2Targets register / deregister", () => {
  it("registers instances by id", async () => {
    mock.on(RegisterTargetsCommand).resolves({});
    await targets().register(TG, ["i-1", "i-2"]);
    expect(mock).toHaveReceivedCommandExactlyOnceWith(RegisterTargetsCommand, {
      TargetGroupArn: TG,
      Targets: [{ Id: "i-1" }, { Id: "i-2" }],
    });
  });

  it("chunks at 100 targets per call", async () => {
    mock.on(RegisterTargetsCommand).resolves({}).on(DeregisterTargetsCommand).resolves({});
    const all = ids(250);
    await targets().register(TG, all);
    await targets().deregister(TG, all);
    for (const Command of [RegisterTargetsCommand, DeregisterTargetsCommand]) {
      const calls = mock.commandCalls(Command).map((c) => c.args[0].input.Targets?.map((t) => t.Id));
      expect(calls.map((c) => c?.length)).toEqual([100, 100, 50]);
      expect(calls.flat()).toEqual(all);
    }
  });

  it("makes no call for an empty list", async () => {
    await targets().register(TG, []);
    await targets().deregister(TG, []);
    expect(mock).not.toHaveReceivedAnyCommand();
  });

  it("maps a missing target group to AwsNotFoundError and throttling to AwsThrottlingError", async () => {
    mock
      .on(RegisterTargetsCommand)
      .rejects(
        sdkError(ElasticLoadBalancingV2ServiceException, {
          name: "TargetGroupNotFoundException",
          code: "TargetGroupNotFound",
          message: "One or more target groups not found",
          status: 400,
        }),
      )
      .on(DeregisterTargetsCommand)
      .rejects(
        sdkError(ElasticLoadBalancingV2ServiceException, { name: "Throttling", message: "Rate exceeded", status: 400 }),
      );
    await expect(targets().register(TG, ["i-1"])).rejects.toBeInstanceOf(AwsNotFoundError);
    await expect(targets().deregister(TG, ["i-1"])).rejects.toBeInstanceOf(AwsThrottlingError);
  });
});

describe("Elbv2Targets.deregister and InvalidTarget", () => {
  it("counts a target ELBv2 answers InvalidTarget for (gone, or never registered) as deregistered", async () => {
    mock.on(DeregisterTargetsCommand).rejects(invalidTarget());
    await expect(targets().deregister(TG, ["i-gone"])).resolves.toBeUndefined();
    expect(mock).toHaveReceivedCommandTimes(DeregisterTargetsCommand, 1);
  });

  it("retries the others one by one, so one gone instance does not keep the rest registered", async () => {
    mock
      .on(DeregisterTargetsCommand)
      .rejects(invalidTarget())
      .on(DeregisterTargetsCommand, { TargetGroupArn: TG, Targets: [{ Id: "i-1" }] })
      .resolves({})
      .on(DeregisterTargetsCommand, { TargetGroupArn: TG, Targets: [{ Id: "i-3" }] })
      .resolves({});
    await targets().deregister(TG, ["i-1", "i-gone", "i-3"]);
    const calls = mock.commandCalls(DeregisterTargetsCommand).map((c) => c.args[0].input.Targets?.map((t) => t.Id));
    expect(calls).toEqual([["i-1", "i-gone", "i-3"], ["i-1"], ["i-gone"], ["i-3"]]);
  });

  it("still fails on any other error", async () => {
    mock
      .on(DeregisterTargetsCommand)
      .rejects(invalidTarget())
      .on(DeregisterTargetsCommand, { TargetGroupArn: TG, Targets: [{ Id: "i-1" }] })
      .rejects(
        sdkError(ElasticLoadBalancingV2ServiceException, { name: "Throttling", message: "Rate exceeded", status: 400 }),
      );
    await expect(targets().deregister(TG, ["i-1", "i-gone"])).rejects.toBeInstanceOf(AwsThrottlingError);
  });
});

describe("Elbv2Targets.health", () => {
  it("asks for the given targets and maps state and reason", async () => {
    mock.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [
        { Target: { Id: "i-1", Port: 9080 }, HealthCheckPort: "9080", TargetHealth: { State: "healthy" } },
        {
          Target: { Id: "i-2", Port: 9080 },
          TargetHealth: {
            State: "initial",
            Reason: "Elb.RegistrationInProgress",
            Description: "Target registration is in progress",
          },
        },
        {
          Target: { Id: "i-3", Port: 9080 },
          TargetHealth: { State: "unused", Reason: "Target.NotRegistered", Description: "Target is not registered" },
        },
      ],
    });

    const out = await targets().health(TG, ["i-1", "i-2", "i-3"]);

    expect(mock).toHaveReceivedCommandExactlyOnceWith(DescribeTargetHealthCommand, {
      TargetGroupArn: TG,
      Targets: [{ Id: "i-1" }, { Id: "i-2" }, { Id: "i-3" }],
    });
    expect(out).toEqual([
      { instanceId: "i-1", state: "healthy" },
      { instanceId: "i-2", state: "initial", reason: "Elb.RegistrationInProgress" },
      { instanceId: "i-3", state: "unused", reason: "Target.NotRegistered" },
    ]);
  });

  it("lists every registered target when no ids are given", async () => {
    mock.on(DescribeTargetHealthCommand).resolves({
      TargetHealthDescriptions: [
        {
          Target: { Id: "i-1", Port: 9080 },
          TargetHealth: { State: "draining", Reason: "Target.DeregistrationInProgress" },
        },
        { Target: { Id: "i-2", Port: 9080 }, TargetHealth: { State: "unhealthy.draining" } },
      ],
    });
    const out = await targets().health(TG);
    expect(mock.commandCalls(DescribeTargetHealthCommand)[0]?.args[0].input).toEqual({ TargetGroupArn: TG });
    expect(out).toEqual([
      { instanceId: "i-1", state: "draining", reason: "Target.DeregistrationInProgress" },
      { instanceId: "i-2", state: "draining" },
    ]);
  });

  it("answers unused for ids ELBv2 left out of its answer", async () => {
    mock.on(DescribeTargetHealthCommand).resolves({ TargetHealthDescriptions: [] });
    expect(await targets().health(TG, ["i-9"])).toEqual([
      { instanceId: "i-9", state: "unused", reason: "Target.NotRegistered" },
    ]);
  });

  it("answers unused for instances EC2 no longer knows (InvalidTarget), reading the rest from the full list", async () => {
    // Like ELBv2: naming an instance EC2 does not know fails the call; the full list still answers.
    mock.on(DescribeTargetHealthCommand).callsFake((input: { Targets?: { Id: string }[] }) => {
      if (input.Targets?.some((t) => t.Id === "i-gone")) throw invalidTarget();
      return { TargetHealthDescriptions: [{ Target: { Id: "i-1", Port: 9080 }, TargetHealth: { State: "healthy" } }] };
    });

    const out = await targets().health(TG, ["i-1", "i-gone"]);

    expect(out).toEqual([
      { instanceId: "i-1", state: "healthy" },
      { instanceId: "i-gone", state: "unused", reason: "Target.NotRegistered" },
    ]);
    expect(mock).toHaveReceivedCommandTimes(DescribeTargetHealthCommand, 2);
  });
});

describe("Elbv2Targets.deregistrationDelaySeconds", () => {
  it("reads the attribute once per target group", async () => {
    mock.on(DescribeTargetGroupAttributesCommand).resolves({
      Attributes: [
        { Key: "stickiness.enabled", Value: "false" },
        { Key: "deregistration_delay.timeout_seconds", Value: "120" },
      ],
    });
    const port = targets();
    expect(await port.deregistrationDelaySeconds(TG)).toBe(120);
    expect(await port.deregistrationDelaySeconds(TG)).toBe(120);
    expect(mock).toHaveReceivedCommandExactlyOnceWith(DescribeTargetGroupAttributesCommand, { TargetGroupArn: TG });
  });

  it("defaults to ELBv2's 300 s when the attribute is absent", async () => {
    mock.on(DescribeTargetGroupAttributesCommand).resolves({ Attributes: [] });
    expect(await targets().deregistrationDelaySeconds(TG)).toBe(300);
  });
});
