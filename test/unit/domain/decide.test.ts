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

  it("does not scale in against a load that rises beyond doubt, however low the per-node value reads", () => {
    // faults-mix: nodes in service that the NLB does not route to yet dilute the per-node value during a ramp. Six
    // nodes, CPU 20 → 36 % rising every minute: the value asks for 3 (6 × 36 / 70 = 3.1 nodes of load, inside the band on 3), the
    // load is plainly rising — hold.
    const rising = observation({ desired: 6, signals: [series("cpu", [20, 24, 28, 32, 36], { nodes: 6 })] });
    const d = decide(cpuOnly(), rising, NOW);
    expect(d).toMatchObject({ action: "hold", desired: 6, recommended: 3 });
    expect(d.guardrails).toMatchObject([{ name: "stabilisation", effect: "blocked", from: 3, to: 6 }]);
    // The same level with noise and no rise beyond doubt (8 of 10 pairs rising): scale in as usual.
    const noisy = observation({ desired: 6, signals: [series("cpu", [22, 20, 28, 26, 36], { nodes: 6 })] });
    expect(decide(cpuOnly(), noisy, NOW)).toMatchObject({ action: "scale-in" });
  });

  it("does not scale in on a saturated datapoint spread over more nodes than it was measured on", () => {
    // A CP outage held 3 launches back while 2 nodes ran at 100 %; now all 5 serve. 100 % × 2 ÷ 5 reads as 40 %,
    // which would ask for 3 — but the 2 nodes were saturated: the load was at least that, maybe far more.
    const cpu = series("cpu", [100, 100, 100], { nodes: 5 });
    for (const p of cpu.points) p.n = 2;
    const d = decide(cpuOnly(), observation({ desired: 5, signals: [cpu] }), NOW);
    expect(d).toMatchObject({ action: "hold", desired: 5, recommended: 3 });
    expect(d.guardrails).toMatchObject([{ name: "stabilisation", effect: "blocked", from: 3, to: 5 }]);
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
