/**
 * Generators of inputs that look like Lambda events from afar — the right envelope keys, random contents — so that
 * generated (not only mutated) cases get past the first shape check and into the schemas behind it.
 */
import fc from "fast-check";
import { weirdValue } from "./mutate.ts";

const isoTime = fc
  .integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) })
  .map((ms) => new Date(ms).toISOString());

/** A string field: usually plausible, sometimes anything. */
const str = fc.oneof({ weight: 3, arbitrary: fc.string({ maxLength: 30 }) }, { weight: 1, arbitrary: weirdValue });

/** Any JS value, including null-prototype objects, boxed values and sparse arrays. */
export const anyValue: fc.Arbitrary<unknown> = fc.anything({
  maxDepth: 3,
  withNullPrototype: true,
  withBoxedValues: true,
  withSparseArray: true,
  withObjectString: true,
});

export function eventBridgeLike(detailTypes: string[], sources: string[], detail: fc.Arbitrary<unknown>) {
  return fc.record(
    {
      version: fc.oneof(fc.constant("0"), str),
      id: fc.oneof(fc.uuid(), str),
      "detail-type": fc.oneof(fc.constantFrom(...detailTypes), str),
      source: fc.oneof(fc.constantFrom(...sources), str),
      account: fc.oneof(fc.constant("123456789012"), str),
      time: fc.oneof(isoTime, str),
      region: fc.oneof(fc.constant("eu-west-1"), str),
      resources: fc.oneof(fc.array(fc.string({ maxLength: 80 }), { maxLength: 3 }), weirdValue),
      detail: fc.oneof(detail, weirdValue),
    },
    { requiredKeys: ["detail-type"] },
  );
}

/** CloudWatch's alarm-timestamp spelling (`+0000`, no colon), which is what the alarm-action payload carries. */
const alarmTime = isoTime.map((t) => t.replace("Z", "+0000"));

/**
 * The payload a CloudWatch alarm sends when its alarm action names the function: no `detail-type`, the alarm under
 * `alarmData`.
 */
export function alarmActionLike(alarmData: fc.Arbitrary<unknown>) {
  return fc.record(
    {
      source: fc.oneof(fc.constant("aws.cloudwatch"), str),
      alarmArn: fc.oneof(fc.constant("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:dp-scaling-prod-cpu"), str),
      accountId: fc.oneof(fc.constant("123456789012"), str),
      time: fc.oneof(alarmTime, str),
      region: fc.oneof(fc.constant("eu-west-1"), str),
      alarmData: fc.oneof(alarmData, weirdValue),
    },
    { requiredKeys: ["alarmData"] },
  );
}

/** `Records[]` of SNS notifications whose `Message` is the JSON text of `message` (or something else). */
export function snsLike(message: fc.Arbitrary<unknown>) {
  const record = fc.record(
    {
      EventSource: fc.oneof(fc.constant("aws:sns"), str),
      EventVersion: fc.oneof(fc.constant("1.0"), str),
      EventSubscriptionArn: fc.oneof(fc.constant("arn:aws:sns:eu-west-1:123456789012:t:1"), str),
      Sns: fc.record(
        {
          Type: fc.oneof(fc.constant("Notification"), str),
          MessageId: fc.oneof(fc.uuid(), str),
          TopicArn: fc.oneof(fc.constant("arn:aws:sns:eu-west-1:123456789012:t"), str),
          Subject: fc.oneof(str, fc.constant(null)),
          Message: fc.oneof(
            { weight: 3, arbitrary: message.map((m) => JSON.stringify(m) ?? "") },
            { weight: 1, arbitrary: str },
          ),
          Timestamp: fc.oneof(isoTime, str),
          UnsubscribeUrl: fc.oneof(fc.constant("https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe"), str),
          MessageAttributes: fc.oneof(fc.constant({}), weirdValue),
        },
        { requiredKeys: ["Message"] },
      ),
    },
    { requiredKeys: ["Sns"] },
  );
  return fc.record({ Records: fc.oneof(fc.array(record, { maxLength: 3 }), weirdValue) });
}

/** `Records[]` of SQS messages whose `body` is the JSON text of `body` (or something else). */
export function sqsLike(body: fc.Arbitrary<unknown>) {
  const record = fc.record(
    {
      messageId: fc.oneof(fc.uuid(), str),
      receiptHandle: str,
      body: fc.oneof({ weight: 3, arbitrary: body.map((b) => JSON.stringify(b) ?? "") }, { weight: 1, arbitrary: str }),
      attributes: fc.oneof(
        fc.constant({
          ApproximateReceiveCount: "1",
          SentTimestamp: "1768478400650",
          SenderId: "AROAEXAMPLE",
          ApproximateFirstReceiveTimestamp: "1768478400650",
        }),
        weirdValue,
      ),
      messageAttributes: fc.oneof(fc.constant({}), weirdValue),
      md5OfBody: str,
      eventSource: fc.oneof(fc.constant("aws:sqs"), str),
      eventSourceARN: fc.oneof(fc.constant("arn:aws:sqs:eu-west-1:123456789012:q"), str),
      awsRegion: fc.oneof(fc.constant("eu-west-1"), str),
    },
    { requiredKeys: ["eventSource"] },
  );
  return fc.record({ Records: fc.oneof(fc.array(record, { maxLength: 3 }), weirdValue) });
}
