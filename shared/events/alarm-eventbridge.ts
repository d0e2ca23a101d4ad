/**
 * EventBridge "CloudWatch Alarm State Change" events (source `aws.cloudwatch`). The envelope is Powertools'
 * `EventBridgeSchema`; the detail follows the documented shape, unknown fields (alarmTags, actionsSuppressedBy, …)
 * are tolerated so that a new AWS field never turns a valid alarm into a rejected event.
 */
import { EventBridgeSchema } from "@aws-lambda-powertools/parser/schemas/eventbridge";
import { z } from "zod";
import { ALARM_STATES, type AlarmChange, type AlarmMetricRef, ALARM_LIMITS as MAX } from "./alarm-change.ts";
import { parseAlarmTimestamp } from "./alarm-time.ts";

export const ALARM_EVENT_SOURCE = "aws.cloudwatch";
export const ALARM_EVENT_DETAIL_TYPE = "CloudWatch Alarm State Change";

const alarmTimestamp = z
  .string()
  .refine((s) => parseAlarmTimestamp(s) !== undefined, 'must be a timestamp like "2019-10-02T17:04:40.989+0000"');

const alarmStateSchema = z.object({
  value: z.enum(ALARM_STATES),
  reason: z.string().max(MAX.reason).optional(),
  /** A JSON document in a string (evaluated datapoints); kept as text, the scaler reads the metrics itself. */
  reasonData: z.string().max(MAX.reasonData).optional(),
  timestamp: alarmTimestamp,
});

const metricEntrySchema = z
  .object({
    id: z.string().max(MAX.name),
    metricStat: z
      .object({
        metric: z.object({
          namespace: z.string().min(1).max(MAX.namespace),
          name: z.string().min(1).max(MAX.metricName),
          dimensions: z.record(z.string().max(MAX.dimensionName), z.string().max(MAX.dimensionValue)).default({}),
        }),
        period: z.number().int().positive().optional(),
        stat: z.string().max(MAX.stat).optional(),
      })
      .optional(),
    expression: z.string().max(MAX.expression).optional(),
    returnData: z.boolean().optional(),
  })
  .refine((m) => m.metricStat !== undefined || m.expression !== undefined, "must have metricStat or expression");

export const alarmStateChangeDetailSchema = z.object({
  alarmName: z.string().min(1).max(MAX.name),
  state: alarmStateSchema,
  previousState: alarmStateSchema.optional(),
  /** Composite alarms carry `alarmRule` instead of metrics. */
  configuration: z.object({ metrics: z.array(metricEntrySchema).default([]) }).optional(),
});

export const alarmStateChangeEventSchema = EventBridgeSchema.extend({
  source: z.literal(ALARM_EVENT_SOURCE),
  "detail-type": z.literal(ALARM_EVENT_DETAIL_TYPE),
  detail: alarmStateChangeDetailSchema,
});
export type AlarmStateChangeEvent = z.infer<typeof alarmStateChangeEventSchema>;

/** The parsed event as an `AlarmChange` (the alarm ARN is the event's only resource). */
export function alarmChangeFromEventBridge(event: AlarmStateChangeEvent): AlarmChange {
  const { detail } = event;
  const metrics: AlarmMetricRef[] = [];
  for (const m of detail.configuration?.metrics ?? []) {
    if (!m.metricStat) continue;
    metrics.push({
      namespace: m.metricStat.metric.namespace,
      metricName: m.metricStat.metric.name,
      dimensions: m.metricStat.metric.dimensions,
      stat: m.metricStat.stat,
      periodSeconds: m.metricStat.period,
    });
  }
  return {
    alarmName: detail.alarmName,
    alarmArn: event.resources.find((r) => r.includes(":alarm:") && r.length <= MAX.arn),
    state: detail.state.value,
    previousState: detail.previousState?.value,
    changedAt: parseAlarmTimestamp(detail.state.timestamp)!,
    reason: detail.state.reason,
    region: event.region,
    account: event.account,
    metrics,
    via: "eventbridge",
  };
}
