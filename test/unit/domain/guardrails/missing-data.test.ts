import { describe, expect, it } from "vitest";
import { missingData } from "../../../../shared/domain/guardrails/missing-data.ts";
import { ruleContext } from "../builders.ts";

describe("missing-data guardrail", () => {
  it.each([
    { name: "all signals present: silent", missing: [], count: 2, desired: 2, to: null },
    { name: "one missing blocks a scale-in", missing: ["bandwidth"], count: 2, desired: 2, to: 4 },
    { name: "one missing allows a scale-out on the others", missing: ["bandwidth"], count: 2, desired: 6, to: null },
    { name: "one missing, hold: silent", missing: ["bandwidth"], count: 2, desired: 4, to: null },
    { name: "all missing: hold, listed", missing: ["cpu", "bandwidth"], count: 2, desired: 4, to: 4 },
    { name: "no signal at all counts as all missing", missing: [], count: 0, desired: 4, to: 4 },
  ])("$name", ({ missing, count, desired, to }) => {
    const f = missingData(ruleContext({ current: 4, missing, signalCount: count }), desired);
    if (to === null) return expect(f).toBeNull();
    expect(f).toMatchObject({ name: "missing-data", effect: "blocked", from: desired, to });
  });

  it("names the signals without data", () => {
    const f = missingData(ruleContext({ current: 4, missing: ["bandwidth"], signalCount: 2 }), 3);
    expect(f?.detail).toBe("no usable data from bandwidth: never scale in on missing data, 3 → 4");
  });
});
