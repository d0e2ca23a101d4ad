/**
 * EventBridge "CloudWatch Alarm State Change" events (source `aws.cloudwatch`). The envelope is Powertools'
 * `EventBridgeSchema`; the detail is the alarm as `alarm-data.ts` describes it.
 */
import { EventBridgeSchema } from "@aws-lambda-powertools/parser/schemas/eventbridge";
import { z } from "zod";
import { type AlarmChange, ALARM_LIMITS as MAX } from "./alarm-change.ts";
import { alarmChangeOf, alarmDataSchema } from "./alarm-data.ts";

export const ALARM_EVENT_SOURCE = "aws.cloudwatch";
export const ALARM_EVENT_DETAIL_TYPE = "CloudWatch Alarm State Change";

export const alarmStateChangeEventSchema = EventBridgeSchema.extend({
  source: z.literal(ALARM_EVENT_SOURCE),
  "detail-type": z.literal(ALARM_EVENT_DETAIL_TYPE),
  detail: alarmDataSchema,
});
export type AlarmStateChangeEvent = z.infer<typeof alarmStateChangeEventSchema>;

/** The parsed event as an `AlarmChange` (the alarm ARN is the event's only resource). */
export function alarmChangeFromEventBridge(event: AlarmStateChangeEvent): AlarmChange {
  return alarmChangeOf(event.detail, {
    alarmArn: event.resources.find((r) => r.includes(":alarm:") && r.length <= MAX.arn),
    region: event.region,
    account: event.account,
    via: "eventbridge",
  });
}
