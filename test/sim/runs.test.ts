/**
 * Whole simulated runs: every built-in scenario (cut to a short window) under `ours` — the real handlers — with the
 * invariants checked; determinism; and what distinguishes the baselines.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../sim/run.ts";
import { builtinNames } from "../../sim/scenario/load.ts";
import type { RunResult, RunSummary } from "../../sim/types.ts";
import { shortened } from "./shortened.ts";

const withoutSpeed = (s: RunSummary) => ({ ...s, simulatedMinutesPerSecond: 0 });

describe("every built-in scenario under ours (the real handlers)", () => {
  for (const name of builtinNames()) {
    it(`${name}: the invariants hold`, async () => {
      const run = await runScenario(shortened(name), "ours");
      expect(run.invariantViolations).toEqual([]);
      expect(run.summary.registeredBeforeReady).toBe(0);
      expect(run.summary.lifecycleTimeouts).toBe(0);
      expect(run.summary.minNodes).toBeGreaterThanOrEqual(2);
      expect(run.timeline.length).toBeGreaterThan(50);
      expect(run.timeline.every((p) => p.desired >= 2 && p.desired <= 40)).toBe(true);
      expect(run.notes.join("\n")).toMatch(/scale ×/);
      // Every notification reaches the sink; the coalescer lets out at most as many Slack messages.
      expect(run.summary.slackMessages).toBeGreaterThan(0);
      expect(run.summary.slackMessages).toBeLessThanOrEqual(run.summary.notifications);
    });
  }
});

describe("determinism", () => {
  it("the same scenario and seed give the same run", async () => {
    const a = await runScenario(shortened("flash-crowd"), "ours");
    const b = await runScenario(shortened("flash-crowd"), "ours");
    expect(withoutSpeed(b.summary)).toEqual(withoutSpeed(a.summary));
    expect(b.timeline).toEqual(a.timeline);
    expect(b.events).toEqual(a.events);
  });

  it("another seed gives another run", async () => {
    const s = shortened("faults-mix");
    const a = await runScenario(s, "ours");
    const b = await runScenario({ ...s, seed: s.seed + 1 }, "ours");
    expect(b.events).not.toEqual(a.events);
  });
});

describe("the baselines", () => {
  const flash = (): Promise<RunResult>[] =>
    (["target-tracking", "oracle", "static", "hpa", "step"] as const).map((p) =>
      runScenario(shortened("flash-crowd"), p),
    );

  it("oracle serves the flash crowd without overload, with fewer instance-hours than a static fleet sized for the peak", async () => {
    const [tt, oracle, fixed] = await Promise.all(flash());
    expect(oracle!.summary.overloadMinutes).toBe(0);
    expect(oracle!.summary.registeredBeforeReady).toBe(0);
    expect(oracle!.summary.instanceHours).toBeLessThan(fixed!.summary.instanceHours);
    expect(fixed!.summary.scaleOutActions + fixed!.summary.scaleInActions).toBe(0);
    // Target tracking registers ASG-natively, at the end of launch, before the gateway is ready.
    expect(tt!.summary.registeredBeforeReady).toBeGreaterThan(0);
    expect(tt!.invariantViolations).toEqual([]);
  });

  it("oracle foresees the CP outage: it holds the capacity the ramp needs until the CP is back, without overload", async () => {
    const run = await runScenario(shortened("cp-outage"), "oracle");
    expect(run.summary.overloadMinutes).toBe(0);
    expect(run.summary.abandonedLaunches).toBe(0);
    // No node is asked for while the CP is down (50–70 min): it could not start.
    const outage = { from: run.startMs + 50 * 60_000, to: run.startMs + 70 * 60_000 };
    const outs = run.events.filter(
      (e) => e.kind === "decision" && e.text.includes("scale-out") && e.t >= outage.from && e.t < outage.to,
    );
    expect(outs).toEqual([]);
    expect(run.invariantViolations).toEqual([]);
  });

  it("target tracking reacts no sooner than 3 one-minute datapoints after the crowd arrives", async () => {
    const run = await runScenario(shortened("flash-crowd"), "target-tracking");
    const crowd = run.startMs + 60 * 60_000;
    const first = run.events.find((e) => e.kind === "decision" && e.t >= crowd && e.text.includes("scale-out"));
    expect(first).toBeDefined();
    expect(first!.t - crowd).toBeGreaterThanOrEqual(3 * 60_000);
  });

  it("hpa never adds more than max(4, 100 %) per step, and step scaling adds in steps", async () => {
    const [, , , hpa, step] = await Promise.all(flash());
    for (const run of [hpa!, step!]) {
      const outs = run.events.filter((e) => e.kind === "decision" && e.text.includes("scale-out"));
      expect(outs.length).toBeGreaterThan(0);
      for (const e of outs) {
        const [, from, to] = /(\d+) → (\d+)/.exec(e.text)!.map(Number);
        if (run.policy === "hpa") expect(to! - from!).toBeLessThanOrEqual(Math.max(4, from!));
      }
      expect(run.invariantViolations).toEqual([]);
    }
  });
});

describe("operator requests during a run (ours)", () => {
  it("a pause holds the size through a ramp until resumed; an out-of-bounds scale is refused", async () => {
    const base = shortened("flash-crowd");
    const scenario = {
      ...base,
      operator: [
        { atMinute: 50, request: { action: "pause", cluster: "edge", reason: "maintenance", requestedBy: "ops" } },
        { atMinute: 100, request: { action: "resume", cluster: "edge", reason: "done" } },
        { atMinute: 110, request: { action: "scale", cluster: "edge", desired: 99, reason: "too many" } },
      ],
    };
    const run = await runScenario(scenario, "ours");
    const manual = run.events.filter((e) => e.kind === "manual").map((e) => e.text);
    expect(manual).toEqual(
      expect.arrayContaining([
        "operator pause: ok",
        "operator resume: ok",
        expect.stringMatching(/^operator scale refused: out_of_bounds/),
      ]),
    );
    const paused = run.timeline.filter((p) => p.t >= run.startMs + 51 * 60_000 && p.t < run.startMs + 100 * 60_000);
    expect(new Set(paused.map((p) => p.desired)).size).toBe(1);
    const after = run.timeline.filter((p) => p.t >= run.startMs + 105 * 60_000);
    expect(Math.max(...after.map((p) => p.desired))).toBeGreaterThan(paused[0]!.desired);
    expect(run.invariantViolations).toEqual([]);
  });
});
