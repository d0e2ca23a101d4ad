import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { continuationPayload, initialWaitState } from "../../../shared/events/lifecycle-continuation.ts";
import { lifecycleCorrelationId, parseLifecycleInvocation } from "../../../shared/events/lifecycle-event.ts";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(import.meta.dirname, "../../fixtures/events", `lifecycle-${name}.json`), "utf8"));

const LAUNCH = {
  transition: "launching",
  groupName: "dp-edge-asg",
  hookName: "dp-launch-hook",
  instanceId: "i-0a1b2c3d4e5f60718",
  token: "87654321-4321-4321-4321-210987654321",
};

describe("parseLifecycleInvocation — EventBridge", () => {
  it("reads a launch action with its token, hook, and the event time as the start", () => {
    const inv = parseLifecycleInvocation(fixture("eventbridge-launch"));
    expect(inv.sqs).toBe(false);
    expect(inv.items).toEqual([
      {
        id: "7e5b6d2c-3f9a-4b1e-8c2d-1a2b3c4d5e6f",
        message: {
          kind: "action",
          via: "eventbridge",
          action: {
            ...LAUNCH,
            startedAt: Date.parse("2026-01-15T12:00:00Z"),
            origin: "EC2",
            destination: "AutoScalingGroup",
            notificationMetadata: "cluster=edge",
          },
        },
      },
    ]);
  });

  it("reads the older field set without Origin, Destination or metadata", () => {
    const [item] = parseLifecycleInvocation(fixture("eventbridge-launch-old")).items;
    expect(item?.message).toMatchObject({ kind: "action", action: { ...LAUNCH, origin: undefined } });
  });

  it("reads a terminate action", () => {
    const [item] = parseLifecycleInvocation(fixture("eventbridge-terminate")).items;
    expect(item?.message).toMatchObject({
      kind: "action",
      action: { transition: "terminating", hookName: "dp-terminate-hook", instanceId: "i-0a1b2c3d4e5f60719" },
    });
  });

  it("says what is missing in a malformed event", () => {
    const [item] = parseLifecycleInvocation(fixture("eventbridge-malformed")).items;
    expect(item?.message).toEqual({
      kind: "invalid",
      error: expect.stringMatching(/^EventBridge lifecycle event: detail\.EC2InstanceId: /),
    });
  });

  it("rejects a detail-type that contradicts the transition", () => {
    const e = fixture("eventbridge-launch") as { "detail-type": string };
    e["detail-type"] = "EC2 Instance-terminate Lifecycle Action";
    expect(parseLifecycleInvocation(e).items[0]?.message.kind).toBe("invalid");
  });
});

describe("parseLifecycleInvocation — SNS", () => {
  it("reads the JSON string in Sns.Message, with the body's Time as the start", () => {
    const inv = parseLifecycleInvocation(fixture("sns-launch"));
    expect(inv.sqs).toBe(false);
    expect(inv.items[0]).toEqual({
      id: "95df01b4-ee98-5cb9-9903-4c221d41eb5e",
      message: {
        kind: "action",
        via: "sns",
        action: expect.objectContaining({ ...LAUNCH, startedAt: Date.parse("2026-01-15T12:00:00.533Z") }),
      },
    });
  });

  it("acknowledges the test notification", () => {
    expect(parseLifecycleInvocation(fixture("sns-test-notification")).items[0]?.message).toEqual({
      kind: "test-notification",
      via: "sns",
      groupName: "dp-edge-asg",
    });
  });

  it("reports a message without the action's fields", () => {
    const msg = parseLifecycleInvocation(fixture("sns-malformed")).items[0]?.message;
    expect(msg?.kind).toBe("invalid");
    expect(msg?.kind === "invalid" && msg.error).toMatch(/^lifecycle notification: .*Time: must be an ISO timestamp/);
  });
});

describe("parseLifecycleInvocation — SQS", () => {
  it("reads every message of a batch, keyed by messageId", () => {
    const inv = parseLifecycleInvocation(fixture("sqs-launch-batch"));
    expect(inv.sqs).toBe(true);
    expect(inv.items.map((i) => [i.id, i.message.kind])).toEqual([
      ["059f36b4-87a3-44ab-83d2-661975830a7d", "action"],
      ["2e1424d4-f796-459a-8184-9c92662be6da", "action"],
      ["3f2504e0-4f89-11d3-9a0c-0305e82c3301", "test-notification"],
    ]);
    expect(inv.items[1]?.message).toMatchObject({ via: "sqs", action: { instanceId: "i-0a1b2c3d4e5f60720" } });
  });

  it("marks bad messages invalid one by one, keeping the good ones", () => {
    const inv = parseLifecycleInvocation(fixture("sqs-malformed-batch"));
    expect(inv.items.map((i) => i.message.kind)).toEqual(["action", "invalid", "invalid"]);
    expect(inv.items[1]?.message).toEqual({ kind: "invalid", error: "SQS body is not a JSON object" });
    expect(inv.items[2]?.message).toMatchObject({ error: expect.stringContaining("EC2InstanceId") });
  });

  it("unwraps an SNS notification delivered to the queue without raw delivery", () => {
    const sns = fixture("sns-launch") as { Records: [{ Sns: Record<string, unknown> }] };
    const batch = fixture("sqs-terminate") as { Records: [{ body: string }] };
    batch.Records[0].body = JSON.stringify({ ...sns.Records[0].Sns, UnsubscribeURL: "https://sns.example/unsub" });
    expect(parseLifecycleInvocation(batch).items[0]?.message).toMatchObject({
      kind: "action",
      via: "sqs",
      action: { instanceId: "i-0a1b2c3d4e5f60718" },
    });
  });

  it("reads an EventBridge event delivered to the queue by a rule", () => {
    const batch = fixture("sqs-terminate") as { Records: [{ body: string }] };
    batch.Records[0].body = JSON.stringify(fixture("eventbridge-launch"));
    expect(parseLifecycleInvocation(batch).items[0]?.message).toMatchObject({ kind: "action", via: "eventbridge" });
  });
});

describe("parseLifecycleInvocation — continuation and garbage", () => {
  it("round-trips a continuation payload", () => {
    const state = {
      ...initialWaitState({ ...LAUNCH, transition: "launching", startedAt: 1_768_478_400_000 }),
      attempts: 7,
    };
    const inv = parseLifecycleInvocation(JSON.parse(JSON.stringify(continuationPayload("launch", state))));
    expect(inv.items[0]?.message).toEqual({ kind: "continuation", function: "launch", state });
  });

  it.each([null, 42, "text", [], {}, { Records: [] }, { kind: "dp-autoscaler.lifecycle-continuation" }])(
    "marks %j invalid",
    (event) => {
      const inv = parseLifecycleInvocation(event);
      expect(inv.items).toHaveLength(1);
      expect(inv.items[0]?.message.kind).toBe("invalid");
    },
  );
});

describe("lifecycleCorrelationId", () => {
  it("picks the id of each form", () => {
    expect(lifecycleCorrelationId(fixture("eventbridge-launch"))).toBe("7e5b6d2c-3f9a-4b1e-8c2d-1a2b3c4d5e6f");
    expect(lifecycleCorrelationId(fixture("sns-launch"))).toBe("95df01b4-ee98-5cb9-9903-4c221d41eb5e");
    expect(lifecycleCorrelationId(fixture("sqs-launch-batch"))).toBe("059f36b4-87a3-44ab-83d2-661975830a7d");
  });
});
