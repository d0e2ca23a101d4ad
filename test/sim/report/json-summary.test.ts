import { describe, expect, it } from "vitest";
import { renderJsonSummary, type toJsonSummary } from "../../../sim/report/json-summary.ts";
import { fixtureRun } from "./fixture.ts";

describe("renderJsonSummary", () => {
  it("gives one object per run with scenario, policy, summary and violations, without the timeline", () => {
    const runs = [fixtureRun(), fixtureRun({ policy: "static", violations: ["capacity 31 > max 30"] })];
    const parsed = JSON.parse(renderJsonSummary(runs)) as ReturnType<typeof toJsonSummary>;
    expect(parsed).toHaveLength(2);
    expect(parsed[1]).toMatchObject({
      scenario: "nasa-launch-day",
      policy: "static",
      seed: 42,
      invariantViolations: ["capacity 31 > max 30"],
    });
    expect(parsed[0]!.summary).toEqual(runs[0]!.summary);
    expect(parsed[0]!.reference).toEqual({ atTargetInstanceHours: 61.5 });
    expect(Object.keys(parsed[0]!)).not.toContain("timeline");
  });
});
