/**
 * CloudWatch alarm notifications delivered by SNS: `Records[].Sns.Message` is the alarm as a JSON *string*, with its
 * own quirks — the region's long name ("US East (Ohio)"), UPPERCASE statistics ("AVERAGE"), `Dimensions` as
 * `[{name, value}]`, `AlarmArn` and `DatapointsToAlarm` absent in older messages, `Unit` / `AlarmDescription` null,
 * `TreatMissingData` "". The envelope is Powertools' `SnsSchema`.
 */
import { SnsSchema } from "@aws-lambda-powertools/parser/schemas/sns";
import { z } from "zod";
import { ALARM_STATES, type AlarmChange, type AlarmMetricRef, ALARM_LIMITS as MAX } from "./alarm-change.ts";
import { parseAlarmTimestamp } from "./alarm-time.ts";

export const snsEnvelopeSchema = SnsSchema;
export type SnsEnvelope = z.infer<typeof snsEnvelopeSchema>;

const snsDimensionsSchema = z
  .array(z.object({ name: z.string().min(1).max(MAX.dimensionName), value: z.string().max(MAX.dimensionValue) }))
  .default([]);

/** Metric-math alarms list their metrics under `Trigger.Metrics` (API-cased field names). */
const snsMathMetricSchema = z.object({
  Id: z.string().max(MAX.name),
  Expression: z.string().max(MAX.expression).optional(),
  MetricStat: z
    .object({
      Metric: z.object({
        Namespace: z.string().min(1).max(MAX.namespace),
        MetricName: z.string().min(1).max(MAX.metricName),
        Dimensions: snsDimensionsSchema,
      }),
      Period: z.number().int().positive().optional(),
      Stat: z.string().max(MAX.stat).optional(),
    })
    .optional(),
  ReturnData: z.boolean().optional(),
});

export const snsAlarmMessageSchema = z.object({
  AlarmName: z.string().min(1).max(MAX.name),
  AlarmDescription: z.string().max(MAX.description).nullish(),
  AWSAccountId: z.string().max(12).optional(),
  NewStateValue: z.enum(ALARM_STATES),
  NewStateReason: z.string().max(MAX.reason).optional(),
  StateChangeTime: z
    .string()
    .refine((s) => parseAlarmTimestamp(s) !== undefined, 'must be a timestamp like "2019-10-02T17:04:40.989+0000"'),
  Region: z.string().max(64).optional(),
  AlarmArn: z.string().max(MAX.arn).optional(),
  OldStateValue: z.enum(ALARM_STATES).optional(),
  Trigger: z.object({
    MetricName: z.string().max(MAX.metricName).optional(),
    Namespace: z.string().max(MAX.namespace).optional(),
    StatisticType: z.string().optional(),
    Statistic: z.string().nullish(),
    ExtendedStatistic: z.string().nullish(),
    Unit: z.string().nullish(),
    Dimensions: snsDimensionsSchema,
    Period: z.number().int().positive().optional(),
    EvaluationPeriods: z.number().int().optional(),
    DatapointsToAlarm: z.number().int().optional(),
    ComparisonOperator: z.string().optional(),
    Threshold: z.number().optional(),
    TreatMissingData: z.string().optional(),
    Metrics: z.array(snsMathMetricSchema).optional(),
  }),
});
export type SnsAlarmMessage = z.infer<typeof snsAlarmMessageSchema>;

const STATISTICS: Record<string, string> = {
  AVERAGE: "Average",
  SUM: "Sum",
  MINIMUM: "Minimum",
  MAXIMUM: "Maximum",
  SAMPLE_COUNT: "SampleCount",
  SAMPLECOUNT: "SampleCount",
};

/** SNS's `AVERAGE` → CloudWatch's `Average`; extended statistics (p95) and unknown spellings pass through. */
export function normaliseStatistic(statistic: string | null | undefined): string | undefined {
  if (!statistic) return undefined;
  return STATISTICS[statistic.toUpperCase()] ?? statistic;
}

function dimensionRecord(dims: { name: string; value: string }[]): Record<string, string> {
  return Object.fromEntries(dims.map((d) => [d.name, d.value]));
}

export function alarmChangeFromSns(message: SnsAlarmMessage): AlarmChange {
  const t = message.Trigger;
  const metrics: AlarmMetricRef[] = [];
  if (t.MetricName && t.Namespace)
    metrics.push({
      namespace: t.Namespace,
      metricName: t.MetricName,
      dimensions: dimensionRecord(t.Dimensions),
      stat: t.ExtendedStatistic ?? normaliseStatistic(t.Statistic),
      periodSeconds: t.Period,
    });
  for (const m of t.Metrics ?? []) {
    if (!m.MetricStat) continue;
    metrics.push({
      namespace: m.MetricStat.Metric.Namespace,
      metricName: m.MetricStat.Metric.MetricName,
      dimensions: dimensionRecord(m.MetricStat.Metric.Dimensions),
      stat: m.MetricStat.Stat,
      periodSeconds: m.MetricStat.Period,
    });
  }
  return {
    alarmName: message.AlarmName,
    alarmArn: message.AlarmArn,
    state: message.NewStateValue,
    previousState: message.OldStateValue,
    changedAt: parseAlarmTimestamp(message.StateChangeTime)!,
    reason: message.NewStateReason,
    region: message.Region,
    account: message.AWSAccountId,
    metrics,
    via: "sns",
  };
}
