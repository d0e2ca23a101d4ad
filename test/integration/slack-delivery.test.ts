import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SlackMessage } from "../../shared/notify/blocks/message.ts";
import { deliverToSlack } from "../../shared/notify/slack-delivery.ts";
import { FakeTimerClock } from "../../test-kit/fake-timer-clock.ts";
import { reply, SINK_SECRET, type SlackSink, startSlackSink } from "../../test-kit/slack-sink/server.ts";

const message: SlackMessage = {
  text: "prod: scale out 4 → 6",
  blocks: [{ type: "header", text: { type: "plain_text", text: "prod: scale out 4 → 6" } }],
};
const DEADLINE_MS = 3000;

describe("Slack delivery over a real webhook sink", () => {
  let sink: SlackSink;
  let clock: FakeTimerClock;
  let deadlineAt: number;

  beforeEach(async () => {
    sink = await startSlackSink();
    clock = new FakeTimerClock();
    deadlineAt = clock.now() + DEADLINE_MS;
  });
  afterEach(() => sink.close());

  it("posts the text and blocks once and succeeds on 200 ok", async () => {
    const result = await deliverToSlack(sink.url, { ...message, channel: "#dp-alerts" }, { clock, deadlineAt });

    expect(result).toEqual({ ok: true, attempts: 1 });
    expect(sink.posts).toHaveLength(1);
    expect(sink.posts[0]!.contentType).toBe("application/json");
    expect(sink.posts[0]!.body).toMatchObject({ text: message.text, blocks: message.blocks, channel: "#dp-alerts" });
  });

  it("waits Retry-After on 429 and then delivers", async () => {
    sink.enqueue(reply.rateLimited(1));

    const pending = deliverToSlack(sink.url, message, { clock, deadlineAt });
    await clock.waitForSleeps(2); // [attempt timeout, Retry-After wait]
    expect(clock.sleeps[1]).toBe(1000);
    await clock.advance(1000);
    const result = await pending;

    expect(result).toEqual({ ok: true, attempts: 2 });
    expect(sink.posts).toHaveLength(2);
  });

  it("gives up at once on 429 when Retry-After does not fit the deadline", async () => {
    sink.enqueue(reply.rateLimited(30));

    const result = await deliverToSlack(sink.url, message, { clock, deadlineAt });

    expect(result).toMatchObject({ ok: false, reason: "rate-limited", httpStatus: 429, retryAfterSeconds: 30 });
    expect(sink.posts).toHaveLength(1);
    expect(clock.sleeps).toEqual([DEADLINE_MS]); // only the attempt's own deadline, no wait
  });

  it("retries 5xx with doubling backoff and delivers", async () => {
    sink.enqueue(reply.serverError(500), reply.serverError(503));

    const pending = deliverToSlack(sink.url, message, { clock, deadlineAt });
    await clock.waitForSleeps(2);
    await clock.advance(clock.sleeps[1]!);
    await clock.waitForSleeps(4);
    await clock.advance(clock.sleeps[3]!);
    const result = await pending;

    expect(result).toEqual({ ok: true, attempts: 3 });
    expect([clock.sleeps[1], clock.sleeps[3]]).toEqual([250, 500]);
    expect(sink.posts).toHaveLength(3);
  });

  it("stops retrying 5xx when the next wait would pass the deadline", async () => {
    sink.setDefault(reply.serverError(500));

    const pending = deliverToSlack(sink.url, message, { clock, deadlineAt });
    // Attempts at 0, 250, 750 and 1750 ms; the next backoff (2 s) would end past 3 s.
    for (let n = 2; n <= 6; n += 2) {
      await clock.waitForSleeps(n);
      await clock.advance(clock.sleeps[n - 1]!);
    }
    const result = await pending;

    expect(result).toMatchObject({ ok: false, reason: "server-error", httpStatus: 500, attempts: 4 });
    expect(sink.posts).toHaveLength(4);
    expect(clock.now()).toBeLessThanOrEqual(deadlineAt);
  });

  it.each([
    ["invalid_payload", 400],
    ["channel_not_found", 404],
    ["no_service", 404],
    ["action_prohibited", 403],
  ])("does not retry %s (HTTP %i) and returns Slack's error string", async (error, status) => {
    sink.enqueue(reply.status(status, error));

    const result = await deliverToSlack(sink.url, message, { clock, deadlineAt });

    expect(result).toEqual({ ok: false, reason: "rejected", attempts: 1, httpStatus: status, slackError: error });
    expect(sink.posts).toHaveLength(1);
  });

  it("aborts a hung request when the clock reaches the deadline", async () => {
    sink.setDefault(reply.hang());

    const pending = deliverToSlack(sink.url, message, { clock, deadlineAt });
    await sink.waitForPosts(1);
    await clock.advance(DEADLINE_MS);
    const result = await pending;

    expect(result).toEqual({ ok: false, reason: "deadline", attempts: 1 });
    expect(clock.now()).toBe(deadlineAt);
  });

  it("retries a refused connection, and the result never contains the URL", async () => {
    const url = sink.url;
    await sink.close();

    const pending = deliverToSlack(url, message, { clock, deadlineAt });
    for (let n = 2; n <= 6; n += 2) {
      await clock.waitForSleeps(n);
      await clock.advance(clock.sleeps[n - 1]!);
    }
    const result = await pending;

    expect(result).toMatchObject({ ok: false, reason: "network", attempts: 4 });
    expect(JSON.stringify(result)).not.toContain(SINK_SECRET);
  });

  it("never returns the URL even when Slack's body quotes it", async () => {
    sink.enqueue(reply.status(400, `invalid_payload for ${sink.url}`));

    const result = await deliverToSlack(sink.url, message, { clock, deadlineAt });

    expect(result).toMatchObject({ ok: false, reason: "rejected" });
    expect(JSON.stringify(result)).not.toContain(SINK_SECRET);
  });

  it("does not start an attempt when the deadline has already passed", async () => {
    const result = await deliverToSlack(sink.url, message, { clock, deadlineAt: clock.now() + 50 });

    expect(result).toEqual({ ok: false, reason: "deadline", attempts: 0 });
    expect(sink.posts).toHaveLength(0);
  });
});
