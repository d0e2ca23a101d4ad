import { CloudWatchClient, CloudWatchServiceException, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import "aws-sdk-client-mock-vitest/extend";
import { beforeEach, describe, expect, it } from "vitest";
import { CloudWatchMetrics } from "../../../shared/aws/cloudwatch.ts";
import { AwsThrottlingError } from "../../../shared/ports/errors.ts";
import type { MetricQuery } from "../../../shared/ports/metrics.ts";
import { checkCallsAgainstAwsModels } from "../../aws-models/mock-calls.ts";
import { sdkError } from "./sdk-errors.ts";

const mock = mockClient(CloudWatchClient);
checkCallsAgainstAwsModels("cloudwatch", mock);
const metrics = () => new CloudWatchMetrics(new CloudWatchClient({ region: "eu-west-1" }));
const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);
const MIN = 60_000;

const cpu: MetricQuery = {
  id: "cpu",
  namespace: "AWS/EC2",
  metricName: "CPUUtilization",
  dimensions: { AutoScalingGroupName: "dp" },
  stat: "Average",
  periodSeconds: 60,
};
const netIn: MetricQuery = { ...cpu, id: "net_in", metricName: "NetworkIn", stat: "Sum" };

beforeEach(() => mock.reset());

describe("CloudWatchMetrics.fetch", () => {
  it("asks for every query in one GetMetricData call, oldest first", async () => {
    mock.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });

    await metrics().fetch([cpu, netIn], T0, T0 + 15 * MIN);

    expect(mock).toHaveReceivedCommandExactlyOnceWith(GetMetricDataCommand, {
      MetricDataQueries: [
        {
          Id: "cpu",
          MetricStat: {
            Metric: {
              Namespace: "AWS/EC2",
              MetricName: "CPUUtilization",
              Dimensions: [{ Name: "AutoScalingGroupName", Value: "dp" }],
            },
            Period: 60,
            Stat: "Average",
          },
          ReturnData: true,
        },
        {
          Id: "net_in",
          MetricStat: {
            Metric: {
              Namespace: "AWS/EC2",
              MetricName: "NetworkIn",
              Dimensions: [{ Name: "AutoScalingGroupName", Value: "dp" }],
            },
            Period: 60,
            Stat: "Sum",
          },
          ReturnData: true,
        },
      ],
      StartTime: new Date(T0),
      EndTime: new Date(T0 + 15 * MIN),
      ScanBy: "TimestampAscending",
    });
  });

  it("returns each query's points ascending with values exactly as CloudWatch sent them", async () => {
    mock.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        {
          Id: "net_in",
          Label: "NetworkIn",
          StatusCode: "Complete",
          Timestamps: [new Date(T0), new Date(T0 + MIN)],
          Values: [7_500_000_000, 7_800_000_000],
        },
        {
          Id: "cpu",
          Label: "CPUUtilization",
          StatusCode: "Complete",
          Timestamps: [new Date(T0 + MIN), new Date(T0)],
          Values: [41.5, 40.25],
        },
      ],
    });

    const out = await metrics().fetch([cpu, netIn], T0, T0 + 2 * MIN);

    expect(out).toEqual({
      cpu: [
        { t: T0, v: 40.25 },
        { t: T0 + MIN, v: 41.5 },
      ],
      // Bytes per period stay bytes per period: converting is the caller's job.
      net_in: [
        { t: T0, v: 7_500_000_000 },
        { t: T0 + MIN, v: 7_800_000_000 },
      ],
    });
  });

  it("answers [] for a query with no datapoints, never zeros", async () => {
    mock.on(GetMetricDataCommand).resolves({
      MetricDataResults: [{ Id: "cpu", Label: "CPUUtilization", StatusCode: "Complete", Timestamps: [], Values: [] }],
    });
    expect(await metrics().fetch([cpu, netIn], T0, T0 + 5 * MIN)).toEqual({ cpu: [], net_in: [] });
  });

  it("follows NextToken (PartialData) and merges the pages per query", async () => {
    mock
      .on(GetMetricDataCommand, { NextToken: undefined })
      .resolves({
        MetricDataResults: [
          { Id: "cpu", StatusCode: "PartialData", Timestamps: [new Date(T0), new Date(T0 + MIN)], Values: [10, 11] },
          { Id: "net_in", StatusCode: "PartialData", Timestamps: [new Date(T0)], Values: [100] },
        ],
        NextToken: "page-2",
      })
      .on(GetMetricDataCommand, { NextToken: "page-2" })
      .resolves({
        MetricDataResults: [
          { Id: "cpu", StatusCode: "Complete", Timestamps: [new Date(T0 + 2 * MIN)], Values: [12] },
          { Id: "net_in", StatusCode: "Complete", Timestamps: [new Date(T0 + MIN)], Values: [200] },
        ],
      });

    const out = await metrics().fetch([cpu, netIn], T0, T0 + 3 * MIN);

    expect(mock).toHaveReceivedCommandTimes(GetMetricDataCommand, 2);
    expect(mock).toHaveReceivedNthCommandWith(GetMetricDataCommand, 2, { NextToken: "page-2" });
    expect(out.cpu?.map((p) => p.v)).toEqual([10, 11, 12]);
    expect(out.net_in?.map((p) => p.v)).toEqual([100, 200]);
  });

  it("splits only past 500 queries per call", async () => {
    mock.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    const queries = Array.from({ length: 501 }, (_, i) => ({ ...cpu, id: `q${i}` }));

    const out = await metrics().fetch(queries, T0, T0 + MIN);

    const sizes = mock.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input.MetricDataQueries?.length);
    expect(sizes).toEqual([500, 1]);
    expect(Object.keys(out)).toHaveLength(501);
  });

  it("makes no call for no queries", async () => {
    expect(await metrics().fetch([], T0, T0 + MIN)).toEqual({});
    expect(mock).not.toHaveReceivedAnyCommand();
  });

  it("treats a result CloudWatch could not compute as no data", async () => {
    mock.on(GetMetricDataCommand).resolves({
      MetricDataResults: [{ Id: "cpu", StatusCode: "InternalError", Timestamps: [new Date(T0)], Values: [0] }],
    });
    expect((await metrics().fetch([cpu], T0, T0 + MIN)).cpu).toEqual([]);
  });

  it("maps throttling to AwsThrottlingError", async () => {
    mock
      .on(GetMetricDataCommand)
      .rejects(sdkError(CloudWatchServiceException, { name: "Throttling", message: "Rate exceeded", status: 400 }));
    await expect(metrics().fetch([cpu], T0, T0 + MIN)).rejects.toBeInstanceOf(AwsThrottlingError);
  });
});
