import { describe, expect, it } from "vitest";
import { builtinScenario, ScenarioError } from "../../sim/scenario/load.ts";
import { applyOverrides, OverrideError, parseOverride } from "../../sim/scenario/overrides.ts";

describe("parseOverride", () => {
  it.each([
    { text: "cluster.signals.cpu.targetPercent=80", path: ["cluster", "signals", "cpu", "targetPercent"], value: 80 },
    { text: "seed=7", path: ["seed"], value: 7 },
    { text: "faults.slackDown=true", path: ["faults", "slackDown"], value: true },
    {
      text: 'controlPlane.outages=[{"atMinute":5,"durationMinutes":10}]',
      path: ["controlPlane", "outages"],
      value: [{ atMinute: 5, durationMinutes: 10 }],
    },
    { text: "nodes.instanceType=c6i.large", path: ["nodes", "instanceType"], value: "c6i.large" },
    { text: "name=a=b", path: ["name"], value: "a=b" },
  ])("$text", ({ text, path, value }) => {
    const key = text.slice(0, text.indexOf("="));
    expect(parseOverride(text)).toEqual({ key, path, value, origin: `--set ${key}` });
  });

  it.each([
    { text: "seed", why: /expected KEY=VALUE/ },
    { text: "=3", why: /expected KEY=VALUE/ },
    { text: "cluster..maxNodes=3", why: /empty path segment/ },
    { text: "__proto__.polluted=1", why: /not a scenario field/ },
  ])("refuses $text", ({ text, why }) => {
    expect(() => parseOverride(text)).toThrow(OverrideError);
    expect(() => parseOverride(text)).toThrow(why);
  });
});

describe("applyOverrides", () => {
  const doc = { seed: 1, cluster: { name: "edge", maxNodes: 20 }, outages: [{ atMinute: 5 }, { atMinute: 50 }] };

  it("sets nested fields, creates missing objects, indexes lists, and leaves the input alone", () => {
    const out = applyOverrides(doc, [
      parseOverride("cluster.maxNodes=30"),
      parseOverride("cluster.signals.cpu.targetPercent=80"),
      parseOverride("outages.1.atMinute=60"),
    ]);
    expect(out).toEqual({
      seed: 1,
      cluster: { name: "edge", maxNodes: 30, signals: { cpu: { targetPercent: 80 } } },
      outages: [{ atMinute: 5 }, { atMinute: 60 }],
    });
    expect(doc).toEqual({
      seed: 1,
      cluster: { name: "edge", maxNodes: 20 },
      outages: [{ atMinute: 5 }, { atMinute: 50 }],
    });
  });

  it("applies overrides in order: the last one wins", () => {
    expect(applyOverrides(doc, [parseOverride("seed=2"), parseOverride("seed=3")])).toMatchObject({ seed: 3 });
  });

  it.each([
    { text: "seed.x=1", why: /"x" is inside a number, not an object/ },
    { text: "outages.2.atMinute=1", why: /"2" is not an index of a 2-element list/ },
    { text: "outages.first=1", why: /"first" is not an index/ },
  ])("refuses $text", ({ text, why }) => {
    expect(() => applyOverrides(doc, [parseOverride(text)])).toThrow(why);
  });
});

describe("a built-in with overrides", () => {
  it("is validated after the change: the new value is used, defaults still fill the rest", () => {
    const s = builtinScenario("flash-crowd", [parseOverride("cluster.signals.cpu.targetPercent=80")]);
    expect(s.cluster.signals.cpu.targetPercent).toBe(80);
    expect(s.cluster.signals.bandwidth.targetPercent).toBe(
      builtinScenario("flash-crowd").cluster.signals.bandwidth.targetPercent,
    );
  });

  it("a value the schema refuses is one ScenarioError naming the override and the field", () => {
    const bad = () => builtinScenario("flash-crowd", [parseOverride("cluster.signals.cpu.targetPercent=900")]);
    expect(bad).toThrow(ScenarioError);
    expect(bad).toThrow(
      /^built-in flash-crowd with --set cluster\.signals\.cpu\.targetPercent: cluster\.signals\.cpu\.targetPercent/,
    );
  });
});
