/**
 * A CloudWatch alarm that invokes the scaler directly as its alarm action (no EventBridge rule, no SNS topic;
 * AlarmActions / OKActions / InsufficientDataActions name the function). The payload is its own envelope —
 * `source`, `alarmArn`, `accountId`, `time`, `region` at the top, no `detail-type` and no `id` — around the same
 * alarm object EventBridge calls `detail` (here `alarmData`). AWS's quirks: `time` and every state timestamp are
 * written `2023-08-04T12:36:15.490+0000` (no colon in the offset); `reasonData` is a JSON document in a string, or
 * absent; composite alarms carry `alarmRule` and no metrics; metric-math alarms mix `expression` entries with
 * `metricStat` ones. Source: docs/reference/aws.md, "Alarm actions that invoke Lambda".
 */
import { z } from "zod";
import type { AlarmChange } from "./alarm-change.ts";
import { alarmChangeOf, alarmDataSchema, alarmTimestampSchema } from "./alarm-data.ts";
import { ALARM_EVENT_SOURCE } from "./alarm-eventbridge.ts";

/** `arn:<partition>:cloudwatch:<region>:<account>:alarm:<name>`; the name may hold any character but a newline. */
const ALARM_ARN = /^arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:\d{12}:alarm:.+$/;

export const alarmActionEventSchema = z.object({
  source: z.literal(ALARM_EVENT_SOURCE),
  alarmArn: z
    .string()
    .regex(ALARM_ARN, "must be a CloudWatch alarm ARN (arn:aws:cloudwatch:<region>:<account>:alarm:<name>)"),
  accountId: z.string().regex(/^\d{12}$/, "must be a 12-digit account id"),
  time: alarmTimestampSchema,
  region: z.string().min(1),
  alarmData: alarmDataSchema,
});
export type AlarmActionEvent = z.infer<typeof alarmActionEventSchema>;

/**
 * How the scaler tells this form from EventBridge's: `alarmData` or `alarmArn` at the top and no `detail-type`. Either
 * key is enough, so that a damaged payload is reported against this form rather than as an EventBridge event.
 */
export function looksLikeAlarmAction(event: Record<string, unknown>): boolean {
  return ("alarmData" in event || "alarmArn" in event) && !("detail-type" in event);
}

/**
 * The payload carries no event id; the alarm's ARN and the time of its new state name one state change, so a
 * duplicate delivery (Lambda's asynchronous retries) gets the same id.
 */
export function alarmActionEventId(event: AlarmActionEvent): string {
  return `${event.alarmArn}@${event.alarmData.state.timestamp}`;
}

export function alarmChangeFromAlarmAction(event: AlarmActionEvent): AlarmChange {
  return alarmChangeOf(event.alarmData, {
    alarmArn: event.alarmArn,
    region: event.region,
    account: event.accountId,
    via: "lambda-action",
  });
}
