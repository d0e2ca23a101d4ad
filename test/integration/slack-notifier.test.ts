import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type DeploymentConfig, deploymentConfigSchema, type SecretRef } from "../../shared/config/schema.ts";
import { createNotifier, type Notifier } from "../../shared/notify/index.ts";
import { type CapturedLogger, capturingLogger } from "../../test-kit/fake-logger.ts";
import { FakeTimerClock } from "../../test-kit/fake-timer-clock.ts";
import { reply, SINK_SECRET, type SlackSink, startSlackSink } from "../../test-kit/slack-sink/server.ts";
import { blocked, digest, everyKind, manualScale, nodeReady } from "../unit/notify/events.ts";

const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/prod-dp/0123456789abcdef";

function config(notify: Record<string, unknown> = {}, clusterNotify: Record<string, unknown> = {}): DeploymentConfig {
  return deploymentConfigSchema.parse({
    clusters: [
      { name: "prod", autoScalingGroupName: "prod-dp", targetGroupArns: [TG], notify: clusterNotify },
      { name: "staging", autoScalingGroupName: "staging-dp", targetGroupArns: [TG] },
    ],
    notify: { slackWebhook: { ssmParameter: "/dp/slack-webhook" }, ...notify },
  });
}

describe("createNotifier", () => {
  let sink: SlackSink;
  let clock: FakeTimerClock;
  let log: CapturedLogger;
  let secretReads: SecretRef[];

  function notifier(
    cfg: DeploymentConfig | (() => Promise<DeploymentConfig>),
    readSecret?: (ref: SecretRef) => Promise<string>,
    env: NodeJS.ProcessEnv = { AWS_REGION: "eu-west-1" },
  ): Notifier {
    return createNotifier({
      loadConfig: typeof cfg === "function" ? cfg : async () => cfg,
      clock,
      logger: log.logger,
      readSecret:
        readSecret ??
        (async (ref) => {
          secretReads.push(ref);
          return sink.url;
        }),
      env,
    });
  }

  beforeEach(async () => {
    sink = await startSlackSink();
    clock = new FakeTimerClock();
    log = capturingLogger();
    secretReads = [];
  });
  afterEach(async () => {
    await sink.close();
    // Whatever happened, the webhook never reached a log line.
    expect(log.text()).not.toContain(SINK_SECRET);
  });

  it("posts Block Kit to the deployment's webhook, reading the secret once", async () => {
    const n = notifier(config({}, { slackChannel: "#dp-prod", digestMinutes: 0 }));

    await n.notify(everyKind[0]!);
    await n.notify(manualScale("spike"));

    expect(secretReads).toEqual([{ ssmParameter: "/dp/slack-webhook" }]);
    expect(sink.posts).toHaveLength(2);
    const body = sink.posts[0]!.body;
    expect(body.text).toContain("prod: scale out 4 → 6");
    expect(body.channel).toBe("#dp-prod");
    expect(JSON.stringify(body.blocks)).toContain("eu-west-1");
  });

  it("uses the cluster's own webhook when it overrides the deployment's", async () => {
    const n = notifier(config({}, { slackWebhook: { secretsManagerId: "prod-slack" } }));

    await n.notify(manualScale("spike"));
    await n.notify({ ...manualScale("spike"), cluster: "staging" });

    expect(secretReads).toEqual([{ secretsManagerId: "prod-slack" }, { ssmParameter: "/dp/slack-webhook" }]);
  });

  it("uses SLACK_WEBHOOK_URL when the config names no webhook (local runs)", async () => {
    const cfg = config();
    cfg.notify.slackWebhook = undefined;
    const n = notifier(cfg, undefined, { SLACK_WEBHOOK_URL: sink.url });

    await n.notify(manualScale("local test"));

    expect(sink.posts).toHaveLength(1);
    expect(secretReads).toEqual([]);
  });

  it("logs the message when no webhook is configured", async () => {
    const cfg = config();
    cfg.notify.slackWebhook = undefined;
    const n = notifier(cfg, undefined, {});

    await n.notify(manualScale("nobody listens"));

    expect(sink.posts).toHaveLength(0);
    const rec = log.records().find((r) => r.message === "notification");
    expect(rec).toMatchObject({ cluster: "prod", sink: "console" });
    expect(String(rec?.text)).toContain("nobody listens");
  });

  it("falls back to the log when the secret cannot be read, and tries again next time", async () => {
    let calls = 0;
    const n = notifier(config(), async () => {
      calls += 1;
      if (calls === 1) throw new Error("AccessDeniedException: not allowed to read /dp/slack-webhook");
      return sink.url;
    });

    await n.notify(manualScale("first"));
    await n.notify(manualScale("second"));

    expect(log.records().some((r) => r.message === "notifier: webhook secret not readable")).toBe(true);
    expect(sink.posts.map((p) => p.body.text)).toEqual([expect.stringContaining("second")]);
  });

  it("resolves at the deadline when the secret read hangs", async () => {
    const n = notifier(config(), () => new Promise<string>(() => {}));

    const pending = n.notify(manualScale("hung secret"));
    await clock.waitForSleeps(1);
    await clock.advance(3000);
    await pending;

    expect(log.records().some((r) => r.message === "notification" && String(r.why).includes("not read in time"))).toBe(
      true,
    );
  });

  it("resolves at the deadline when Slack hangs, and logs the undelivered message", async () => {
    sink.setDefault(reply.hang());
    const n = notifier(config({ deliveryDeadlineMs: 1500 }));

    const pending = n.notify(manualScale("slack is down"));
    await sink.waitForPosts(1);
    await clock.advance(1500);
    await pending;

    const failure = log.records().find((r) => r.message === "slack notification not delivered");
    expect(failure).toMatchObject({ reason: "deadline", attempts: 1 });
    expect(String(failure?.text)).toContain("slack is down");
  });

  it("logs Slack's error string for a rejected message, without the URL", async () => {
    sink.enqueue(reply.invalidPayload());
    const n = notifier(config());

    await n.notify(manualScale("bad"));

    expect(log.records().find((r) => r.message === "slack notification not delivered")).toMatchObject({
      reason: "rejected",
      httpStatus: 400,
      slackError: "invalid_payload",
    });
  });

  it("never rejects, even when the configuration cannot be loaded", async () => {
    const n = notifier(async () => {
      throw new Error("ConfigError: clusters[0].maxNodes: must be ≥ minNodes");
    });

    await expect(n.notify(manualScale("x"))).resolves.toBeUndefined();
    expect(log.records().some((r) => r.message === "notification")).toBe(true);
  });

  it("coalesces repeated blocked scale-outs within the window", async () => {
    const n = notifier(config({ coalesceBlockedSeconds: 600 }));
    const t0 = clock.now();

    for (let m = 0; m < 5; m++) {
      await n.notify(blocked(clock.now()));
      await clock.advance(60_000);
    }
    await clock.advance(600_000 - 5 * 60_000);
    await n.notify(blocked(clock.now()));

    expect(clock.now() - t0).toBe(600_000);
    expect(sink.posts).toHaveLength(2);
    expect(sink.posts[1]!.body.text).toContain("4 identical messages suppressed in the previous 10 min");
  });

  it("sends only what meets the cluster's minSeverity; an unsent decision still re-arms the blocked message", async () => {
    const n = notifier(config({ coalesceBlockedSeconds: 600 }, { minSeverity: "warning" }));

    await n.notify(nodeReady("i-1", clock.now()));
    await n.notify(everyKind[0]!); // scale-decided: info
    expect(sink.posts).toHaveLength(0);
    expect(log.text()).toContain("below the cluster's minSeverity");

    await n.notify(blocked(clock.now()));
    await clock.advance(60_000);
    await n.notify(blocked(clock.now())); // within the window: coalesced
    expect(sink.posts).toHaveLength(1);
    // The situation changed (a decision, not sent): the next block is news again.
    await n.notify({ ...everyKind[0]!, at: clock.now() });
    await n.notify(blocked(clock.now()));
    expect(sink.posts).toHaveLength(2);
    // Another cluster keeps the defaults (info, hourly digest): a node ready waits for the digest, an abandon is news.
    await n.notify({ ...nodeReady("i-2", clock.now()), cluster: "staging" });
    expect(sink.posts).toHaveLength(2);
    await n.notify({ ...everyKind[3]!, cluster: "staging", at: clock.now() });
    expect(sink.posts).toHaveLength(3);
    expect(sink.posts[2]!.body.text).toContain("staging");
  });

  it("turns a burst of node events into one summary when the window passes", async () => {
    const n = notifier(config({ burstWindowSeconds: 60 }, { digestMinutes: 0 }));

    for (let i = 1; i <= 4; i++) {
      await n.notify(nodeReady(`i-${i}`, clock.now()));
      await clock.advance(5000);
    }
    expect(sink.posts).toHaveLength(1);
    await clock.advance(60_000);
    await sink.waitForPosts(2);

    expect(sink.posts[0]!.body.text).toContain("node i-1 ready");
    expect(sink.posts[1]!.body.text).toContain("prod: 3 node events in 15 s — 3 ready");
  });

  it("with the defaults, routine events wait for the digest, which is posted; warnings are posted at once", async () => {
    const n = notifier(config());
    await n.notify(everyKind[0]!); // scale-decided
    await n.notify(nodeReady("i-1", clock.now()));
    await n.notify({ ...everyKind[4]!, at: clock.now() }); // node-drained
    await clock.advance(120_000);
    expect(sink.posts).toHaveLength(0);
    expect(log.text()).toContain("told in the cluster's digest");

    await n.notify(blocked(clock.now()));
    await n.notify({ kind: "digest", cluster: "prod", at: clock.now(), digest: digest() });
    expect(sink.posts.map((p) => p.body.text)).toEqual([
      expect.stringContaining("scale-out blocked"),
      expect.stringContaining("prod: 11:00–12:00 UTC — 4 capacity changes, 5 added, 2 removed"),
    ]);
  });

  it("flush sends the held node events at once", async () => {
    const n = notifier(config({}, { digestMinutes: 0 }));
    await n.notify(nodeReady("i-1", clock.now()));
    await n.notify(nodeReady("i-2", clock.now()));

    await n.flush();

    expect(sink.posts.map((p) => p.body.text)).toEqual([
      expect.stringContaining("i-1"),
      expect.stringContaining("i-2"),
    ]);
  });

  it("keeps the webhook URL out of logs through every failure", async () => {
    sink.enqueue(reply.invalidPayload(), reply.status(400, `bad hook ${sink.url}`), reply.serverError(500));
    const n = notifier(config({ deliveryDeadlineMs: 200 }));

    await n.notify(manualScale("a"));
    await n.notify(manualScale("b"));
    const pending = n.notify(manualScale("c"));
    await sink.waitForPosts(3);
    await clock.advance(200);
    await pending;

    expect(log.lines.length).toBeGreaterThan(2);
    expect(log.text()).not.toContain(sink.url);
    expect(log.text()).not.toContain(SINK_SECRET);
  });
});
