/**
 * Every form in which an Auto Scaling lifecycle action reaches the launch and drain functions, parsed into one shape:
 *
 * - EventBridge "EC2 Instance-launch Lifecycle Action" / "EC2 Instance-terminate Lifecycle Action" (`aws.autoscaling`);
 * - the hook's notification target: SNS (`Records[].Sns.Message`, a JSON string) or SQS (`Records[].body`, a JSON
 *   string; a batch may hold several, and the body may itself be an SNS notification or an EventBridge event when the
 *   queue is subscribed to a topic or a rule);
 * - `autoscaling:TEST_NOTIFICATION`, sent when a hook is created: acknowledged and ignored;
 * - our own continuation (`lifecycle-continuation.ts`).
 *
 * Unknown fields are tolerated (AWS adds some now and then); a message missing what the action needs is `invalid`, with
 * one sentence saying what is wrong, and nothing is done with it.
 */
import { EventBridgeSchema } from "@aws-lambda-powertools/parser/schemas/eventbridge";
import { SnsRecordSchema, SnsSqsNotificationSchema } from "@aws-lambda-powertools/parser/schemas/sns";
import { SqsRecordSchema } from "@aws-lambda-powertools/parser/schemas/sqs";
import { z } from "zod";
import { type LifecycleAction, TRANSITIONS } from "./lifecycle-action.ts";
import { CONTINUATION_KIND, continuationPayloadSchema, type LifecycleWaitState } from "./lifecycle-continuation.ts";
import { cut, ID_MAX } from "./text.ts";

export const LAUNCH_DETAIL_TYPE = "EC2 Instance-launch Lifecycle Action";
export const TERMINATE_DETAIL_TYPE = "EC2 Instance-terminate Lifecycle Action";
export const AUTOSCALING_SOURCE = "aws.autoscaling";
export const TEST_NOTIFICATION = "autoscaling:TEST_NOTIFICATION";

export type LifecycleVia = "eventbridge" | "sns" | "sqs" | "direct";

export type LifecycleMessage =
  | { kind: "action"; via: LifecycleVia; action: LifecycleAction }
  | { kind: "test-notification"; via: LifecycleVia; groupName?: string }
  | { kind: "continuation"; function: "launch" | "drain"; state: LifecycleWaitState }
  | { kind: "invalid"; error: string };

export interface LifecycleItem {
  /** SQS messageId, SNS MessageId, EventBridge id, or the instance id of a continuation. */
  id: string;
  message: LifecycleMessage;
}

export interface LifecycleInvocation {
  /** True for an SQS batch: failures are reported per message with `batchItemFailures`. */
  sqs: boolean;
  items: LifecycleItem[];
}

const instanceId = z.string().regex(/^i-[0-9a-f]{8,17}$/, "must be an EC2 instance id");
const transition = z.enum(Object.keys(TRANSITIONS) as [string, ...string[]]);

/** The detail of the EventBridge event; the same fields as the notification body, minus its envelope. */
const actionFieldsSchema = z.object({
  LifecycleActionToken: z.string().min(1).max(255).optional(),
  AutoScalingGroupName: z.string().min(1).max(255),
  LifecycleHookName: z.string().min(1).max(255),
  EC2InstanceId: instanceId,
  LifecycleTransition: transition,
  // Auto Scaling's limits (PutLifecycleHook: metadata ≤ 1023); origin and destination are short names (EC2, WarmPool).
  NotificationMetadata: z.string().max(1023).optional(),
  Origin: z.string().max(64).optional(),
  Destination: z.string().max(64).optional(),
});

/** The notification body (SNS/SQS): `Service: "AWS Auto Scaling"`, `Time`, `RequestId`, `AccountId`, and the fields. */
const notificationSchema = actionFieldsSchema.extend({
  Service: z.string().optional(),
  Time: z.string().refine((s) => Number.isFinite(Date.parse(s)), "must be an ISO timestamp"),
  RequestId: z.string().optional(),
  AccountId: z.string().optional(),
});

const lifecycleEventSchema = EventBridgeSchema.extend({
  source: z.literal(AUTOSCALING_SOURCE),
  "detail-type": z.enum([LAUNCH_DETAIL_TYPE, TERMINATE_DETAIL_TYPE]),
  detail: actionFieldsSchema,
});

/** Parses one Lambda event into its lifecycle messages. Never throws. */
export function parseLifecycleInvocation(event: unknown): LifecycleInvocation {
  const records = isObject(event) && Array.isArray(event.Records) ? (event.Records as unknown[]) : undefined;
  if (records === undefined) return { sqs: false, items: [parseTopLevel(event)] };
  if (records.length === 0) return { sqs: false, items: [{ id: "-", message: invalid("Records is empty") }] };
  const sqs = records.some((r) => isObject(r) && r.eventSource === "aws:sqs");
  return { sqs, items: records.map((r, i) => (sqs ? parseSqsRecord(r, i) : parseSnsRecord(r, i))) };
}

function parseTopLevel(event: unknown): LifecycleItem {
  if (!isObject(event)) return { id: "-", message: invalid("the event is not a JSON object") };
  if (event.kind === CONTINUATION_KIND) {
    const parsed = continuationPayloadSchema.safeParse(event);
    if (!parsed.success) return { id: "-", message: invalid(`continuation: ${describeIssues(parsed.error)}`) };
    const { state } = parsed.data;
    return {
      id: `${state.action.instanceId}#${state.handovers}`,
      message: { kind: "continuation", function: parsed.data.function, state },
    };
  }
  if ("detail-type" in event || "source" in event) return parseEventBridge(event);
  // A bare notification body (e.g. `dp-autoscaler invoke launch --event body.json`).
  return { id: stringField(event, "RequestId") ?? "-", message: parseNotificationBody(event, "direct") };
}

function parseEventBridge(event: Record<string, unknown>): LifecycleItem {
  const id = stringField(event, "id") ?? "-";
  const parsed = lifecycleEventSchema.safeParse(event);
  if (!parsed.success) return { id, message: invalid(`EventBridge lifecycle event: ${describeIssues(parsed.error)}`) };
  const e = parsed.data;
  const action = toAction(e.detail, Date.parse(e.time));
  const expected = e["detail-type"] === LAUNCH_DETAIL_TYPE ? "launching" : "terminating";
  if (action.transition !== expected)
    return { id, message: invalid(`"${e["detail-type"]}" carries ${e.detail.LifecycleTransition}`) };
  return { id, message: { kind: "action", via: "eventbridge", action } };
}

function parseSnsRecord(record: unknown, index: number): LifecycleItem {
  const parsed = SnsRecordSchema.safeParse(record);
  if (!parsed.success)
    return { id: `record-${index}`, message: invalid(`SNS record ${index}: ${describeIssues(parsed.error)}`) };
  const { Message, MessageId } = parsed.data.Sns;
  return { id: cut(MessageId, ID_MAX), message: parseJsonBody(Message, "sns") };
}

function parseSqsRecord(record: unknown, index: number): LifecycleItem {
  const parsed = SqsRecordSchema.safeParse(record);
  if (!parsed.success) {
    const id = isObject(record) ? stringField(record, "messageId") : undefined;
    return { id: id ?? `record-${index}`, message: invalid(`SQS record ${index}: ${describeIssues(parsed.error)}`) };
  }
  const { body } = parsed.data;
  const messageId = cut(parsed.data.messageId, ID_MAX);
  const inner = parseJson(body);
  if (!isObject(inner)) return { id: messageId, message: invalid("SQS body is not a JSON object") };
  // A queue subscribed to an SNS topic without raw delivery, or fed by an EventBridge rule.
  if (inner.Type === "Notification") {
    const sns = SnsSqsNotificationSchema.safeParse(inner);
    if (!sns.success)
      return { id: messageId, message: invalid(`SNS notification in SQS: ${describeIssues(sns.error)}`) };
    return { id: messageId, message: parseJsonBody(sns.data.Message, "sqs") };
  }
  if ("detail-type" in inner) return { id: messageId, message: parseEventBridge(inner).message };
  return { id: messageId, message: parseNotificationBody(inner, "sqs") };
}

function parseJsonBody(text: string, via: LifecycleVia): LifecycleMessage {
  const body = parseJson(text);
  if (!isObject(body)) return invalid(`${via.toUpperCase()} message is not a JSON object`);
  return parseNotificationBody(body, via);
}

function parseNotificationBody(body: Record<string, unknown>, via: LifecycleVia): LifecycleMessage {
  if (body.Event === TEST_NOTIFICATION)
    return { kind: "test-notification", via, groupName: stringField(body, "AutoScalingGroupName") };
  const parsed = notificationSchema.safeParse(body);
  if (!parsed.success) return invalid(`lifecycle notification: ${describeIssues(parsed.error)}`);
  return { kind: "action", via, action: toAction(parsed.data, Date.parse(parsed.data.Time)) };
}

function toAction(f: z.infer<typeof actionFieldsSchema>, startedAt: number): LifecycleAction {
  return {
    transition: TRANSITIONS[f.LifecycleTransition]!,
    groupName: f.AutoScalingGroupName,
    hookName: f.LifecycleHookName,
    instanceId: f.EC2InstanceId,
    token: f.LifecycleActionToken,
    startedAt,
    origin: f.Origin,
    destination: f.Destination,
    notificationMetadata: f.NotificationMetadata,
  };
}

function invalid(error: string): LifecycleMessage {
  return { kind: "invalid", error };
}

/** "detail.EC2InstanceId: must be an EC2 instance id; time: Invalid ISO datetime". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => cut(`${i.path.length > 0 ? i.path.join(".") : "(root)"}: ${i.message}`, ISSUE_MAX))
    .join("; ");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A string field of the sender's, cut to an id's length: every use of it here is an id or a name in a log line. */
function stringField(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  return typeof v === "string" ? cut(v, ID_MAX) : undefined;
}

/** One problem of an invalid message, at most this long (its path may hold the sender's keys). */
const ISSUE_MAX = 300;

/** The correlation id for logs: the EventBridge id, the first record's message id, or the continued instance. */
export function lifecycleCorrelationId(event: unknown): string | undefined {
  if (!isObject(event)) return undefined;
  if (Array.isArray(event.Records)) {
    const first = event.Records[0];
    if (!isObject(first)) return undefined;
    if (isObject(first.Sns)) return stringField(first.Sns, "MessageId");
    return stringField(first, "messageId");
  }
  if (event.kind === CONTINUATION_KIND && isObject(event.state) && isObject(event.state.action))
    return stringField(event.state.action, "token") ?? stringField(event.state.action, "instanceId");
  return stringField(event, "id") ?? stringField(event, "RequestId");
}
