import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScalerTrigger, triggerCorrelationId } from "../../../shared/services/scaler/trigger.ts";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/events/${name}`, import.meta.url), "utf8"));

function parsedOk(name: string) {
  const r = parseScalerTrigger(fixture(name));
  if (!r.ok) throw new Error(`expected ${name} to parse: ${r.error.message}`);
  return r.trigger;
}

function problemsOf(event: unknown): string[] {
  const r = parseScalerTrigger(event);
  if (r.ok) throw new Error("expected a parse failure");
  return r.error.problems;
}

describe("EventBridge CloudWatch Alarm State Change", () => {
  it("reads the current field set (tags, suppression) into an alarm change", () => {
    const t = parsedOk("alarm-eventbridge-new.json");
    expect(t).toMatchObject({ kind: "alarm", eventId: "6a7e8feb-b491-4cf7-a9f1-bf3703467718" });
    if (t.kind !== "alarm") return;
    expect(t.alarms).toEqual([
      {
        alarmName: "dp-prod-cpu-high",
        alarmArn: "arn:aws:cloudwatch:us-east-2:123456789012:alarm:dp-prod-cpu-high",
        state: "ALARM",
        previousState: "OK",
        changedAt: Date.UTC(2024, 4, 14, 9, 31, 12, 551),
        reason: expect.stringContaining("Threshold Crossed"),
        region: "us-east-2",
        account: "123456789012",
        metrics: [
          {
            namespace: "AWS/EC2",
            metricName: "CPUUtilization",
            dimensions: { AutoScalingGroupName: "dp-prod-asg" },
            stat: "Average",
            periodSeconds: 60,
          },
        ],
        via: "eventbridge",
      },
    ]);
  });

  it("reads the 2019 field set and its +0000 timestamp", () => {
    const t = parsedOk("alarm-eventbridge-old.json");
    if (t.kind !== "alarm") throw new Error(t.kind);
    expect(t.alarms[0]!.changedAt).toBe(Date.UTC(2019, 9, 2, 17, 4, 40, 989));
    expect(t.alarms[0]!.metrics[0]!.periodSeconds).toBe(300);
  });

  it("keeps the metrics of a metric-math alarm and skips the expression", () => {
    const t = parsedOk("alarm-eventbridge-expression.json");
    if (t.kind !== "alarm") throw new Error(t.kind);
    expect(t.alarms[0]!.state).toBe("OK");
    expect(t.alarms[0]!.metrics.map((m) => `${m.metricName}/${m.stat}`)).toEqual(["NetworkOut/Sum"]);
  });

  it("names every problem of a malformed alarm event with its path", () => {
    const r = parseScalerTrigger(fixture("alarm-eventbridge-malformed.json"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.name).toBe("InvalidEventError");
    expect(r.error.form).toBe("EventBridge alarm event");
    expect(r.error.problems).toHaveLength(2);
    expect(r.error.problems[0]).toMatch(/^detail\.state\.value: /);
    expect(r.error.problems[1]).toMatch(/^detail\.state\.timestamp: must be a timestamp/);
  });

  it("refuses an alarm event without an alarm name", () => {
    const e = fixture("alarm-eventbridge-new.json") as { detail: Record<string, unknown> };
    delete e.detail.alarmName;
    expect(problemsOf(e)).toEqual([expect.stringMatching(/^detail\.alarmName: /)]);
  });

  it("refuses EventBridge events of other detail types, naming the type", () => {
    const e = { ...(fixture("schedule.json") as object), "detail-type": "EC2 Instance State-change Notification" };
    expect(problemsOf(e)[0]).toContain('"EC2 Instance State-change Notification" is not handled by the scaler');
  });
});

describe("the alarm's own Lambda action (AlarmActions naming the function)", () => {
  it("reads AWS's documented metric-alarm payload: +0000 times, reasonData a string, metric unit", () => {
    const t = parsedOk("alarm-lambda-action-aws-metric.json");
    expect(t).toEqual({
      kind: "alarm",
      eventId: "arn:aws:cloudwatch:us-east-1:444455556666:alarm:lambda-demo-metric-alarm@2023-08-04T12:36:15.490+0000",
      alarms: [
        {
          alarmName: "lambda-demo-metric-alarm",
          alarmArn: "arn:aws:cloudwatch:us-east-1:444455556666:alarm:lambda-demo-metric-alarm",
          state: "ALARM",
          previousState: "INSUFFICIENT_DATA",
          changedAt: Date.UTC(2023, 7, 4, 12, 36, 15, 490),
          reason: "test",
          region: "us-east-1",
          account: "444455556666",
          metrics: [
            {
              namespace: "AWS/Logs",
              metricName: "CallCount",
              dimensions: { InstanceId: "i-12345678" },
              stat: "Average",
              periodSeconds: 60,
            },
          ],
          via: "lambda-action",
        },
      ],
    });
  });

  it("reads AWS's documented composite-alarm payload: alarmRule, no metrics, suppression fields", () => {
    const t = parsedOk("alarm-lambda-action-aws-composite.json");
    if (t.kind !== "alarm") throw new Error(t.kind);
    expect(t.alarms[0]).toMatchObject({
      alarmName: "CompositeDemo.Main",
      state: "ALARM",
      previousState: "ALARM",
      changedAt: Date.UTC(2023, 7, 4, 12, 56, 46, 138),
      metrics: [],
      via: "lambda-action",
    });
  });

  it("keeps the metrics of a metric-math alarm, skips its expression, and reads a state without reasonData", () => {
    const t = parsedOk("alarm-lambda-action-expression.json");
    if (t.kind !== "alarm") throw new Error(t.kind);
    expect(t.alarms[0]!.state).toBe("INSUFFICIENT_DATA");
    expect(t.alarms[0]!.previousState).toBe("OK");
    expect(t.alarms[0]!.metrics.map((m) => m.metricName)).toEqual(["NetworkIn", "NetworkOut"]);
  });

  it("names every problem of a malformed payload with its path, under this form's name", () => {
    const r = parseScalerTrigger(fixture("alarm-lambda-action-malformed.json"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.form).toBe("CloudWatch alarm action payload");
    expect(r.error.message).toMatch(/^invalid CloudWatch alarm action payload: /);
    expect(r.error.problems.map((p) => p.split(":")[0])).toEqual([
      "alarmArn",
      "alarmData.state.reasonData",
      "alarmData.state.timestamp",
      "alarmData.configuration.metrics[0]",
    ]);
  });

  it("reports a payload without alarmData against this form, not as an EventBridge event", () => {
    const e = fixture("alarm-lambda-action-metric.json") as Record<string, unknown>;
    delete e.alarmData;
    expect(problemsOf(e)).toEqual([expect.stringMatching(/^alarmData: /)]);
  });

  it("refuses a payload that claims another source", () => {
    const e = { ...(fixture("alarm-lambda-action-metric.json") as object), source: "aws.events" };
    expect(problemsOf(e)).toEqual([expect.stringMatching(/^source: /)]);
  });
});

describe("SNS-delivered alarms", () => {
  it("reads a current message: long region name, UPPERCASE statistic, {name, value} dimensions", () => {
    const t = parsedOk("sns-alarm-new.json");
    expect(t).toMatchObject({ kind: "alarm", eventId: "95df01b4-ee98-5cb9-9903-4c221d41eb5e" });
    if (t.kind !== "alarm") return;
    const a = t.alarms[0]!;
    expect(a).toMatchObject({
      alarmName: "dp-prod-cpu-high",
      alarmArn: "arn:aws:cloudwatch:us-east-2:123456789012:alarm:dp-prod-cpu-high",
      state: "ALARM",
      previousState: "OK",
      region: "US East (Ohio)",
      via: "sns",
    });
    expect(a.changedAt).toBe(Date.UTC(2024, 4, 14, 9, 31, 12, 551));
    expect(a.metrics).toEqual([
      {
        namespace: "AWS/EC2",
        metricName: "CPUUtilization",
        dimensions: { AutoScalingGroupName: "dp-prod-asg" },
        stat: "Average",
        periodSeconds: 60,
      },
    ]);
  });

  it("reads an older message: no AlarmArn, no DatapointsToAlarm, null Unit and description, empty TreatMissingData", () => {
    const t = parsedOk("sns-alarm-old.json");
    if (t.kind !== "alarm") throw new Error(t.kind);
    const a = t.alarms[0]!;
    expect(a.alarmArn).toBeUndefined();
    expect(a.state).toBe("INSUFFICIENT_DATA");
    expect(a.region).toBe("EU - Ireland");
    expect(a.metrics[0]!.stat).toBe("Sum");
    expect(a.metrics[0]!.dimensions.autoscalinggroupname).toBe("dp-eu-asg");
  });

  it("says which record's Message is not JSON", () => {
    const problems = problemsOf(fixture("sns-alarm-malformed-json.json"));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Records\[0\]\.Sns\.Message: not JSON/);
  });

  it("names the missing and mistyped fields inside the Message", () => {
    const problems = problemsOf(fixture("sns-alarm-malformed-fields.json"));
    expect(problems.map((p) => p.split(":")[0])).toEqual([
      "Records[0].Sns.Message.NewStateValue",
      "Records[0].Sns.Message.StateChangeTime",
    ]);
  });

  it("refuses an SNS envelope that is not a notification", () => {
    const e = fixture("sns-alarm-new.json") as { Records: { EventSource: string }[] };
    e.Records[0]!.EventSource = "aws:sqs";
    expect(problemsOf(e)[0]).toMatch(/^Records\[0\]\.EventSource: /);
  });

  it("keeps every alarm of a multi-record batch", () => {
    const a = fixture("sns-alarm-new.json") as { Records: unknown[] };
    const b = fixture("sns-alarm-old.json") as { Records: unknown[] };
    const t = parseScalerTrigger({ Records: [...a.Records, ...b.Records] });
    expect(t.ok && t.trigger.kind === "alarm" && t.trigger.alarms.map((x) => x.alarmName)).toEqual([
      "dp-prod-cpu-high",
      "dp-eu-requests-low",
    ]);
  });
});

describe("schedule and direct invokes", () => {
  it("reads the 1-minute schedule", () => {
    expect(parsedOk("schedule.json")).toEqual({
      kind: "schedule",
      eventId: "89d1a02d-5ec7-412e-82f5-13505f849b41",
      at: Date.UTC(2024, 4, 14, 9, 32, 0),
    });
  });

  it("names what is wrong with a malformed schedule event", () => {
    const problems = problemsOf(fixture("schedule-malformed.json"));
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["account", "time"]);
  });

  it("reads { reconcile: all } and { reconcile: <cluster> }", () => {
    expect(parseScalerTrigger({ reconcile: "all" })).toEqual({
      ok: true,
      trigger: { kind: "reconcile", target: "all" },
    });
    expect(parseScalerTrigger({ reconcile: "prod" })).toEqual({
      ok: true,
      trigger: { kind: "reconcile", target: "prod" },
    });
  });

  it("refuses a reconcile request with a bad target or extra fields", () => {
    expect(problemsOf({ reconcile: "Prod!" })[0]).toMatch(/^reconcile: must be "all" or a cluster name/);
    expect(problemsOf({ reconcile: "all", desired: 7 })[0]).toMatch(/desired/);
  });

  it("refuses what is not an object, or of no known shape, with one clear problem", () => {
    expect(problemsOf("hello")).toEqual([expect.stringContaining("must be a JSON object")]);
    expect(problemsOf([])).toEqual([expect.stringContaining("must be a JSON object")]);
    expect(problemsOf({ hello: 1 })).toEqual([expect.stringContaining("unrecognised shape")]);
  });
});

describe("correlation id", () => {
  it("is the EventBridge id or the SNS MessageId", () => {
    expect(triggerCorrelationId(fixture("schedule.json"))).toBe("89d1a02d-5ec7-412e-82f5-13505f849b41");
    expect(triggerCorrelationId(fixture("sns-alarm-old.json"))).toBe("f3c9e5a8-2b1d-5c4e-8f7a-9d6b3e2c1a0f");
    expect(triggerCorrelationId({ reconcile: "all" })).toBeUndefined();
  });
});
