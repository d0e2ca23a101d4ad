/**
 * The gateway's queue: M/M/c per node with the node's workers as servers. The wait must grow without bound as the
 * utilisation approaches 1, so that a fleet at 99.99 % is overloaded by its latency alone (the old curve capped the
 * utilisation at 0.97 and topped out near 33 ms).
 */
import { describe, expect, it } from "vitest";
import { erlangC, GATEWAY_TIMEOUT_MS, p95WaitMs, WaitTail } from "../../../sim/model/queueing.ts";
import { leastNodesMeetingSlo } from "../../../sim/model/slo-capacity.ts";

describe("erlangC", () => {
  it("is ρ for one server (M/M/1) and the textbook value for 4 servers at ρ 0.5", () => {
    expect(erlangC(1, 0.3)).toBeCloseTo(0.3, 12);
    // c = 4, a = 2: B = (2⁴/4!) / Σ 2^k/k! = 0.6667 / 7 = 0.095238; C = B / (1 − ρ(1 − B)) = 0.173913.
    expect(erlangC(4, 0.5)).toBeCloseTo(0.173913, 6);
  });

  it("is 0 with no load and 1 at saturation", () => {
    expect(erlangC(4, 0)).toBe(0);
    expect(erlangC(4, 1)).toBe(1);
    expect(erlangC(4, 1.3)).toBe(1);
  });
});

describe("p95WaitMs", () => {
  it("is the closed form ln(C / 0.05) ÷ (cμ − λ) once more than 5 % of requests wait", () => {
    const rho = 0.98;
    const expected = (1000 * Math.log(erlangC(4, rho) / 0.05)) / (8000 * (1 - rho));
    expect(p95WaitMs(4, 8000, rho)).toBeCloseTo(expected, 2);
  });

  it("is 0 while at most 5 % of requests wait", () => {
    expect(p95WaitMs(4, 8000, 0.3)).toBe(0);
  });

  it("grows without bound as ρ → 1, and is the load balancer's timeout at saturation", () => {
    const waits = [0.9, 0.99, 0.999, 0.9999, 0.99999].map((rho) => p95WaitMs(4, 8000, rho));
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThan(waits[i - 1]! * 5);
    expect(waits[4]!).toBeGreaterThan(1000);
    expect(p95WaitMs(4, 8000, 1)).toBe(GATEWAY_TIMEOUT_MS);
  });
});

describe("WaitTail", () => {
  it("takes the p95 over every request: a short saturated spell above 5 % of the requests sets it", () => {
    const tail = new WaitTail();
    tail.add(900, 4, 8000, 0.5);
    tail.add(100, 4, 8000, 1.2); // 10 % of the requests queue at a saturated node
    expect(tail.p95Ms()).toBe(GATEWAY_TIMEOUT_MS);
    tail.clear();
    tail.add(970, 4, 8000, 0.5);
    tail.add(30, 4, 8000, 1.2); // 3 %: inside the 5 % the p95 leaves out
    expect(tail.p95Ms()).toBeLessThan(1);
  });
});

describe("leastNodesMeetingSlo", () => {
  const nodes = { workers: 4, gatewayLatencyMs: 1 };
  const slo = { latencyP95Ms: 50, maxUnservedPct: 0.1 };

  it("asks for more than the fewest nodes that drop nothing when those would queue past the SLO", () => {
    // 10 nodes serve 79,990 req/s at ρ 0.99988: nothing dropped, but a p95 wait of seconds.
    expect(p95WaitMs(4, 8000, 79_990 / 80_000)).toBeGreaterThan(50);
    const n = leastNodesMeetingSlo(79_990, 8000, nodes, undefined, slo);
    expect(n).toBe(11);
    expect(p95WaitMs(4, 8000, 79_990 / (n * 8000))).toBeLessThanOrEqual(49);
  });

  it("is the fewest that serve everything when those already meet the SLO", () => {
    expect(leastNodesMeetingSlo(70_000, 8000, nodes, undefined, slo)).toBe(9);
    expect(leastNodesMeetingSlo(0, 8000, nodes, undefined, slo)).toBe(0);
  });

  it("never asks for a saturated fleet: demand exactly at capacity needs one node more", () => {
    expect(leastNodesMeetingSlo(80_000, 8000, nodes, undefined, slo)).toBe(11);
  });
});
