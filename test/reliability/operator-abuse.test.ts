/**
 * Operator abuse: sizes beyond the bounds, negative, fractional, huge or of the wrong type; clusters that do not
 * exist (or look like JavaScript's own property names); reasons that are too long or try to inject Slack mrkdwn
 * (`<!channel>`, `<@U123>`, `<http://x|y>`, `&`); and `expectDesired` races. Each is refused with a clear, field-named
 * answer and changes nothing — or, when accepted, reaches Slack escaped and within Slack's limits.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deploymentConfigSchema } from "../../shared/config/schema.ts";
import { REASON_MAX } from "../../shared/events/operator-request.ts";
import { createNotifier } from "../../shared/notify/index.ts";
import { createOperatorHandler, type OperatorResponse } from "../../shared/services/operator/create-handler.ts";
import { fakeLambdaContext } from "../../test-kit/fake-lambda-context.ts";
import { FakeTimerClock } from "../../test-kit/fake-timer-clock.ts";
import { type SlackSink, startSlackSink } from "../../test-kit/slack-sink/server.ts";
import { baseConfig, GROUP, operatorWorld } from "../fixtures/operator/world.ts";

/** The fixture's cluster `prod`: desired 4, bounds [2, 8] (the control plane serves 8). */
const scale = (fields: Record<string, unknown>) => ({
  action: "scale",
  cluster: "prod",
  reason: "abuse test",
  ...fields,
});

function expectNothingChanged(w: ReturnType<typeof operatorWorld>, r: OperatorResponse) {
  expect(r.ok).toBe(false);
  expect(w.mutations()).toEqual([]);
  expect(w.notifier.events).toEqual([]);
  expect(w.fleet.groups.get(GROUP)!.desired).toBe(4);
}

describe("sizes", () => {
  const cases: [string, unknown, string][] = [
    ["above the ceiling (CP capacity 8)", 9, "out_of_bounds"],
    ["above maxNodes", 11, "out_of_bounds"],
    ["below the floor", 1, "out_of_bounds"],
    ["zero, below the floor", 0, "out_of_bounds"],
    ["negative", -1, "invalid_request"],
    ["fractional", 4.5, "invalid_request"],
    ["huge", 1e308, "invalid_request"],
    ["past the safe integers", 2 ** 53 + 2, "invalid_request"],
    ["Infinity", Number.POSITIVE_INFINITY, "invalid_request"],
    ["NaN", Number.NaN, "invalid_request"],
    ["a numeric string", "6", "invalid_request"],
    ["null", null, "invalid_request"],
    ["a boolean", true, "invalid_request"],
    ["an array", [6], "invalid_request"],
    ["an object", { value: 6 }, "invalid_request"],
    ["missing", undefined, "invalid_request"],
  ];
  for (const [what, desired, code] of cases)
    it(`desired ${what} → ${code} on field desired, nothing changes`, async () => {
      const w = operatorWorld();
      const r = await w.invoke(scale({ desired }));
      expectNothingChanged(w, r);
      if (!r.ok) expect(r.error).toMatchObject({ code, field: "desired" });
    });

  for (const [what, expectDesired] of [
    ["negative", -1],
    ["fractional", 3.5],
    ["a string", "4"],
  ] as const)
    it(`expectDesired ${what} → invalid_request on field expectDesired`, async () => {
      const w = operatorWorld();
      const r = await w.invoke(scale({ desired: 5, expectDesired }));
      expectNothingChanged(w, r);
      if (!r.ok) expect(r.error).toMatchObject({ code: "invalid_request", field: "expectDesired" });
    });

  it("a dry run out of bounds gets the same refusal, and a forced scale is still bounded", async () => {
    const w = operatorWorld();
    for (const extra of [{ dryRun: true }, { force: true }]) {
      const r = await w.invoke(scale({ desired: 9, ...extra }));
      expectNothingChanged(w, r);
      if (!r.ok) expect(r.error.code).toBe("out_of_bounds");
    }
  });
});

describe("clusters", () => {
  for (const cluster of [
    "",
    "PROD",
    "prod ",
    " prod",
    "../prod",
    "p".repeat(64),
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "prod\u0000",
  ])
    it(`${JSON.stringify(cluster.length > 20 ? `${cluster.slice(0, 8)}…` : cluster)} is refused and changes nothing`, async () => {
      const w = operatorWorld();
      const r = await w.invoke(scale({ cluster, desired: 5 }));
      expectNothingChanged(w, r);
      if (!r.ok) {
        expect(["unknown_cluster", "invalid_request"]).toContain(r.error.code);
        expect(r.error.field).toBe("cluster");
      }
    });

  it("a configured cluster whose group is gone is group_not_found, for every action", async () => {
    const w = operatorWorld();
    for (const request of [
      { action: "status" },
      { action: "explain" },
      { action: "scale", desired: 3, reason: "x" },
      { action: "pause", reason: "x" },
      { action: "resume", reason: "x" },
    ]) {
      const r = await w.invoke({ ...request, cluster: "edge" });
      expect(r.ok, request.action).toBe(false);
      if (!r.ok) expect(r.error.code, request.action).toBe("group_not_found");
    }
    expect(w.mutations()).toEqual([]);
  });
});

describe("reasons", () => {
  it(`a reason over ${REASON_MAX} characters is refused; a blank one too`, async () => {
    const w = operatorWorld();
    for (const reason of ["x".repeat(REASON_MAX + 1), "   ", "\n\t", ""]) {
      const r = await w.invoke(scale({ desired: 5, reason }));
      expectNothingChanged(w, r);
      if (!r.ok) expect(r.error.field).toBe("reason");
    }
  });

  it("a 70 kB reason is refused with a short answer", async () => {
    const w = operatorWorld();
    const r = await w.invoke(scale({ desired: 5, reason: "y".repeat(70_000) }));
    expectNothingChanged(w, r);
    expect(JSON.stringify(r).length).toBeLessThan(1000);
  });
});

describe("what reaches Slack", () => {
  let sink: SlackSink;
  beforeEach(async () => {
    sink = await startSlackSink();
  });
  afterEach(async () => {
    await sink.close();
  });

  /** The operator over the fixture's world, announcing through the real notifier to the Slack sink. */
  function slackWorld() {
    const w = operatorWorld();
    const config = deploymentConfigSchema.parse({
      ...baseConfig,
      notify: { slackWebhook: { ssmParameter: "/dp/slack" } },
    });
    const notifier = createNotifier({
      loadConfig: async () => config,
      clock: new FakeTimerClock(),
      logger: w.log.logger,
      readSecret: async () => sink.url,
      env: {},
    });
    const handler = createOperatorHandler({ ...w.deps, loadConfig: async () => config, notifier });
    return { w, invoke: (e: unknown) => handler(e, fakeLambdaContext("dp-autoscaler-operator", "req-abuse")) };
  }

  /** Every mrkdwn text of a posted message (the fallback and each block's text and fields). */
  function mrkdwnTexts(body: SlackSink["posts"][number]["body"]): string[] {
    const out = [body.text ?? ""];
    for (const b of body.blocks ?? []) {
      const block = b as { type: string; text?: { type: string; text: string }; fields?: { text: string }[] };
      if (block.text?.type === "mrkdwn") out.push(block.text.text);
      for (const f of block.fields ?? []) out.push(f.text);
      for (const e of (b as { elements?: { text?: string }[] }).elements ?? []) if (e.text) out.push(e.text);
    }
    return out;
  }

  it("mrkdwn in a reason and in requestedBy is escaped: no mention, no link, no broadcast", async () => {
    const { w, invoke } = slackWorld();
    const reason = "spike <!channel> <@U123> <http://evil.example|click here> & @here <!subteam^S1|ops>";
    const r = await invoke(scale({ desired: 5, reason, requestedBy: "<!everyone>" }));
    expect(r.ok).toBe(true);
    expect(w.fleet.groups.get(GROUP)!.desired).toBe(5);
    expect(sink.posts).toHaveLength(1);
    const texts = mrkdwnTexts(sink.posts[0]!.body).join("\n");
    for (const raw of ["<!channel>", "<@U123>", "<http://evil", "<!subteam", "<!everyone>", " & "])
      expect(texts).not.toContain(raw);
    expect(texts).toContain("&lt;!channel&gt;");
    expect(texts).toContain("&lt;@U123&gt;");
    expect(texts).toContain("&amp;");
    expect(texts).toContain("@\u200bhere");
    // The only `<…>` left is the date token the message itself adds.
    expect(texts.match(/<[^>]*>/g)).toEqual([expect.stringMatching(/^<!date\^\d+\^/)]);
  });

  it("the longest reason, made only of characters that escaping expands, still fits Slack's limits", async () => {
    const { invoke } = slackWorld();
    for (const ch of ["&", "<", ">"]) {
      sink.posts.length = 0;
      const r = await invoke(scale({ desired: 5, reason: ch.repeat(REASON_MAX) }));
      expect(r.ok).toBe(true);
      const body = sink.posts[0]!.body;
      // Block Kit: a section field's text ≤ 2000 characters, a header ≤ 150, a message's text ≤ 40 000.
      for (const b of body.blocks ?? []) {
        for (const f of (b as { fields?: { text: string }[] }).fields ?? [])
          expect(f.text.length).toBeLessThanOrEqual(2000);
        const t = (b as { text?: { type: string; text: string } }).text;
        if (b.type === "header") expect(t!.text.length).toBeLessThanOrEqual(150);
        else if (t) expect(t.text.length).toBeLessThanOrEqual(3000);
      }
      expect((body.text ?? "").length).toBeLessThanOrEqual(40_000);
      // Scale back for the next round.
      await invoke(scale({ desired: 4 }));
    }
  });
});

describe("expectDesired races", () => {
  it("sequential: the second request built on the same status loses, with the size it should have seen", async () => {
    const w = operatorWorld();
    const a = await w.invoke(scale({ desired: 6, expectDesired: 4 }));
    const b = await w.invoke(scale({ desired: 3, expectDesired: 4 }));
    expect(a).toMatchObject({ ok: true, changed: true, fromDesired: 4, toDesired: 6 });
    expect(b).toMatchObject({ ok: false, error: { code: "conflict", details: { currentDesired: 6 } } });
    expect(w.fleet.groups.get(GROUP)!.desired).toBe(6);
    expect(w.notifier.events).toHaveLength(1);
  });

  it("without expectDesired a stale view wins silently — but the answer says what it replaced", async () => {
    const w = operatorWorld();
    await w.invoke(scale({ desired: 7, expectDesired: 4 }));
    const late = await w.invoke(scale({ desired: 5 }));
    expect(late).toMatchObject({ ok: true, changed: true, fromDesired: 7, toDesired: 5 });
    expect(w.notifier.events.map((e) => (e.kind === "manual-action" ? [e.fromDesired, e.toDesired] : []))).toEqual([
      [4, 7],
      [7, 5],
    ]);
  });

  it("concurrent: compare and set are one round trip apart (Auto Scaling has no conditional set) — known window", async () => {
    const w = operatorWorld();
    const [a, b] = await Promise.all([
      w.invoke(scale({ desired: 6, expectDesired: 4 })),
      w.invoke(scale({ desired: 3, expectDesired: 4 })),
    ]);
    // Documented in docs/reliability.md: both may pass the compare. What still holds: every size set was in bounds,
    // every change was announced with its from → to, and the group ends at one of the requested sizes.
    const final = w.fleet.groups.get(GROUP)!.desired;
    expect([6, 3]).toContain(final);
    for (const call of w.mutations()) expect(call.detail as number).toBeGreaterThanOrEqual(2);
    expect(w.notifier.events.length).toBe([a, b].filter((r) => r.ok && "changed" in r && r.changed).length);
  });
});
