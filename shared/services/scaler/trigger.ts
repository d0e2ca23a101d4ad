/**
 * Everything that can wake the scaler, parsed into one discriminated union. Whatever the form, the answer is the
 * same: reconcile some clusters from live state. Parsing never throws: a malformed event becomes an
 * `InvalidEventError` listing every problem with its path, so the handler can refuse it without Lambda retrying it.
 */
import { z } from "zod";
import { describeIssues } from "../../config/errors.ts";
import type { AlarmChange } from "../../events/alarm-change.ts";
import {
  ALARM_EVENT_DETAIL_TYPE,
  alarmChangeFromEventBridge,
  alarmStateChangeEventSchema,
} from "../../events/alarm-eventbridge.ts";
import {
  alarmActionEventId,
  alarmActionEventSchema,
  alarmChangeFromAlarmAction,
  looksLikeAlarmAction,
} from "../../events/alarm-lambda-action.ts";
import { alarmChangeFromSns, snsAlarmMessageSchema, snsEnvelopeSchema } from "../../events/alarm-sns.ts";
import { SCHEDULE_EVENT_DETAIL_TYPE, scheduledEventSchema } from "../../events/schedule-event.ts";
import { cut } from "../../events/text.ts";

export type ScalerTrigger =
  /** One or more alarm state changes (EventBridge and the alarm's Lambda action carry one, an SNS batch several). */
  | { kind: "alarm"; eventId: string; alarms: AlarmChange[] }
  /** The EventBridge schedule: reconcile every cluster. */
  | { kind: "schedule"; eventId: string; at: number }
  /** A direct invoke: `{ "reconcile": "all" }` or `{ "reconcile": "<cluster>" }`. */
  | { kind: "reconcile"; target: string };

/** The event is not one the scaler understands, or is malformed. Answered with no action, never retried. */
export class InvalidEventError extends Error {
  override readonly name = "InvalidEventError";
  /** The problems, `path: message`: the first `PROBLEMS_MAX`, each cut to `PROBLEM_MAX` (paths hold the sender's keys). */
  readonly problems: string[];
  constructor(
    /** Which event form it looked like: "EventBridge alarm event", "SNS alarm notification", … */
    readonly form: string,
    problems: string[],
  ) {
    const shown = problems.slice(0, PROBLEMS_MAX).map((p) => cut(p, PROBLEM_MAX));
    if (problems.length > PROBLEMS_MAX) shown.push(`… and ${problems.length - PROBLEMS_MAX} more`);
    super(`invalid ${form}: ${shown.join("; ")}`);
    this.problems = shown;
  }
}

const PROBLEMS_MAX = 10;
const PROBLEM_MAX = 300;

export type TriggerParseResult = { ok: true; trigger: ScalerTrigger } | { ok: false; error: InvalidEventError };

const reconcileRequestSchema = z
  .object({
    reconcile: z
      .string()
      .regex(/^(all|[a-z0-9][a-z0-9-]{0,62})$/, 'must be "all" or a cluster name (lowercase letters, digits, dashes)'),
  })
  .strict();

const EXPECTED =
  'expected a CloudWatch alarm (EventBridge "CloudWatch Alarm State Change", SNS, or the alarm\'s Lambda action), an EventBridge "Scheduled Event", or { "reconcile": "all" | "<cluster>" }';

function invalid(form: string, problems: string[]): TriggerParseResult {
  return { ok: false, error: new InvalidEventError(form, problems) };
}

function parseSns(event: unknown): TriggerParseResult {
  const form = "SNS alarm notification";
  const envelope = snsEnvelopeSchema.safeParse(event);
  if (!envelope.success) return invalid(form, describeIssues(envelope.error));
  const alarms: AlarmChange[] = [];
  const problems: string[] = [];
  envelope.data.Records.forEach((record, i) => {
    const at = `Records[${i}].Sns.Message`;
    let body: unknown;
    try {
      body = JSON.parse(record.Sns.Message);
    } catch (err) {
      problems.push(`${at}: not JSON (${(err as Error).message})`);
      return;
    }
    const message = snsAlarmMessageSchema.safeParse(body);
    if (!message.success) {
      problems.push(...describeIssues(message.error).map((p) => `${at}.${p}`));
      return;
    }
    alarms.push(alarmChangeFromSns(message.data));
  });
  if (problems.length > 0) return invalid(form, problems);
  return { ok: true, trigger: { kind: "alarm", eventId: envelope.data.Records[0]!.Sns.MessageId, alarms } };
}

/** The payload of an alarm whose AlarmActions / OKActions / InsufficientDataActions name the scaler itself. */
function parseAlarmAction(event: Record<string, unknown>): TriggerParseResult {
  const parsed = alarmActionEventSchema.safeParse(event);
  if (!parsed.success) return invalid("CloudWatch alarm action payload", describeIssues(parsed.error));
  return {
    ok: true,
    trigger: {
      kind: "alarm",
      eventId: alarmActionEventId(parsed.data),
      alarms: [alarmChangeFromAlarmAction(parsed.data)],
    },
  };
}

function parseEventBridge(event: Record<string, unknown>): TriggerParseResult {
  const detailType = event["detail-type"];
  if (detailType === SCHEDULE_EVENT_DETAIL_TYPE) {
    const parsed = scheduledEventSchema.safeParse(event);
    if (!parsed.success) return invalid("EventBridge scheduled event", describeIssues(parsed.error));
    return { ok: true, trigger: { kind: "schedule", eventId: parsed.data.id, at: Date.parse(parsed.data.time) } };
  }
  if (detailType === ALARM_EVENT_DETAIL_TYPE) {
    const parsed = alarmStateChangeEventSchema.safeParse(event);
    if (!parsed.success) return invalid("EventBridge alarm event", describeIssues(parsed.error));
    return {
      ok: true,
      trigger: { kind: "alarm", eventId: parsed.data.id, alarms: [alarmChangeFromEventBridge(parsed.data)] },
    };
  }
  return invalid("EventBridge event", [
    // Quoted and capped: the value is the sender's, and a 70 kB detail-type must not become a 70 kB log line.
    `detail-type: ${JSON.stringify(detailType ?? null).slice(0, 100)} is not handled by the scaler (expected "${ALARM_EVENT_DETAIL_TYPE}" or "${SCHEDULE_EVENT_DETAIL_TYPE}")`,
  ]);
}

/** Recognises the event's form by its shape, then validates it fully. */
export function parseScalerTrigger(event: unknown): TriggerParseResult {
  if (typeof event !== "object" || event === null || Array.isArray(event))
    return invalid("event", [`(event): must be a JSON object; ${EXPECTED}`]);
  const e = event as Record<string, unknown>;
  if ("Records" in e) return parseSns(e);
  if (looksLikeAlarmAction(e)) return parseAlarmAction(e);
  if ("detail-type" in e || "source" in e) return parseEventBridge(e);
  if ("reconcile" in e) {
    const parsed = reconcileRequestSchema.safeParse(e);
    if (!parsed.success) return invalid("reconcile request", describeIssues(parsed.error));
    return { ok: true, trigger: { kind: "reconcile", target: parsed.data.reconcile } };
  }
  return invalid("event", [`(event): unrecognised shape; ${EXPECTED}`]);
}

/** The id that ties the logs of one event together (EventBridge `id`, SNS `MessageId`). */
export function triggerCorrelationId(event: unknown): string | undefined {
  if (typeof event !== "object" || event === null) return undefined;
  const e = event as { id?: unknown; Records?: { Sns?: { MessageId?: unknown } }[] };
  if (typeof e.id === "string") return e.id;
  const messageId = Array.isArray(e.Records) ? e.Records[0]?.Sns?.MessageId : undefined;
  return typeof messageId === "string" ? messageId : undefined;
}
