/**
 * One CloudWatch alarm state change, whatever carried it (EventBridge, SNS, or the alarm's own Lambda action). The
 * scaler treats it as a hint that says "look at this cluster now", never as a command: the new state only goes to
 * the log.
 */

export const ALARM_STATES = ["OK", "ALARM", "INSUFFICIENT_DATA"] as const;

/**
 * CloudWatch's own limits (PutMetricAlarm, SetAlarmState, Dimension): a real alarm's event never exceeds them, so a
 * longer field is refused as invalid — it would otherwise reach the log lines that quote the alarm.
 */
export const ALARM_LIMITS = {
  name: 255,
  description: 1024,
  reason: 1023,
  reasonData: 4000,
  arn: 1600,
  namespace: 255,
  metricName: 255,
  stat: 255,
  dimensionName: 255,
  dimensionValue: 1024,
  expression: 2048,
} as const;
export type AlarmStateValue = (typeof ALARM_STATES)[number];

/** A metric the alarm watches (metric-math expressions carry no metric and are left out). */
export interface AlarmMetricRef {
  namespace: string;
  metricName: string;
  /** Dimension names as the alarm spells them; match them with `dimensionValue` (case-insensitive). */
  dimensions: Record<string, string>;
  /** CloudWatch spelling (Average, Sum, p95, …) — SNS's UPPERCASE statistics are normalised. */
  stat?: string;
  periodSeconds?: number;
}

export interface AlarmChange {
  alarmName: string;
  /** Absent in older SNS messages. */
  alarmArn?: string;
  state: AlarmStateValue;
  previousState?: AlarmStateValue;
  /** When CloudWatch changed the state, epoch ms. */
  changedAt: number;
  reason?: string;
  /** EventBridge and the Lambda action: the region code (us-east-2); SNS: the long name ("US East (Ohio)"), as AWS wrote it. */
  region?: string;
  account?: string;
  metrics: AlarmMetricRef[];
  via: "eventbridge" | "sns" | "lambda-action";
}

/**
 * Case-insensitive dimension lookup. SNS writes dimensions as `[{name, value}]` (lowercase field names, unlike the
 * API's `Name`/`Value`) and people write dimension names by hand in alarm templates, so `AutoScalingGroupName` and
 * `autoscalinggroupname` both match.
 */
export function dimensionValue(metric: AlarmMetricRef, key: string): string | undefined {
  const wanted = key.toLowerCase();
  for (const [k, v] of Object.entries(metric.dimensions)) if (k.toLowerCase() === wanted) return v;
  return undefined;
}
