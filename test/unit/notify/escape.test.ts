import { describe, expect, it } from "vitest";
import { escapeInline, escapeMrkdwn, plainText, truncate } from "../../../shared/notify/escape.ts";

describe("escapeMrkdwn", () => {
  it.each([
    ["a & b", "a &amp; b"],
    ["<!channel> deploy", "&lt;!channel&gt; deploy"],
    ["ping <@U123ABC>", "ping &lt;@U123ABC&gt;"],
    ["<https://evil.example|click me>", "&lt;https://evil.example|click me&gt;"],
    ["already &lt;", "already &amp;lt;"],
  ])("escapes Slack's control characters: %s", (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  it("breaks bare broadcasts so they cannot notify a channel", () => {
    const out = escapeMrkdwn("hey @channel and @here, @everyone");
    expect(out).not.toMatch(/@(channel|here|everyone)/);
    expect(out.replace(/\u200b/g, "")).toBe("hey @channel and @here, @everyone");
  });

  it("drops control characters but keeps newlines", () => {
    expect(escapeMrkdwn("a\u0000b\u0007c\nd")).toBe("abc\nd");
  });

  it("cuts long text with an ellipsis", () => {
    expect(escapeMrkdwn("x".repeat(50), 10)).toBe(`${"x".repeat(9)}…`);
  });
});

describe("escapeInline and plainText", () => {
  it("turn newlines into spaces", () => {
    expect(escapeInline("line one\r\nline <two>")).toBe("line one line &lt;two&gt;");
    expect(plainText("a\nb\tc")).toBe("a b c");
  });

  it("plainText does not entity-escape (Slack does not parse plain_text)", () => {
    expect(plainText("a < b & c")).toBe("a < b & c");
  });

  it("truncate leaves short text alone", () => {
    expect(truncate("short", 10)).toBe("short");
  });
});
