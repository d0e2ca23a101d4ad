/**
 * The JSON AWS sends, built for simulated resources: EventBridge envelopes for Auto Scaling lifecycle actions, the
 * 1-minute schedule and CloudWatch alarm state changes, in exactly the shapes of `docs/reference/aws.md` (and of the
 * fixtures in `test/fixtures/events/`), so the handlers parse simulated events with the code that parses real ones.
 */
import type { Rng } from "../random.ts";

export const SIM_ACCOUNT = "123456789012";
export const SIM_REGION = "us-east-1";

/** EventBridge writes `time` without milliseconds. */
export function eventTime(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/** CloudWatch's alarm timestamp: `2019-10-02T17:04:40.989+0000`. */
export function alarmTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+0000");
}

export function uuid(rng: Rng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function groupArn(groupName: string): string {
  return `arn:aws:autoscaling:${SIM_REGION}:${SIM_ACCOUNT}:autoScalingGroup:00000000-0000-4000-a000-000000000000:autoScalingGroupName/${groupName}`;
}

export interface LifecycleEventInput {
  transition: "launching" | "terminating";
  groupName: string;
  hookName: string;
  instanceId: string;
  token: string;
  atMs: number;
}

export function lifecycleEvent(rng: Rng, a: LifecycleEventInput): Record<string, unknown> {
  const launching = a.transition === "launching";
  return {
    version: "0",
    id: uuid(rng),
    "detail-type": launching ? "EC2 Instance-launch Lifecycle Action" : "EC2 Instance-terminate Lifecycle Action",
    source: "aws.autoscaling",
    account: SIM_ACCOUNT,
    time: eventTime(a.atMs),
    region: SIM_REGION,
    resources: [groupArn(a.groupName)],
    detail: {
      LifecycleActionToken: a.token,
      AutoScalingGroupName: a.groupName,
      LifecycleHookName: a.hookName,
      EC2InstanceId: a.instanceId,
      LifecycleTransition: launching ? "autoscaling:EC2_INSTANCE_LAUNCHING" : "autoscaling:EC2_INSTANCE_TERMINATING",
      Origin: launching ? "EC2" : "AutoScalingGroup",
      Destination: launching ? "AutoScalingGroup" : "EC2",
    },
  };
}

export function scheduleEvent(rng: Rng, ruleName: string, atMs: number): Record<string, unknown> {
  return {
    version: "0",
    id: uuid(rng),
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: SIM_ACCOUNT,
    time: eventTime(atMs),
    region: SIM_REGION,
    resources: [`arn:aws:events:${SIM_REGION}:${SIM_ACCOUNT}:rule/${ruleName}`],
    detail: {},
  };
}

export interface AlarmMetric {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  stat: string;
  periodSeconds: number;
}

export interface AlarmStateSnapshot {
  value: "OK" | "ALARM" | "INSUFFICIENT_DATA";
  reason: string;
  atMs: number;
}

export function alarmStateChangeEvent(
  rng: Rng,
  alarmName: string,
  metric: AlarmMetric,
  state: AlarmStateSnapshot,
  previous: AlarmStateSnapshot,
): Record<string, unknown> {
  const snapshot = (s: AlarmStateSnapshot) => ({
    value: s.value,
    reason: s.reason,
    reasonData: JSON.stringify({
      version: "1.0",
      queryDate: alarmTimestamp(s.atMs),
      statistic: metric.stat,
      period: metric.periodSeconds,
    }),
    timestamp: alarmTimestamp(s.atMs),
  });
  return {
    version: "0",
    id: uuid(rng),
    "detail-type": "CloudWatch Alarm State Change",
    source: "aws.cloudwatch",
    account: SIM_ACCOUNT,
    time: eventTime(state.atMs),
    region: SIM_REGION,
    resources: [`arn:aws:cloudwatch:${SIM_REGION}:${SIM_ACCOUNT}:alarm:${alarmName}`],
    detail: {
      alarmName,
      state: snapshot(state),
      previousState: snapshot(previous),
      configuration: {
        metrics: [
          {
            id: uuid(rng),
            metricStat: {
              metric: { namespace: metric.namespace, name: metric.metricName, dimensions: metric.dimensions },
              period: metric.periodSeconds,
              stat: metric.stat,
            },
            returnData: true,
          },
        ],
      },
    },
  };
}
