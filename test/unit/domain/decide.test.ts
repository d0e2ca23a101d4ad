import { describe, expect, it } from "vitest";
import { decide } from "../../../shared/domain/decide.ts";
import type { Observation } from "../../../shared/domain/observation.ts";
import { cluster, cpuOnly, NOW, nodes, observation, series } from "./builders.ts";

const both = cluster({ scaling: { leadTimeSeconds: 0 } });

describe("decide", () => {
  it("scales out on the proportional rule and explains it in one line", () => {
    const d = decide(cpuOnly(), observation({ signals: [series("cpu", [84])] }), NOW);
    expect(d).toMatchObject({
      cluster: "prod",
      at: NOW,
      action: "scale-out",
      currentDesired: 4,
      desired: 5,
      recommended: 5,
    });
    expect(d.guardrails).toEqual([]);
    expect(d.summary).toBe("prod: scale-out 4 → 5 — signals ask for 5 (cpu)");
  });

  it("holds within the tolerance band", () => {
    const d = decide(cpuOnly(), observation({ signals: [series("cpu", [75])] }), NOW);
    expect(d).toMatchObject({ action: "hold", desired: 4 });
    expect(d.summary).toBe("prod: hold at 4 — signals ask for 4 (cpu)");
  });

  it("takes the largest proposal over the signals", () => {
    const obs = observation({ signals: [series("cpu", [35]), series("bandwidth", [90], { target: 60 })] });
    const d = decide(both, obs, NOW);
    expect(d.reasons.map((r) => r.proposal)).toEqual([2, 6]);
    expect(d).toMatchObject({ recommended: 6, desired: 6 });
    expect(d.summary).toContain("signals ask for 6 (bandwidth)");
  });

  describe("launching nodes are capacity on the way", () => {
    const booting = (cpu: number): Observation => {
      const obs = observation({ desired: 6, signals: [series("cpu", [cpu], { nodes: 4 })] });
      obs.group.instances = nodes({ inService: 4, launching: 2 });
      return obs;
    };

    it("a second alarm while nodes boot adds nothing when they already cover the load", () => {
      // 4 nodes at 100 % → ceil(4 × 100 / 70) = 6 = desired (4 serving + 2 launching).
      expect(decide(cpuOnly(), booting(100), NOW)).toMatchObject({ recommended: 6, action: "hold", desired: 6 });
    });

    it("adds only what is still missing", () => {
      // ceil(4 × 120 / 70) = 7: one more than the 6 already requested.
      expect(decide(cpuOnly(), booting(120), NOW)).toMatchObject({ action: "scale-out", desired: 7 });
    });

    it("does not scale in before they serve", () => {
      const d = decide(cpuOnly(), booting(40), NOW);
      expect(d).toMatchObject({ recommended: 3, action: "hold", desired: 6 });
      expect(d.guardrails.map((g) => g.name)).toEqual(["stabilisation"]);
    });
  });

  it("counts a configured signal absent from the observation as missing, and never scales in", () => {
    const d = decide(both, observation({ signals: [series("cpu", [20])] }), NOW);
    expect(d.reasons.map((r) => [r.signal, r.proposal])).toEqual([
      ["cpu", 2],
      ["bandwidth", null],
    ]);
    expect(d).toMatchObject({ action: "hold", desired: 4 });
    expect(d.guardrails.map((g) => g.name)).toEqual(["missing-data"]);
    expect(d.summary).toBe("prod: hold at 4 — signals ask for 2 (cpu); missing: bandwidth; missing-data blocked 2 → 4");
  });

  it("holds with no usable signal, but still raises a group below its floor", () => {
    const obs = observation({ desired: 1, signals: [] });
    const d = decide(cpuOnly({ minNodes: 2 }), obs, NOW);
    expect(d).toMatchObject({ recommended: 1, action: "scale-out", desired: 2 });
    expect(d.guardrails.map((g) => [g.name, g.from, g.to])).toEqual([
      ["missing-data", 1, 1],
      ["min-nodes", 1, 2],
    ]);
    expect(d.summary).toContain("no usable signal");
  });

  it("also considers series the configuration does not name", () => {
    const obs = observation({ signals: [series("cpu", [70]), series("queue-depth", [30], { target: 10, unit: "" })] });
    expect(decide(cpuOnly(), obs, NOW)).toMatchObject({ recommended: 12, desired: 8 });
  });

  it("freezes when paused, bounds included", () => {
    const obs = observation({ desired: 12, signals: [series("cpu", [200], { nodes: 12 })], paused: { paused: true } });
    const d = decide(cpuOnly({ maxNodes: 10 }), obs, NOW);
    expect(d).toMatchObject({ action: "hold", desired: 12 });
    expect(d.guardrails.map((g) => g.name)).toEqual(["paused"]);
  });

  it("freezes when the control-plane breaker is open, bounds included", () => {
    const obs = observation({
      desired: 1,
      signals: [series("cpu", [200], { nodes: 1 })],
      breaker: { open: true, abandons: [] },
    });
    const d = decide(cpuOnly({ minNodes: 2 }), obs, NOW);
    expect(d).toMatchObject({ action: "hold", desired: 1 });
    expect(d.guardrails.map((g) => g.name)).toEqual(["control-plane-outage"]);
  });

  it("applies the guardrails in order, each from where the previous left", () => {
    const c = cpuOnly({ maxNodes: 20, controlPlane: { maxDataPlanes: 7 } });
    const d = decide(c, observation({ signals: [series("cpu", [280])] }), NOW);
    expect(d.guardrails.map((g) => [g.name, g.effect, g.from, g.to])).toEqual([
      ["step-limit", "capped", 16, 8],
      ["control-plane-capacity", "capped", 8, 7],
    ]);
    expect(d).toMatchObject({ recommended: 16, desired: 7, action: "scale-out" });
  });

  it("does not touch its inputs", () => {
    const c = cpuOnly();
    const obs = observation({ signals: [series("cpu", [10, 20, 30, 40, 50])] });
    const before = structuredClone(obs);
    decide(c, deepFreeze(obs), NOW);
    expect(obs).toEqual(before);
  });
});

function deepFreeze<T>(o: T): T {
  if (o !== null && typeof o === "object") {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
