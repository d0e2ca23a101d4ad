import { describe, expect, it } from "vitest";
import { paused } from "../../../../shared/domain/guardrails/paused.ts";
import { NOW, observation, ruleContext } from "../builders.ts";

describe("paused guardrail", () => {
  it.each([
    { name: "not paused: silent", pause: { paused: false }, current: 4, desired: 6, to: null },
    { name: "paused blocks a scale-out", pause: { paused: true }, current: 4, desired: 6, to: 4 },
    { name: "paused blocks a scale-in", pause: { paused: true }, current: 4, desired: 2, to: 4 },
    { name: "paused is listed even on a hold", pause: { paused: true }, current: 4, desired: 4, to: 4 },
  ])("$name", ({ pause, current, desired, to }) => {
    const ctx = ruleContext({ current, obs: observation({ desired: current, paused: pause }) });
    const f = paused(ctx, desired);
    if (to === null) return expect(f).toBeNull();
    expect(f).toMatchObject({ name: "paused", effect: "blocked", from: desired, to });
  });

  it("says who paused, since when and why", () => {
    const obs = observation({ paused: { paused: true, by: "alice", reason: "game day", since: NOW - 60_000 } });
    expect(paused(ruleContext({ obs }), 6)?.detail).toBe(
      'paused by alice since 2025-06-02T14:04:00.000Z ("game day"): the size stays at 4 (signals ask for 6)',
    );
  });
});
