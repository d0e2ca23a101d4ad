/**
 * Issue 12, item 6: bad input, consistently. launch and drain refuse a malformed event with the scaler's contract (an
 * `InvalidEvents` metric, one error log, `dp-autoscaler invoke` exits non-zero); no string from outside reaches a log
 * line or Slack uncut; a reason made only of invisible characters is refused; Slack's error details are redacted
 * before they are cut.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { invoke } from "../../cli/commands/invoke.ts";
import { deploymentConfigSchema } from "../../shared/config/schema.ts";
import { LOG_STRING_MAX } from "../../shared/events/text.ts";
import { REDACTED } from "../../shared/notify/redact.ts";
import { deliverToSlack } from "../../shared/notify/slack-delivery.ts";
import { systemClock } from "../../shared/ports/clock.ts";
import type { AutoscalerDeps } from "../../shared/ports/deps.ts";
import { DEPLOYMENT_SCOPE, OWN_METRICS } from "../../shared/ports/metrics.ts";
import { unavailablePorts } from "../../shared/runtime/functions.ts";
import { createDrainHandler } from "../../shared/services/drain/create-handler.ts";
import { createLaunchHandler } from "../../shared/services/launch/create-handler.ts";
import { handleOperatorRequest } from "../../shared/services/operator/handle-request.ts";
import { createScalerHandler } from "../../shared/services/scaler/create-handler.ts";
import { FakeFleet } from "../../test-kit/fake-fleet.ts";
import { LifecycleWorld } from "../../test-kit/fake-fleet-world.ts";
import { FakeInstances } from "../../test-kit/fake-instances.ts";
import { fakeLambdaContext } from "../../test-kit/fake-lambda-context.ts";
import { capturingLogger } from "../../test-kit/fake-logger.ts";
import { FakeMetrics, FakePublisher } from "../../test-kit/fake-metrics.ts";
import { FakeNotifier } from "../../test-kit/fake-notifier.ts";
import { ManualClock } from "../../test-kit/manual-clock.ts";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../fixtures/events/${name}.json`, import.meta.url), "utf8"));
const TEN_MB = 10 * 1024 * 1024;

const HANDLERS = { launch: createLaunchHandler, drain: createDrainHandler } as const;

function lifecycle(fn: keyof typeof HANDLERS) {
  const world = new LifecycleWorld();
  const publisher = new FakePublisher();
  const deps: AutoscalerDeps = { ...world.deps, publisher };
  const handler = HANDLERS[fn](deps);
  return { world, publisher, handler, run: (event: unknown) => handler(event, world.context()) };
}

const errorLines = (log: ReturnType<typeof capturingLogger>) => log.records().filter((r) => r.level === "ERROR");

describe("launch and drain refuse a malformed event as the scaler does", () => {
  describe.each(["launch", "drain"] as const)("%s", (fn) => {
    it.each([
      ["lifecycle-eventbridge-malformed", 1],
      ["lifecycle-sns-malformed", 1],
      // The batch: two malformed messages beside a valid one (which is acted on as usual).
      ["lifecycle-sqs-malformed-batch", 2],
    ])("%s: ok false, InvalidEvents counted, one error log per refused message", async (name, refused) => {
      const t = lifecycle(fn);
      const result = await t.run(fixture(name));
      expect(result.ok).toBe(false);
      expect(result.error).toMatch(new RegExp(`^${refused} of \\d+ lifecycle message\\(s\\) refused: `));
      expect(t.publisher.values(DEPLOYMENT_SCOPE, OWN_METRICS.invalidEvents)).toEqual([refused]);
      const refusals = errorLines(t.world.log).filter((r) => /^invalid lifecycle message/.test(String(r.message)));
      expect(refusals).toHaveLength(refused);
      if (refused === result.outcomes.length) {
        expect(t.world.fleet.calls).toEqual([]);
        expect(t.world.targets.calls).toEqual([]);
      }
    });

    it("a valid event: no ok field, nothing counted as invalid", async () => {
      const t = lifecycle(fn);
      const result = await t.run(fixture("lifecycle-sns-test-notification"));
      expect(result.ok).toBeUndefined();
      expect(t.publisher.values(DEPLOYMENT_SCOPE, OWN_METRICS.invalidEvents)).toEqual([]);
    });

    it("dp-autoscaler invoke exits 1 when the handler refused its event, 0 when it acknowledged it", async () => {
      const dir = mkdtempSync(join(tmpdir(), "bad-input-"));
      const write = (name: string) => {
        const path = join(dir, `${name}.json`);
        writeFileSync(path, JSON.stringify(fixture(name)));
        return path;
      };
      const out: string[] = [];
      const io = (t: ReturnType<typeof lifecycle>) => ({
        out: (s: string) => out.push(s),
        err: () => {},
        clock: t.world.clock,
        importHandler: async () => t.handler as never,
      });
      const refused = lifecycle(fn);
      expect(await invoke([fn, "--event", write("lifecycle-eventbridge-malformed")], io(refused))).toBe(1);
      expect(JSON.parse(out[0]!)).toMatchObject({ ok: false, outcomes: [{ status: "invalid" }] });
      const fine = lifecycle(fn);
      expect(await invoke([fn, "--event", write("lifecycle-sns-test-notification")], io(fine))).toBe(0);
    });
  });
});

describe("length caps on what reaches logs", () => {
  const config = deploymentConfigSchema.parse({
    clusters: [
      {
        name: "prod",
        autoScalingGroupName: "dp-prod-asg",
        targetGroupArns: ["arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/dp/0123456789abcdef"],
        signals: { bandwidth: { enabled: false } },
      },
    ],
  });
  function scaler() {
    const clock = new ManualClock(Date.UTC(2024, 4, 14, 9, 32));
    const log = capturingLogger();
    const publisher = new FakePublisher();
    const fleet = new FakeFleet(clock);
    fleet.addGroup({ name: "dp-prod-asg", desired: 2, min: 2, max: 10 });
    const notIn = unavailablePorts("scaler");
    const deps: AutoscalerDeps = {
      ...notIn,
      loadConfig: async () => config,
      clock,
      logger: log.logger,
      fleet,
      instances: new FakeInstances(),
      metrics: new FakeMetrics(),
      publisher,
      notifier: new FakeNotifier(),
      region: "us-east-2",
    };
    const handler = createScalerHandler(deps, { sweepLifecycle: false });
    return { log, publisher, fleet, run: (e: unknown) => handler(e, fakeLambdaContext()) };
  }

  const hugeName = "dp-prod-" + "x".repeat(TEN_MB);
  const eventBridgeAlarm = () => {
    const e = fixture("alarm-eventbridge-new") as { detail: { alarmName: string } };
    e.detail.alarmName = hugeName;
    return e;
  };
  const snsAlarm = () => {
    const e = fixture("sns-alarm-new") as { Records: { Sns: { Message: string } }[] };
    const message = JSON.parse(e.Records[0]!.Sns.Message) as { AlarmName: string };
    message.AlarmName = hugeName;
    e.Records[0]!.Sns.Message = JSON.stringify(message);
    return e;
  };

  it.each([
    ["EventBridge", eventBridgeAlarm],
    ["SNS", snsAlarm],
  ])("a 10 MB alarm name (%s) is refused: one short error line, InvalidEvents, nothing scaled", async (_, event) => {
    const s = scaler();
    const result = await s.run(event());
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/alarmName|AlarmName/);
    expect(s.publisher.values(DEPLOYMENT_SCOPE, OWN_METRICS.invalidEvents)).toEqual([1]);
    expect(errorLines(s.log)).toHaveLength(1);
    expect(s.log.text()).not.toContain("x".repeat(300));
    expect(s.log.text().length).toBeLessThan(10_000);
    expect(s.fleet.calls.filter((c) => c.op === "setDesired")).toEqual([]);
  });

  it("a 255-character alarm name is still a valid alarm (AWS's limit)", async () => {
    const s = scaler();
    const e = fixture("alarm-eventbridge-new") as { detail: { alarmName: string } };
    e.detail.alarmName = `dp-prod-${"a".repeat(247)}`;
    const result = await s.run(e);
    expect(result.ok).toBe(true);
  });

  it("a 10 MB event id becomes a cut correlation id, not 10 MB on every line", async () => {
    const s = scaler();
    const e = fixture("alarm-eventbridge-new") as { id: string };
    e.id = "i".repeat(TEN_MB);
    await s.run(e);
    expect(s.log.lines.length).toBeGreaterThan(0);
    for (const line of s.log.lines) expect(line.length).toBeLessThan(LOG_STRING_MAX + 2_000);
  });

  it.each([
    [
      "an SQS message id",
      "lifecycle-sqs-malformed-batch",
      (e: Record<string, unknown>) => {
        (e.Records as { messageId: string }[])[0]!.messageId = "m".repeat(TEN_MB);
      },
    ],
    [
      "a hook's metadata",
      "lifecycle-eventbridge-launch",
      (e: Record<string, unknown>) => {
        (e.detail as { NotificationMetadata: string }).NotificationMetadata = "n".repeat(TEN_MB);
      },
    ],
  ])("launch: %s of 10 MB never reaches a log line whole", async (_, name, mutate) => {
    const t = lifecycle("launch");
    const event = fixture(name) as Record<string, unknown>;
    mutate(event);
    await t.run(event);
    for (const line of t.world.log.lines) expect(line.length).toBeLessThan(LOG_STRING_MAX + 2_000);
  });

  it("the logger cuts any string longer than LOG_STRING_MAX, whatever path it took", () => {
    const log = capturingLogger();
    log.logger.warn("y".repeat(TEN_MB), { nested: { deep: "z".repeat(TEN_MB) }, error: new Error("e".repeat(TEN_MB)) });
    expect(log.lines).toHaveLength(1);
    // Four strings at most LOG_STRING_MAX each (message, the nested field, the error's message and its stack).
    expect(log.lines[0]!.length).toBeLessThan(5 * LOG_STRING_MAX);
    const record = log.records()[0]!;
    expect(record.message).toMatch(/^y{8192}…\(\+\d+ characters\)$/);
  });
});

describe("reasons a person cannot see are refused", () => {
  const deps = () => {
    const w = new LifecycleWorld();
    return { ...w.deps, publisher: new FakePublisher(), notifier: new FakeNotifier() };
  };
  it.each([
    ["zero-width spaces", "\u200b\u200b\u200b"],
    ["a byte-order mark and word joiners", "\ufeff\u2060\u2060"],
    ["Hangul fillers", "\u3164\u115f\u1160"],
    ["a blank braille pattern", "\u2800\u2800"],
    ["combining marks alone", "\u0301\u0308"],
    ["control characters", "\u0007\u001b"],
  ])("a reason of %s", async (_, reason) => {
    const d = deps();
    const answer = await handleOperatorRequest(d, { action: "pause", cluster: "edge", reason });
    expect(answer).toMatchObject({ ok: false, error: { code: "invalid_request", field: "reason" } });
    expect((d.fleet as FakeFleet).calls.filter((c) => c.op === "putTags")).toEqual([]);
  });

  it("requestedBy made of invisible characters too, while visible text with them passes", async () => {
    const d = deps();
    const refused = await handleOperatorRequest(d, {
      action: "pause",
      cluster: "edge",
      reason: "game day",
      requestedBy: "\u200b\u200d",
    });
    expect(refused).toMatchObject({ ok: false, error: { field: "requestedBy" } });
    const ok = await handleOperatorRequest(d, { action: "pause", cluster: "edge", reason: "\u200bgame day 🙂" });
    expect(ok).toMatchObject({ ok: true, changed: true });
  });
});

describe("Slack error details are redacted before they are cut", () => {
  it("a long malformed webhook URL quoted in a network error leaks no part of it", async () => {
    const secret = `B0BBBBBBB/${"s".repeat(300)}`;
    const url = `https://hooks.slack.com:99999/services/T0AAAAAAA/${secret}`;
    const result = await deliverToSlack(url, { text: "hi", blocks: [] } as never, {
      clock: systemClock,
      deadlineAt: systemClock.now() + 400,
      initialBackoffMs: 10,
    });
    expect(result).toMatchObject({ ok: false, reason: "network" });
    const detail = (result as { detail: string }).detail;
    expect(detail).toContain(REDACTED);
    expect(detail).not.toContain("hooks.slack.com");
    expect(detail).not.toContain("T0AAAAAAA");
    expect(detail).not.toContain("sssss");
    expect(detail.length).toBeLessThanOrEqual(200);
  });
});
