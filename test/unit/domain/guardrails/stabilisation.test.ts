import { describe, expect, it } from "vitest";
import { stabilisation } from "../../../../shared/domain/guardrails/stabilisation.ts";
import type { Point } from "../../../../shared/domain/observation.ts";
import { cluster, NOW, nodes, observation, ruleContext } from "../builders.ts";

const at = (agoS: number, v: number): Point => ({ t: NOW - agoS * 1000, v });

describe("stabilisation guardrail", () => {
  it.each([
    { name: "scale-out: silent", recs: [at(60, 9)], recommended: 6, desired: 6, to: null, effect: "" },
    { name: "hold: silent", recs: [at(60, 9)], recommended: 4, desired: 4, to: null, effect: "" },
    { name: "no history: the current one wins", recs: [], recommended: 2, desired: 2, to: null, effect: "" },
    {
      name: "higher recent one caps the scale-in",
      recs: [at(60, 3)],
      recommended: 2,
      desired: 2,
      to: 3,
      effect: "capped",
    },
    {
      name: "recent one at current blocks it",
      recs: [at(200, 5)],
      recommended: 2,
      desired: 2,
      to: 4,
      effect: "blocked",
    },
    { name: "older than the window: ignored", recs: [at(301, 5)], recommended: 2, desired: 2, to: null, effect: "" },
    { name: "at the window's edge: counts", recs: [at(300, 3)], recommended: 2, desired: 2, to: 3, effect: "capped" },
    { name: "in the future: ignored", recs: [at(-60, 5)], recommended: 2, desired: 2, to: null, effect: "" },
    {
      name: "the highest in the window wins",
      recs: [at(240, 3), at(120, 2)],
      recommended: 1,
      desired: 1,
      to: 3,
      effect: "capped",
    },
    { name: "a raised desired (missing data) is kept", recs: [], recommended: 2, desired: 3, to: null, effect: "" },
  ])("$name", ({ recs, recommended, desired, to, effect }) => {
    const obs = observation({ desired: 4, recentRecommendations: recs });
    const f = stabilisation(ruleContext({ obs, current: 4, recommended }), desired);
    if (to === null) return expect(f).toBeNull();
    expect(f).toMatchObject({ name: "stabilisation", effect, from: desired, to });
  });

  it("a zero window scales in at once", () => {
    const c = cluster({ scaling: { scaleIn: { stabilisationSeconds: 0 } } });
    const obs = observation({ recentRecommendations: [at(10, 4)] });
    expect(stabilisation(ruleContext({ cluster: c, obs, recommended: 2 }), 2)).toBeNull();
  });

  it.each([
    { name: "launching nodes", instances: nodes({ inService: 3, launching: 1 }), onTheWay: "1 node" },
    { name: "requested, not started yet", instances: nodes({ inService: 2 }), onTheWay: "2 nodes" },
  ])("no scale-in while capacity is on the way: $name", ({ instances, onTheWay }) => {
    const obs = observation({ desired: 4 });
    obs.group.instances = instances;
    const f = stabilisation(ruleContext({ obs, current: 4, recommended: 2 }), 2);
    expect(f).toMatchObject({ effect: "blocked", from: 2, to: 4 });
    expect(f?.detail).toBe(`${onTheWay} still on the way: scale-in waits until they serve, 2 → 4`);
  });

  it("no scale-in while a signal's load rises beyond doubt, even with no history", () => {
    const obs = observation({ desired: 6, recentRecommendations: [] });
    const f = stabilisation(ruleContext({ obs, current: 6, recommended: 3, rising: ["cpu"] }), 3);
    expect(f).toMatchObject({ name: "stabilisation", effect: "blocked", from: 3, to: 6 });
    expect(f?.detail).toBe("cpu load rising: no scale-in against a rising load, 3 → 6");
  });

  it("no scale-in while a signal's newest datapoint is saturated", () => {
    const obs = observation({ desired: 5 });
    const f = stabilisation(ruleContext({ obs, current: 5, recommended: 3, saturated: ["cpu"] }), 3);
    expect(f).toMatchObject({ name: "stabilisation", effect: "blocked", from: 3, to: 5 });
    expect(f?.detail).toBe(
      "cpu saturated (newest datapoint at its ceiling): the load is at least that, no scale-in, 3 → 5",
    );
  });

  it("a rising load does not stop a scale-out or a hold", () => {
    const obs = observation({ desired: 4 });
    expect(stabilisation(ruleContext({ obs, current: 4, recommended: 6, rising: ["cpu"] }), 6)).toBeNull();
    expect(stabilisation(ruleContext({ obs, current: 4, recommended: 4, rising: ["cpu"] }), 4)).toBeNull();
  });

  it("terminating nodes are not on the way", () => {
    const obs = observation({ desired: 4 });
    obs.group.instances = nodes({ inService: 4, terminating: 2 });
    expect(stabilisation(ruleContext({ obs, current: 4, recommended: 3 }), 3)).toBeNull();
  });
});
