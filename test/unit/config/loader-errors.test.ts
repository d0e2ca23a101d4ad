import { describe, expect, it } from "vitest";
import { formatIssuePath } from "../../../shared/config/errors.ts";

describe("formatIssuePath", () => {
  it.each([
    [["clusters", 0, "maxNodes"], "clusters[0].maxNodes"],
    [["clusters", 1, "signals", "custom", 2, "id"], "clusters[1].signals.custom[2].id"],
    [
      ["clusters", 0, "guardrails", "upstreamLatency", "upstream", "dimensions", "Load Balancer"],
      'clusters[0].guardrails.upstreamLatency.upstream.dimensions["Load Balancer"]',
    ],
    [[], "(document)"],
  ] as [PropertyKey[], string][])("%j → %s", (path, text) => {
    expect(formatIssuePath(path)).toBe(text);
  });
});
