import {
  type _InstanceType,
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  EC2Client,
  EC2ServiceException,
} from "@aws-sdk/client-ec2";
import { mockClient } from "aws-sdk-client-mock";
import "aws-sdk-client-mock-vitest/extend";
import { beforeEach, describe, expect, it } from "vitest";
import { Ec2Instances } from "../../../shared/aws/ec2.ts";
import { AwsThrottlingError } from "../../../shared/ports/errors.ts";
import { checkCallsAgainstAwsModels } from "../../aws-models/mock-calls.ts";
import { sdkError } from "./sdk-errors.ts";

const mock = mockClient(EC2Client);
checkCallsAgainstAwsModels("ec2", mock);
const instances = () => new Ec2Instances(new EC2Client({ region: "eu-west-1" }));
const notFound = (id: string) =>
  sdkError(EC2ServiceException, {
    name: "InvalidInstanceID.NotFound",
    message: `The instance ID '${id}' does not exist`,
    status: 400,
  });
const requestLimit = () =>
  sdkError(EC2ServiceException, { name: "RequestLimitExceeded", message: "Request limit exceeded.", status: 503 });

beforeEach(() => mock.reset());

describe("Ec2Instances.describeInstance", () => {
  it("maps the instance, its private address and its Auto Scaling group", async () => {
    mock.on(DescribeInstancesCommand).resolves({
      Reservations: [
        {
          Instances: [
            {
              InstanceId: "i-0abc",
              InstanceType: "c6i.large",
              State: { Code: 16, Name: "running" },
              PrivateIpAddress: "10.0.1.23",
              LaunchTime: new Date(1_700_000_000_000),
              Tags: [
                { Key: "Name", Value: "dp" },
                { Key: "aws:autoscaling:groupName", Value: "dp-asg" },
              ],
            },
          ],
        },
      ],
    });

    expect(await instances().describeInstance("i-0abc")).toEqual({
      instanceId: "i-0abc",
      state: "running",
      privateIp: "10.0.1.23",
      instanceType: "c6i.large",
      groupName: "dp-asg",
      launchTime: 1_700_000_000_000,
    });
    expect(mock).toHaveReceivedCommandExactlyOnceWith(DescribeInstancesCommand, { InstanceIds: ["i-0abc"] });
  });

  it("answers undefined for an instance EC2 does not know", async () => {
    mock.on(DescribeInstancesCommand).rejects(notFound("i-gone"));
    expect(await instances().describeInstance("i-gone")).toBeUndefined();
  });

  it("answers undefined when EC2 returns no reservation for the id", async () => {
    mock.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    expect(await instances().describeInstance("i-0abc")).toBeUndefined();
  });

  it("surfaces throttling instead of calling the instance gone", async () => {
    mock.on(DescribeInstancesCommand).rejects(requestLimit());
    await expect(instances().describeInstance("i-0abc")).rejects.toBeInstanceOf(AwsThrottlingError);
  });
});

describe("Ec2Instances.baselineBandwidthBps", () => {
  const typeInfo = (type: string, cards: Array<{ index: number; baseline?: number }>) => ({
    InstanceTypes: [
      {
        InstanceType: type as _InstanceType,
        NetworkInfo: {
          NetworkPerformance: "Up to 12.5 Gigabit",
          NetworkCards: cards.map((c) => ({
            NetworkCardIndex: c.index,
            NetworkPerformance: "Up to 12.5 Gigabit",
            MaximumNetworkInterfaces: 3,
            ...(c.baseline !== undefined ? { BaselineBandwidthInGbps: c.baseline, PeakBandwidthInGbps: 12.5 } : {}),
          })),
        },
      },
    ],
  });

  it("reads the primary network card's baseline and converts Gbps to bits per second", async () => {
    mock.on(DescribeInstanceTypesCommand).resolves(typeInfo("c6i.large", [{ index: 0, baseline: 0.781 }]));
    expect(await instances().baselineBandwidthBps("c6i.large")).toBe(781_000_000);
    expect(mock).toHaveReceivedCommandExactlyOnceWith(DescribeInstanceTypesCommand, { InstanceTypes: ["c6i.large"] });
  });

  it("uses card 0 (where the primary interface sits) on multi-card types", async () => {
    mock.on(DescribeInstanceTypesCommand).resolves(
      typeInfo("c6in.32xlarge", [
        { index: 1, baseline: 100 },
        { index: 0, baseline: 100 },
      ]),
    );
    expect(await instances().baselineBandwidthBps("c6in.32xlarge")).toBe(100e9);
  });

  it("asks EC2 once per type per container", async () => {
    mock.on(DescribeInstanceTypesCommand).resolves(typeInfo("c6i.large", [{ index: 0, baseline: 0.781 }]));
    const port = instances();
    await port.baselineBandwidthBps("c6i.large");
    await port.baselineBandwidthBps("c6i.large");
    expect(mock).toHaveReceivedCommandTimes(DescribeInstanceTypesCommand, 1);
  });

  it("falls back to the table when EC2 does not report a baseline", async () => {
    mock.on(DescribeInstanceTypesCommand).resolves(typeInfo("c5n.large", [{ index: 0 }]));
    expect(await instances().baselineBandwidthBps("c5n.large")).toBe(3e9);
  });

  it("falls back to the table when the call fails, and asks again next time", async () => {
    mock
      .on(DescribeInstanceTypesCommand)
      .rejectsOnce(requestLimit())
      .resolves(typeInfo("c7g.large", [{ index: 0, baseline: 0.95 }]));
    const port = instances();
    expect(await port.baselineBandwidthBps("c7g.large")).toBe(0.937e9);
    expect(await port.baselineBandwidthBps("c7g.large")).toBe(0.95e9);
  });

  it("answers undefined for a type neither EC2 nor the table knows", async () => {
    mock
      .on(DescribeInstanceTypesCommand)
      .rejects(
        sdkError(EC2ServiceException, { name: "InvalidInstanceType", message: "invalid type x1.weird", status: 400 }),
      );
    expect(await instances().baselineBandwidthBps("x1.weird")).toBeUndefined();
  });
});
