import {
  AutoScalingClient,
  CompleteLifecycleActionCommand,
  CreateOrUpdateTagsCommand,
  DeleteTagsCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeLifecycleHooksCommand,
  DescribeScalingActivitiesCommand,
  RecordLifecycleActionHeartbeatCommand,
  SetDesiredCapacityCommand,
} from "@aws-sdk/client-auto-scaling";
import { mockClient } from "aws-sdk-client-mock";
import "aws-sdk-client-mock-vitest/extend";
import { beforeEach, describe, expect, it } from "vitest";
import { AutoScalingFleet } from "../../../shared/aws/auto-scaling.ts";
import { AwsContentionError, AwsThrottlingError, AwsValidationError } from "../../../shared/ports/errors.ts";
import { checkCallsAgainstAwsModels } from "../../aws-models/mock-calls.ts";
import { asg } from "./sdk-errors.ts";

const mock = mockClient(AutoScalingClient);
checkCallsAgainstAwsModels("autoscaling", mock);
const fleet = () => new AutoScalingFleet(new AutoScalingClient({ region: "eu-west-1" }));
const ref = { groupName: "dp", hookName: "launch-hook", instanceId: "i-1" };

beforeEach(() => mock.reset());

describe("AutoScalingFleet.describeGroup", () => {
  it("asks for exactly one group and maps its state", async () => {
    mock.on(DescribeAutoScalingGroupsCommand).resolves({
      AutoScalingGroups: [
        {
          AutoScalingGroupName: "dp",
          DesiredCapacity: 3,
          MinSize: 2,
          MaxSize: 10,
          DefaultCooldown: 300,
          AvailabilityZones: ["eu-west-1a"],
          HealthCheckType: "EC2",
          CreatedTime: new Date(0),
          Instances: [
            {
              InstanceId: "i-1",
              InstanceType: "c6i.large",
              AvailabilityZone: "eu-west-1a",
              LifecycleState: "InService",
              HealthStatus: "Healthy",
              ProtectedFromScaleIn: false,
            },
            {
              InstanceId: "i-2",
              InstanceType: "c6i.large",
              AvailabilityZone: "eu-west-1b",
              LifecycleState: "Pending:Wait",
              HealthStatus: "Unhealthy",
              ProtectedFromScaleIn: false,
            },
          ],
          Tags: [
            { Key: "dp-autoscaler:paused", Value: '{"s":1}', ResourceId: "dp", ResourceType: "auto-scaling-group" },
          ],
          TargetGroupARNs: [],
        },
      ],
    });

    const group = await fleet().describeGroup("dp");

    expect(mock).toHaveReceivedCommandExactlyOnceWith(DescribeAutoScalingGroupsCommand, {
      AutoScalingGroupNames: ["dp"],
    });
    expect(group).toEqual({
      name: "dp",
      desired: 3,
      min: 2,
      max: 10,
      instances: [
        {
          instanceId: "i-1",
          lifecycleState: "InService",
          healthStatus: "Healthy",
          instanceType: "c6i.large",
          availabilityZone: "eu-west-1a",
        },
        {
          instanceId: "i-2",
          lifecycleState: "Pending:Wait",
          healthStatus: "Unhealthy",
          instanceType: "c6i.large",
          availabilityZone: "eu-west-1b",
        },
      ],
      tags: { "dp-autoscaler:paused": '{"s":1}' },
      targetGroupArns: [],
    });
  });

  it("answers undefined for a group that does not exist", async () => {
    mock.on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
    expect(await fleet().describeGroup("nope")).toBeUndefined();
  });

  it("surfaces throttling after the SDK's retries as AwsThrottlingError", async () => {
    mock.on(DescribeAutoScalingGroupsCommand).rejects(asg.throttling());
    await expect(fleet().describeGroup("dp")).rejects.toBeInstanceOf(AwsThrottlingError);
  });
});

describe("AutoScalingFleet.recentActivities", () => {
  const activity = (id: string, start: number) => ({
    ActivityId: id,
    AutoScalingGroupName: "dp",
    Cause: "At 2024-01-01T00:00:00Z a user request update of AutoScalingGroup constraints…",
    Description: "Launching a new EC2 instance: i-1",
    StartTime: new Date(start),
    EndTime: new Date(start + 30_000),
    StatusCode: "Successful" as const,
    Progress: 100,
  });

  it("maps activities newest first as Auto Scaling returns them", async () => {
    mock
      .on(DescribeScalingActivitiesCommand)
      .resolves({ Activities: [activity("b", 2_000_000), activity("a", 1_000_000)] });

    const out = await fleet().recentActivities("dp", 10);

    expect(mock).toHaveReceivedCommandExactlyOnceWith(DescribeScalingActivitiesCommand, {
      AutoScalingGroupName: "dp",
      MaxRecords: 10,
    });
    expect(out).toEqual([
      {
        activityId: "b",
        statusCode: "Successful",
        description: "Launching a new EC2 instance: i-1",
        cause: "At 2024-01-01T00:00:00Z a user request update of AutoScalingGroup constraints…",
        startTime: 2_000_000,
        endTime: 2_030_000,
      },
      expect.objectContaining({ activityId: "a", startTime: 1_000_000 }),
    ]);
  });

  it("follows NextToken in pages of at most 100 until it has enough", async () => {
    const page = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) => activity(`a${from + i}`, 1e9 - from - i));
    mock
      .on(DescribeScalingActivitiesCommand, { NextToken: undefined })
      .resolves({ Activities: page(100, 0), NextToken: "t1" })
      .on(DescribeScalingActivitiesCommand, { NextToken: "t1" })
      .resolves({ Activities: page(30, 100), NextToken: "t2" });

    const out = await fleet().recentActivities("dp", 130);

    expect(out).toHaveLength(130);
    expect(mock).toHaveReceivedCommandTimes(DescribeScalingActivitiesCommand, 2);
    expect(mock).toHaveReceivedNthCommandWith(DescribeScalingActivitiesCommand, 1, { MaxRecords: 100 });
    expect(mock).toHaveReceivedNthCommandWith(DescribeScalingActivitiesCommand, 2, { MaxRecords: 30, NextToken: "t1" });
  });
});

describe("AutoScalingFleet.setDesiredCapacity", () => {
  it("sets an absolute capacity without honouring the cooldown", async () => {
    mock.on(SetDesiredCapacityCommand).resolves({});
    await fleet().setDesiredCapacity("dp", 5);
    expect(mock).toHaveReceivedCommandExactlyOnceWith(SetDesiredCapacityCommand, {
      AutoScalingGroupName: "dp",
      DesiredCapacity: 5,
      HonorCooldown: false,
    });
  });

  it("maps desired above max to AwsValidationError", async () => {
    mock.on(SetDesiredCapacityCommand).rejects(asg.validation("New SetDesiredCapacity value 12 is above max value 10"));
    const err = await fleet()
      .setDesiredCapacity("dp", 12)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsValidationError);
    expect(err).toMatchObject({ code: "ValidationError", retryable: false, operation: "SetDesiredCapacity" });
  });

  it.each([
    ["ScalingActivityInProgress", asg.scalingActivityInProgress()],
    ["ResourceContention", asg.resourceContention()],
  ])("maps %s to a retryable AwsContentionError", async (code, err) => {
    mock.on(SetDesiredCapacityCommand).rejects(err);
    const mapped = await fleet()
      .setDesiredCapacity("dp", 4)
      .catch((e: unknown) => e);
    expect(mapped).toBeInstanceOf(AwsContentionError);
    expect(mapped).toMatchObject({ code, retryable: true });
  });
});

describe("AutoScalingFleet tags", () => {
  it("writes group tags that never propagate to instances", async () => {
    mock.on(CreateOrUpdateTagsCommand).resolves({});
    await fleet().putTags("dp", { "dp-autoscaler:paused": "x", other: "y" });
    expect(mock).toHaveReceivedCommandExactlyOnceWith(CreateOrUpdateTagsCommand, {
      Tags: [
        {
          ResourceId: "dp",
          ResourceType: "auto-scaling-group",
          Key: "dp-autoscaler:paused",
          Value: "x",
          PropagateAtLaunch: false,
        },
        { ResourceId: "dp", ResourceType: "auto-scaling-group", Key: "other", Value: "y", PropagateAtLaunch: false },
      ],
    });
  });

  it("deletes tags by key", async () => {
    mock.on(DeleteTagsCommand).resolves({});
    await fleet().deleteTags("dp", ["dp-autoscaler:paused"]);
    expect(mock).toHaveReceivedCommandExactlyOnceWith(DeleteTagsCommand, {
      Tags: [{ ResourceId: "dp", ResourceType: "auto-scaling-group", Key: "dp-autoscaler:paused" }],
    });
  });

  it("makes no call for nothing to write or delete", async () => {
    await fleet().putTags("dp", {});
    await fleet().deleteTags("dp", []);
    expect(mock).not.toHaveReceivedAnyCommand();
  });
});

describe("AutoScalingFleet lifecycle actions", () => {
  it("completes by token when the event carried one", async () => {
    mock.on(CompleteLifecycleActionCommand).resolves({});
    const out = await fleet().completeLifecycleAction(
      { ...ref, token: "c2f3b9a4-6e1d-4f0a-9b7e-3d5a1c8e2f40" },
      "CONTINUE",
    );
    expect(out).toBe("completed");
    expect(mock).toHaveReceivedCommandExactlyOnceWith(CompleteLifecycleActionCommand, {
      AutoScalingGroupName: "dp",
      LifecycleHookName: "launch-hook",
      LifecycleActionToken: "c2f3b9a4-6e1d-4f0a-9b7e-3d5a1c8e2f40",
      LifecycleActionResult: "CONTINUE",
    });
    expect(mock.commandCalls(CompleteLifecycleActionCommand)[0]?.args[0].input).not.toHaveProperty("InstanceId");
  });

  it("completes by instance id when there is no token", async () => {
    mock.on(CompleteLifecycleActionCommand).resolves({});
    await fleet().completeLifecycleAction(ref, "ABANDON");
    expect(mock).toHaveReceivedCommandExactlyOnceWith(CompleteLifecycleActionCommand, {
      AutoScalingGroupName: "dp",
      LifecycleHookName: "launch-hook",
      InstanceId: "i-1",
      LifecycleActionResult: "ABANDON",
    });
  });

  it("answers not-found when the action is already gone", async () => {
    mock.on(CompleteLifecycleActionCommand).rejects(asg.noActiveLifecycleAction("i-1"));
    expect(await fleet().completeLifecycleAction(ref, "CONTINUE")).toBe("not-found");
  });

  it("still fails on other validation errors", async () => {
    mock.on(CompleteLifecycleActionCommand).rejects(asg.validation("Lifecycle hook launch-hook not found"));
    await expect(fleet().completeLifecycleAction(ref, "CONTINUE")).rejects.toBeInstanceOf(AwsValidationError);
  });

  it("records a heartbeat by token, and answers not-found when the action is gone", async () => {
    mock
      .on(RecordLifecycleActionHeartbeatCommand, { LifecycleActionToken: "c2f3b9a4-6e1d-4f0a-9b7e-3d5a1c8e2f40" })
      .resolves({})
      .on(RecordLifecycleActionHeartbeatCommand, { InstanceId: "i-9" })
      .rejects(asg.noActiveLifecycleAction("i-9"));

    expect(
      await fleet().recordLifecycleActionHeartbeat({ ...ref, token: "c2f3b9a4-6e1d-4f0a-9b7e-3d5a1c8e2f40" }),
    ).toBe("recorded");
    expect(await fleet().recordLifecycleActionHeartbeat({ ...ref, instanceId: "i-9" })).toBe("not-found");
    expect(mock).toHaveReceivedNthCommandWith(RecordLifecycleActionHeartbeatCommand, 1, {
      AutoScalingGroupName: "dp",
      LifecycleHookName: "launch-hook",
      LifecycleActionToken: "c2f3b9a4-6e1d-4f0a-9b7e-3d5a1c8e2f40",
    });
  });

  it("lists the group's lifecycle hooks", async () => {
    mock.on(DescribeLifecycleHooksCommand).resolves({
      LifecycleHooks: [
        {
          LifecycleHookName: "launch-hook",
          AutoScalingGroupName: "dp",
          LifecycleTransition: "autoscaling:EC2_INSTANCE_LAUNCHING",
          HeartbeatTimeout: 300,
          GlobalTimeout: 30000,
          DefaultResult: "ABANDON",
        },
        {
          LifecycleHookName: "drain-hook",
          AutoScalingGroupName: "dp",
          LifecycleTransition: "autoscaling:EC2_INSTANCE_TERMINATING",
          HeartbeatTimeout: 600,
          DefaultResult: "CONTINUE",
        },
      ],
    });
    expect(await fleet().describeLifecycleHooks("dp")).toEqual([
      { name: "launch-hook", transition: "launching", heartbeatTimeoutSeconds: 300, defaultResult: "ABANDON" },
      { name: "drain-hook", transition: "terminating", heartbeatTimeoutSeconds: 600, defaultResult: "CONTINUE" },
    ]);
    expect(mock).toHaveReceivedCommandWith(DescribeLifecycleHooksCommand, { AutoScalingGroupName: "dp" });
  });
});
