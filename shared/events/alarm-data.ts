/**
 * The alarm itself as CloudWatch describes it in a state change — EventBridge's `detail` and the Lambda alarm
 * action's `alarmData` carry the same object (alarmName, state, previousState, configuration). Unknown fields
 * (alarmTags, actionsSuppressedBy, …) are tolerated so that a new AWS field never turns a valid alarm into a
 * rejected event. Metric alarms list `configuration.metrics` (metric-math ones add `expression` entries); composite
 * alarms carry `configuration.alarmRule` and no metrics.
 */
import { z } from "zod";
import { ALARM_STATES, type AlarmChange, type AlarmMetricRef, ALARM_LIMITS as MAX } from "./alarm-change.ts";
import { parseAlarmTimestamp } from "./alarm-time.ts";

export const alarmTimestampSchema = z
  .string()
  .refine((s) => parseAlarmTimestamp(s) !== undefined, 'must be a timestamp like "2019-10-02T17:04:40.989+0000"');

const alarmStateSchema = z.object({
  value: z.enum(ALARM_STATES),
  reason: z.string().max(MAX.reason).optional(),
  /** A JSON document in a string (evaluated datapoints, triggering alarms); kept as text, never read: the scaler
   * reads the metrics itself. Absent on some states ("Unchecked: Initial alarm creation"). */
  reasonData: z.string().max(MAX.reasonData).optional(),
  timestamp: alarmTimestampSchema,
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

export const alarmDataSchema = z.object({
  alarmName: z.string().min(1).max(MAX.name),
  state: alarmStateSchema,
  previousState: alarmStateSchema.optional(),
  /** Composite alarms carry `alarmRule` instead of metrics. */
  configuration: z
    .object({ metrics: z.array(metricEntrySchema).default([]), alarmRule: z.string().optional() })
    .optional(),
});
export type AlarmData = z.infer<typeof alarmDataSchema>;

/** The metrics the alarm watches; expression entries and composite alarms contribute none. */
export function metricsOfAlarm(data: AlarmData): AlarmMetricRef[] {
  const metrics: AlarmMetricRef[] = [];
  for (const m of data.configuration?.metrics ?? []) {
    if (!m.metricStat) continue;
    metrics.push({
      namespace: m.metricStat.metric.namespace,
      metricName: m.metricStat.metric.name,
      dimensions: m.metricStat.metric.dimensions,
      stat: m.metricStat.stat,
      periodSeconds: m.metricStat.period,
    });
  }
  return metrics;
}

/** The alarm's change as the scaler reads it, whichever envelope carried it (EventBridge's or the alarm action's). */
export function alarmChangeOf(
  data: AlarmData,
  envelope: Pick<AlarmChange, "alarmArn" | "region" | "account" | "via">,
): AlarmChange {
  return {
    alarmName: data.alarmName,
    alarmArn: envelope.alarmArn,
    state: data.state.value,
    previousState: data.previousState?.value,
    changedAt: parseAlarmTimestamp(data.state.timestamp)!,
    reason: data.state.reason,
    region: envelope.region,
    account: envelope.account,
    metrics: metricsOfAlarm(data),
    via: envelope.via,
  };
}
