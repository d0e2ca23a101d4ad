/**
 * The AWS harness: a small, stateful stand-in for the AWS APIs the adapters call, built from a `WorldState` and served
 * through aws-sdk-client-mock, so the contract suites run the real adapters over AWS-shaped answers (including AWS's
 * error codes and messages). It reproduces documented AWS behaviour only as far as the contract cases need.
 */
import {
  AutoScalingClient,
  AutoScalingServiceException,
  CompleteLifecycleActionCommand,
  type CompleteLifecycleActionCommandInput,
  CreateOrUpdateTagsCommand,
  DeleteTagsCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeLifecycleHooksCommand,
  DescribeScalingActivitiesCommand,
  RecordLifecycleActionHeartbeatCommand,
  SetDesiredCapacityCommand,
} from "@aws-sdk/client-auto-scaling";
import { CloudWatchClient, GetMetricDataCommand, type MetricDataResult } from "@aws-sdk/client-cloudwatch";
import {
  type _InstanceType,
  DescribeInstancesCommand,
  DescribeInstanceTypesCommand,
  EC2Client,
  EC2ServiceException,
} from "@aws-sdk/client-ec2";
import {
  DeregisterTargetsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  ElasticLoadBalancingV2ServiceException,
  RegisterTargetsCommand,
  type TargetHealthStateEnum,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { mockClient } from "aws-sdk-client-mock";
import type { TargetHealth } from "../../shared/ports/targets.ts";
import { checkCallsAgainstAwsModels } from "../aws-models/mock-calls.ts";
import type { GroupSpec, MetricSeriesSpec, WorldState } from "./world.ts";

export const REGION = "eu-west-1";
/** The fake pages GetMetricData at this many datapoints (CloudWatch: 100,800) so the adapter's paging is exercised. */
export const FAKE_DATAPOINTS_PER_PAGE = 1000;

const autoScaling = mockClient(AutoScalingClient);
const ec2 = mockClient(EC2Client);
const elbv2 = mockClient(ElasticLoadBalancingV2Client);
const cloudWatch = mockClient(CloudWatchClient);

/**
 * Holds the harness to the AWS API models: every request the adapter under test sends, and every answer this stand-in
 * gives, is validated against the service's model after each contract case (test/aws-models/).
 */
export function checkAwsWorldAgainstApiModels(service: "autoscaling" | "ec2" | "elbv2" | "cloudwatch"): void {
  const stubs = { autoscaling: autoScaling, ec2, elbv2, cloudwatch: cloudWatch };
  checkCallsAgainstAwsModels(service, stubs[service]);
}

type ErrorBase = new (o: {
  name: string;
  message: string;
  $fault: "client" | "server";
  $metadata: { httpStatusCode: number };
}) => Error;

/** An error shaped as the SDK throws it for a query-protocol service answering HTTP 400. */
function awsError(Base: ErrorBase, name: string, message: string, code = name): Error {
  return Object.assign(new Base({ name, message, $fault: "client", $metadata: { httpStatusCode: 400 } }), {
    Code: code,
  });
}

/** Resets every mocked client and serves `state` through them. Call at the start of a harness's `given`. */
export function installAwsWorld(state: WorldState): void {
  for (const mock of [autoScaling, ec2, elbv2, cloudWatch]) mock.reset();
  installAutoScaling(state);
  installEc2(state);
  installElbv2(state);
  installCloudWatch(state.metrics ?? []);
}

function installAutoScaling(state: WorldState): void {
  const groups = new Map<string, GroupSpec>((state.groups ?? []).map((g) => [g.name, { ...g, tags: { ...g.tags } }]));
  const pending = [...(state.lifecycleActions ?? [])];
  const validation = (message: string) => awsError(AutoScalingServiceException, "ValidationError", message);

  autoScaling.on(DescribeAutoScalingGroupsCommand).callsFake((input: { AutoScalingGroupNames?: string[] }) => ({
    AutoScalingGroups: (input.AutoScalingGroupNames ?? [...groups.keys()])
      .map((n) => groups.get(n))
      .filter((g): g is GroupSpec => g !== undefined)
      .map((g) => ({
        AutoScalingGroupName: g.name,
        DesiredCapacity: g.desired,
        MinSize: g.min,
        MaxSize: g.max,
        DefaultCooldown: 300,
        AvailabilityZones: [`${REGION}a`, `${REGION}b`, `${REGION}c`],
        HealthCheckType: "EC2",
        CreatedTime: new Date(Date.UTC(2024, 0, 1)),
        Instances: (g.instances ?? []).map((i) => ({
          InstanceId: i.instanceId,
          InstanceType: i.instanceType,
          AvailabilityZone: i.availabilityZone,
          LifecycleState: i.lifecycleState as never,
          HealthStatus: i.healthStatus,
          ProtectedFromScaleIn: false,
        })),
        Tags: Object.entries(g.tags ?? {}).map(([Key, Value]) => ({
          ResourceId: g.name,
          ResourceType: "auto-scaling-group",
          Key,
          Value,
          PropagateAtLaunch: false,
        })),
        TargetGroupARNs: g.targetGroupArns ?? [],
      })),
  }));

  autoScaling
    .on(SetDesiredCapacityCommand)
    .callsFake((input: { AutoScalingGroupName: string; DesiredCapacity: number }) => {
      const g = groups.get(input.AutoScalingGroupName);
      if (!g) throw validation(`AutoScalingGroup name not found - no such group: ${input.AutoScalingGroupName}`);
      if (input.DesiredCapacity > g.max)
        throw validation(
          `New SetDesiredCapacity value ${input.DesiredCapacity} is above max value ${g.max} for the AutoScalingGroup.`,
        );
      if (input.DesiredCapacity < g.min)
        throw validation(
          `New SetDesiredCapacity value ${input.DesiredCapacity} is below min value ${g.min} for the AutoScalingGroup.`,
        );
      g.desired = input.DesiredCapacity;
      return {};
    });

  autoScaling
    .on(CreateOrUpdateTagsCommand)
    .callsFake((input: { Tags: { ResourceId: string; Key: string; Value?: string }[] }) => {
      for (const t of input.Tags) {
        const g = groups.get(t.ResourceId);
        if (!g) throw validation(`AutoScalingGroup name not found - ${t.ResourceId}`);
        g.tags = { ...g.tags, [t.Key]: t.Value ?? "" };
      }
      return {};
    });

  autoScaling.on(DeleteTagsCommand).callsFake((input: { Tags: { ResourceId: string; Key: string }[] }) => {
    for (const t of input.Tags) {
      const g = groups.get(t.ResourceId);
      if (g?.tags) delete g.tags[t.Key];
    }
    return {};
  });

  /** The pending action the input names, or AWS's "No active Lifecycle Action found" error. */
  const findAction = (input: Omit<CompleteLifecycleActionCommandInput, "LifecycleActionResult">) => {
    const index = pending.findIndex(
      (a) =>
        a.groupName === input.AutoScalingGroupName &&
        a.hookName === input.LifecycleHookName &&
        (input.LifecycleActionToken ? a.token === input.LifecycleActionToken : a.instanceId === input.InstanceId),
    );
    if (index < 0)
      throw validation(
        input.LifecycleActionToken
          ? `No active Lifecycle Action found with token ${input.LifecycleActionToken}`
          : `No active Lifecycle Action found with instance ID ${input.InstanceId}`,
      );
    return index;
  };
  autoScaling.on(CompleteLifecycleActionCommand).callsFake((input: CompleteLifecycleActionCommandInput) => {
    pending.splice(findAction(input), 1);
    return {};
  });
  autoScaling.on(RecordLifecycleActionHeartbeatCommand).callsFake((input: CompleteLifecycleActionCommandInput) => {
    findAction(input);
    return {};
  });

  autoScaling.on(DescribeLifecycleHooksCommand).callsFake((input: { AutoScalingGroupName: string }) => {
    const g = groups.get(input.AutoScalingGroupName);
    if (!g) throw validation(`AutoScalingGroup name not found - ${input.AutoScalingGroupName}`);
    return {
      LifecycleHooks: (g.hooks ?? []).map((h) => ({
        LifecycleHookName: h.name,
        AutoScalingGroupName: g.name,
        LifecycleTransition:
          h.transition === "launching" ? "autoscaling:EC2_INSTANCE_LAUNCHING" : "autoscaling:EC2_INSTANCE_TERMINATING",
        HeartbeatTimeout: h.heartbeatTimeoutSeconds,
        GlobalTimeout: Math.min(172_800, 100 * h.heartbeatTimeoutSeconds),
        DefaultResult: h.defaultResult,
      })),
    };
  });

  autoScaling
    .on(DescribeScalingActivitiesCommand)
    .callsFake((input: { AutoScalingGroupName?: string; MaxRecords?: number; NextToken?: string }) => {
      const all = [...(groups.get(input.AutoScalingGroupName ?? "")?.activities ?? [])].sort(
        (a, b) => b.startTime - a.startTime,
      );
      const from = Number(input.NextToken ?? 0);
      const to = from + Math.min(input.MaxRecords ?? 100, 100);
      return {
        Activities: all.slice(from, to).map((a) => ({
          ActivityId: a.activityId,
          AutoScalingGroupName: input.AutoScalingGroupName,
          Description: a.description,
          Cause: a.cause,
          StartTime: new Date(a.startTime),
          EndTime: a.endTime === undefined ? undefined : new Date(a.endTime),
          StatusCode: a.statusCode as never,
          Progress: 100,
        })),
        NextToken: to < all.length ? String(to) : undefined,
      };
    });
}

function installEc2(state: WorldState): void {
  const instances = new Map((state.instances ?? []).map((i) => [i.instanceId, i]));
  const types = state.instanceTypes ?? {};

  ec2.on(DescribeInstancesCommand).callsFake((input: { InstanceIds?: string[] }) => {
    const ids = input.InstanceIds ?? [...instances.keys()];
    const unknown = ids.filter((id) => !instances.has(id));
    if (unknown.length > 0)
      throw awsError(
        EC2ServiceException,
        "InvalidInstanceID.NotFound",
        `The instance IDs '${unknown.join(", ")}' do not exist`,
      );
    return {
      Reservations: ids.map((id) => {
        const i = instances.get(id)!;
        return {
          ReservationId: `r-${id.slice(2)}`,
          Instances: [
            {
              InstanceId: i.instanceId,
              InstanceType: i.instanceType as _InstanceType,
              State: { Name: i.state as never, Code: 16 },
              PrivateIpAddress: i.privateIp,
              LaunchTime: i.launchTime === undefined ? undefined : new Date(i.launchTime),
              Tags: i.groupName ? [{ Key: "aws:autoscaling:groupName", Value: i.groupName }] : [],
            },
          ],
        };
      }),
    };
  });

  ec2.on(DescribeInstanceTypesCommand).callsFake((input: { InstanceTypes?: string[] }) => {
    const unknown = (input.InstanceTypes ?? []).filter((t) => types[t] === undefined);
    if (unknown.length > 0)
      throw awsError(
        EC2ServiceException,
        "InvalidInstanceType",
        `The following supplied instance types do not exist: [${unknown.join(", ")}]`,
      );
    return {
      InstanceTypes: (input.InstanceTypes ?? []).map((t) => {
        const gbps = types[t]?.baselineGbps;
        return {
          InstanceType: t as _InstanceType,
          NetworkInfo: {
            NetworkPerformance: "Up to 12.5 Gigabit",
            MaximumNetworkCards: 1,
            NetworkCards: [
              {
                NetworkCardIndex: 0,
                NetworkPerformance: "Up to 12.5 Gigabit",
                MaximumNetworkInterfaces: 3,
                ...(gbps === undefined ? {} : { BaselineBandwidthInGbps: gbps, PeakBandwidthInGbps: 12.5 }),
              },
            ],
          },
        };
      }),
    };
  });
}

function installElbv2(state: WorldState): void {
  const groups = new Map(
    (state.targetGroups ?? []).map((tg) => [
      tg.arn,
      {
        delay: tg.deregistrationDelaySeconds,
        targets: new Map<string, TargetHealth>((tg.targets ?? []).map((t) => [t.instanceId, { ...t }])),
      },
    ]),
  );
  const group = (arn: string) => {
    const g = groups.get(arn);
    if (!g)
      throw awsError(
        ElasticLoadBalancingV2ServiceException,
        "TargetGroupNotFoundException",
        "One or more target groups not found",
        "TargetGroupNotFound",
      );
    return g;
  };
  type TargetsInput = { TargetGroupArn: string; Targets?: { Id: string }[] };
  const describe = (id: string, h: Omit<TargetHealth, "instanceId">) => ({
    Target: { Id: id, Port: 9080 },
    HealthCheckPort: "9080",
    TargetHealth: { State: h.state as TargetHealthStateEnum, ...(h.reason ? { Reason: h.reason as never } : {}) },
  });

  elbv2.on(RegisterTargetsCommand).callsFake((input: TargetsInput) => {
    const g = group(input.TargetGroupArn);
    for (const { Id } of input.Targets ?? []) {
      const now = g.targets.get(Id);
      if (!now || now.state === "draining")
        g.targets.set(Id, { instanceId: Id, state: "initial", reason: "Elb.RegistrationInProgress" });
    }
    return {};
  });

  elbv2.on(DeregisterTargetsCommand).callsFake((input: TargetsInput) => {
    const g = group(input.TargetGroupArn);
    for (const { Id } of input.Targets ?? []) {
      if (!g.targets.has(Id)) continue;
      if ((g.delay ?? 300) === 0) g.targets.delete(Id);
      else g.targets.set(Id, { instanceId: Id, state: "draining", reason: "Target.DeregistrationInProgress" });
    }
    return {};
  });

  elbv2.on(DescribeTargetHealthCommand).callsFake((input: TargetsInput) => {
    const g = group(input.TargetGroupArn);
    if (!input.Targets)
      return { TargetHealthDescriptions: [...g.targets.values()].map((t) => describe(t.instanceId, t)) };
    return {
      TargetHealthDescriptions: input.Targets.map(({ Id }) =>
        describe(Id, g.targets.get(Id) ?? { state: "unused", reason: "Target.NotRegistered" }),
      ),
    };
  });

  elbv2.on(DescribeTargetGroupAttributesCommand).callsFake((input: { TargetGroupArn: string }) => {
    const g = group(input.TargetGroupArn);
    return {
      Attributes: [
        { Key: "stickiness.enabled", Value: "false" },
        { Key: "deregistration_delay.timeout_seconds", Value: String(g.delay ?? 300) },
        { Key: "load_balancing.algorithm.type", Value: "round_robin" },
      ],
    };
  });
}

function installCloudWatch(series: MetricSeriesSpec[]): void {
  type Query = {
    Id: string;
    MetricStat: {
      Metric: { Namespace: string; MetricName: string; Dimensions?: { Name: string; Value: string }[] };
      Period: number;
      Stat: string;
    };
  };
  const sameDimensions = (a: Record<string, string>, b: { Name: string; Value: string }[]) =>
    Object.keys(a).length === b.length && b.every((d) => a[d.Name] === d.Value);

  cloudWatch
    .on(GetMetricDataCommand)
    .callsFake(
      (input: { MetricDataQueries: Query[]; StartTime: Date; EndTime: Date; ScanBy?: string; NextToken?: string }) => {
        const start = input.StartTime.getTime();
        const end = input.EndTime.getTime();
        const ascending = input.ScanBy === "TimestampAscending";
        // Every datapoint of every query, in the order CloudWatch would stream them.
        const all: { id: string; t: number; v: number }[] = [];
        for (const q of input.MetricDataQueries) {
          const s = series.find(
            (x) =>
              x.namespace === q.MetricStat.Metric.Namespace &&
              x.metricName === q.MetricStat.Metric.MetricName &&
              x.stat === q.MetricStat.Stat &&
              x.periodSeconds === q.MetricStat.Period &&
              sameDimensions(x.dimensions, q.MetricStat.Metric.Dimensions ?? []),
          );
          const points = (s?.points ?? [])
            .filter((p) => p.t >= start && p.t < end)
            .sort((a, b) => (ascending ? a.t - b.t : b.t - a.t));
          all.push(...points.map((p) => ({ id: q.Id, ...p })));
        }
        const from = Number(input.NextToken ?? 0);
        const page = all.slice(from, from + FAKE_DATAPOINTS_PER_PAGE);
        const more = from + FAKE_DATAPOINTS_PER_PAGE < all.length;
        const results: MetricDataResult[] = input.MetricDataQueries.map((q) => {
          const mine = page.filter((p) => p.id === q.Id);
          return {
            Id: q.Id,
            Label: q.MetricStat.Metric.MetricName,
            StatusCode: more ? "PartialData" : "Complete",
            Timestamps: mine.map((p) => new Date(p.t)),
            Values: mine.map((p) => p.v),
          };
        });
        return {
          MetricDataResults: results,
          Messages: [],
          NextToken: more ? String(from + FAKE_DATAPOINTS_PER_PAGE) : undefined,
        };
      },
    );
}
