/**
 * End to end: an operator request through the real handler and the real notifier to a Slack webhook on 127.0.0.1 —
 * who and why reach the channel, escaped, and the webhook never reaches the logs.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deploymentConfigSchema } from "../../shared/config/schema.ts";
import { createNotifier } from "../../shared/notify/index.ts";
import { createOperatorHandler } from "../../shared/services/operator/create-handler.ts";
import { fakeLambdaContext } from "../../test-kit/fake-lambda-context.ts";
import { FakeTimerClock } from "../../test-kit/fake-timer-clock.ts";
import { reply, SINK_SECRET, type SlackSink, startSlackSink } from "../../test-kit/slack-sink/server.ts";
import { baseConfig, operatorWorld } from "../fixtures/operator/world.ts";

describe("operator → Slack", () => {
  let sink: SlackSink;
  beforeEach(async () => {
    sink = await startSlackSink();
  });
  afterEach(() => sink.close());

  function setup() {
    const w = operatorWorld();
    const config = deploymentConfigSchema.parse({
      ...baseConfig,
      notify: { slackWebhook: { ssmParameter: "/dp/hook" } },
    });
    const notifier = createNotifier({
      loadConfig: async () => config,
      // The delivery deadline races real HTTP: it needs a clock whose sleeps wait (the world's ManualClock jumps).
      clock: new FakeTimerClock(w.clock.now()),
      logger: w.log.logger,
      readSecret: async () => sink.url,
      env: { AWS_REGION: "eu-west-1" },
    });
    const handler = createOperatorHandler({ ...w.deps, loadConfig: async () => config, notifier });
    return { w, invoke: (e: unknown) => handler(e, fakeLambdaContext("dp-autoscaler-operator", "req-42")) };
  }

  it("a manual scale is announced with who, why, old → new and the request id", async () => {
    const { invoke } = setup();

    const r = await invoke({
      action: "scale",
      cluster: "prod",
      desired: 6,
      reason: "launch <!channel> day & more",
      requestedBy: "alice",
    });

    expect(r.ok).toBe(true);
    expect(sink.posts).toHaveLength(1);
    const body = JSON.stringify(sink.posts[0]!.body);
    expect(sink.posts[0]!.body.text).toContain("prod: manual scale 4 → 6 by alice");
    expect(body).toContain("launch &lt;!channel&gt; day &amp; more");
    expect(body).not.toContain("<!channel>");
    expect(body).toContain("request `req-42`");
  });

  it("a pause is announced; a Slack outage does not fail the pause", async () => {
    sink.setDefault(reply.status(404, "no_service"));
    const { w, invoke } = setup();

    const r = await invoke({ action: "pause", cluster: "prod", reason: "game day", requestedBy: "bob" });

    expect(r).toMatchObject({ ok: true, changed: true });
    expect(sink.posts[0]!.body.text).toContain("prod: automatic scaling paused by bob");
    expect(w.log.records().find((l) => l.message === "slack notification not delivered")).toMatchObject({
      slackError: "no_service",
    });
    expect(w.log.text()).not.toContain(SINK_SECRET);
  });
});
