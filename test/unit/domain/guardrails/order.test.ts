import { describe, expect, it } from "vitest";
import { GUARDRAIL_NAMES } from "../../../../shared/domain/decision.ts";
import { GUARDRAIL_ORDER } from "../../../../shared/domain/guardrails/order.ts";

describe("guardrail order", () => {
  it("names every guardrail once, in the order the rules apply", () => {
    expect(GUARDRAIL_ORDER.map((rule) => rule.name)).toEqual([...GUARDRAIL_NAMES]);
  });
});
