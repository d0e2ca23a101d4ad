import type { KnownBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { buildMessage, type NodeEvent, nodeBurstMessage } from "../../../shared/notify/blocks/index.ts";
import { formatDuration, type SlackMessage } from "../../../shared/notify/blocks/message.ts";
import { AT, blocked, digest, everyKind, manualScale, nodeReady } from "./events.ts";

const ctx = { region: "eu-west-1" };

function headerOf(msg: SlackMessage): string {
  const h = msg.blocks[0] as Extract<KnownBlock, { type: "header" }>;
  return h.text.text;
}

/** Every field as "Label: value". */
function fieldsOf(msg: SlackMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const b of msg.blocks)
    if (b.type === "section" && b.fields)
      for (const f of b.fields) {
        const [label, ...rest] = f.text.split("\n");
        out[label!.replace(/\*/g, "")] = rest.join("\n");
      }
  return out;
}

function allText(msg: SlackMessage): string {
  return JSON.stringify(msg);
}

describe("Block Kit messages", () => {
  it.each(everyKind.map((e) => [e.kind, e] as const))(
    "%s: header, context with time and region, fallback text",
    (_k, event) => {
      const msg = buildMessage(event, ctx);

      expect(msg.blocks[0]!.type).toBe("header");
      expect(headerOf(msg)).toMatch(/^prod: /);
      expect(headerOf(msg).length).toBeLessThanOrEqual(150);
      const context = msg.blocks[msg.blocks.length - 1] as Extract<KnownBlock, { type: "context" }>;
      expect(context.type).toBe("context");
      expect(JSON.stringify(context)).toContain(`<!date^${AT / 1000}^`);
      expect(JSON.stringify(context)).toContain("2026-01-15T12:00:00Z");
      expect(JSON.stringify(context)).toContain("eu-west-1");
      expect(msg.text).toMatch(/^prod: /);
    },
  );

  it.each(everyKind.map((e) => [e.kind, e] as const))(
    "%s: stays within Slack's limits, mrkdwn verbatim",
    (_k, event) => {
      const msg = buildMessage(event, ctx);
      for (const b of msg.blocks) {
        if (b.type !== "section") continue;
        expect(b.fields?.length ?? 0).toBeLessThanOrEqual(10);
        for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
        if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
        for (const t of [...(b.fields ?? []), ...(b.text ? [b.text] : [])])
          if (t.type === "mrkdwn") expect(t.verbatim).toBe(true);
      }
    },
  );

  it("digest: the period in UTC, what changed in the title, the figures in fields", () => {
    const msg = buildMessage({ kind: "digest", cluster: "prod", at: AT, digest: digest() }, ctx);

    expect(headerOf(msg)).toBe("prod: 11:00–12:00 UTC — 4 capacity changes, 5 added, 2 removed");
    expect(fieldsOf(msg)).toEqual({
      Actions: "3 scale-outs, 1 scale-in",
      "Nodes added / removed": "5 / 2",
      "In service (lowest – peak)": "4 – 9",
      "Desired (lowest – peak)": "4 – 9",
      "Time to ready p50 / p95": "48 s / 1 min 12 s",
      "Guardrails that blocked": "stabilisation ×12",
    });
  });

  it("digest: a day, blocks only, no node ready, an abandoned launch", () => {
    const day = digest({
      from: AT - 86_400_000,
      scaleOuts: 0,
      scaleIns: 0,
      capacityChanges: 0,
      nodesReady: 0,
      nodesDrained: 0,
      launchesAbandoned: 1,
      secondsToReady: undefined,
      inService: { lowest: 3, peak: 3 },
      guardrailBlocks: [{ name: "upstream-latency", count: 14 }],
    });
    const msg = buildMessage({ kind: "digest", cluster: "prod", at: AT, digest: day }, ctx);

    expect(headerOf(msg)).toBe("prod: 2026-01-14 (UTC day) — 1 abandoned, 14 blocked decisions");
    const f = fieldsOf(msg);
    expect(f["In service (lowest – peak)"]).toBe("3");
    expect(f["Time to ready p50 / p95"]).toBe("no node became ready");
    expect(f["Launches abandoned"]).toBe("1");
  });

  it("scale-decided: desired old → new, the deciding signal vs target, the capping guardrail", () => {
    const msg = buildMessage(everyKind[0]!, ctx);

    expect(headerOf(msg)).toBe("prod: scale out 4 → 6");
    const f = fieldsOf(msg);
    expect(f.Desired).toBe("4 → 6");
    expect(f["Deciding signal"]).toBe("bandwidth 101.3 % vs target 60 % → 7 nodes");
    expect(f.Guardrails).toContain("step-limit (capped 7 → 6)");
    expect(allText(msg)).toContain("request `req-1`");
  });

  it("scale-blocked: the guardrail with its numbers and what it means", () => {
    const msg = buildMessage(blocked(), ctx);

    expect(headerOf(msg)).toBe("prod: scale-out blocked by bandwidth-ceiling");
    expect(fieldsOf(msg).Guardrail).toContain("9.3 Gbps ≥ 90 % of the 10 Gbps ceiling");
    expect(fieldsOf(msg).Desired).toBe("4 (signals asked for 7)");
    expect(allText(msg)).toContain("more nodes cannot help");
  });

  it("node-ready: time to ready and to registered", () => {
    const f = fieldsOf(buildMessage(nodeReady("i-0abc"), ctx));
    expect(f).toMatchObject({ Instance: "i-0abc", "Ready after": "42 s", "Registered after": "47 s" });
  });

  it("node-abandoned and breaker-opened: the last readiness reason", () => {
    expect(fieldsOf(buildMessage(everyKind[3]!, ctx))["Last readiness reason"]).toContain("dp_manager available");
    const breaker = buildMessage(everyKind[5]!, ctx);
    expect(headerOf(breaker)).toContain("breaker open");
    expect(fieldsOf(breaker)["Abandoned launches in a row"]).toBe("3");
  });

  it("manual actions: who and why; pause and resume say so", () => {
    const scale = buildMessage(manualScale("traffic spike"), ctx);
    expect(headerOf(scale)).toBe("prod: manual scale 4 → 6 by alice");
    expect(fieldsOf(scale)).toMatchObject({ By: "alice", Reason: "traffic spike", Desired: "4 → 6" });
    expect(headerOf(buildMessage(everyKind[8]!, ctx))).toBe("prod: automatic scaling paused by bob");
    expect(headerOf(buildMessage(everyKind[9]!, ctx))).toBe("prod: automatic scaling resumed by bob");
  });

  it("a forced manual scale is marked forced", () => {
    const event = { ...manualScale("CP is fine, breaker is stale"), forced: true };
    const msg = buildMessage(event, ctx);
    expect(headerOf(msg)).toContain("(forced)");
    expect(fieldsOf(msg).Forced).toContain("breaker was open");
  });

  it("escapes user-supplied reason and requestedBy everywhere Slack parses mrkdwn", () => {
    const msg = buildMessage(manualScale("<!channel> see <https://evil.example|here> & <@U999>", "<@U123> @here"), ctx);
    const parsed = JSON.stringify({ text: msg.text, blocks: msg.blocks.filter((b) => b.type !== "header") });

    expect(parsed).not.toContain("<!channel>");
    expect(parsed).not.toContain("<@U");
    expect(parsed).not.toContain("<https://evil");
    expect(parsed).not.toMatch(/@here/);
    expect(fieldsOf(msg).Reason).toBe("&lt;!channel&gt; see &lt;https://evil.example|here&gt; &amp; &lt;@U999&gt;");
  });

  it("omits the region when unknown and shows no request id when there is none", () => {
    const msg = buildMessage(nodeReady("i-1"), {});
    const context = JSON.stringify(msg.blocks[msg.blocks.length - 1]);
    expect(context).not.toContain("request");
    expect(context).not.toContain("eu-west-1");
  });
});

describe("node burst summary", () => {
  it("counts each kind and lists the nodes", () => {
    const events = [
      nodeReady("i-1", AT),
      nodeReady("i-2", AT + 10_000),
      everyKind[3] as NodeEvent,
      { ...(everyKind[4] as NodeEvent), at: AT + 30_000 },
    ] as NodeEvent[];
    const msg = nodeBurstMessage(events, 30, ctx);

    expect(headerOf(msg)).toBe("prod: 4 node events in 30 s — 2 ready, 1 abandoned, 1 drained");
    expect(allText(msg)).toContain("i-2 ready after 42 s, registered after 47 s");
    expect(allText(msg)).toContain("i-0bad *abandoned* after 10 min");
  });

  it("lists at most 15 nodes and says how many more", () => {
    const events = Array.from({ length: 20 }, (_, i) => nodeReady(`i-${i}`)) as NodeEvent[];
    expect(allText(nodeBurstMessage(events, 50, ctx))).toContain("…and 5 more");
  });
});

describe("formatDuration", () => {
  it.each([
    [42, "42 s"],
    [600, "10 min"],
    [605, "10 min 5 s"],
    [3600, "1 h"],
    [4500, "1 h 15 min"],
    [-1, "?"],
  ])("%d s → %s", (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });
});
