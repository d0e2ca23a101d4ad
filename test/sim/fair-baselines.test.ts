/**
 * What makes the baselines fair (issue 14): the health check a competent operator configures, target tracking's
 * gradual scale-in, the HPA controller's readiness rule, and the oracle's lead override.
 */
import { describe, expect, it } from "vitest";
import { CPU_INITIALIZATION_PERIOD_MS, groupPod, type PodView, replicasFor } from "../../sim/policies/hpa-replicas.ts";
import { oracleLeadSeconds, serveLeadSeconds } from "../../sim/policies/lead-time.ts";
import { gradualScaleInFloor } from "../../sim/policies/target-tracking.ts";
import { runScenario } from "../../sim/run.ts";
import { builtinScenario } from "../../sim/scenario/load.ts";
import { elbDefaultHealthCheck } from "../../sim/scenario/schema.ts";
import { shortened } from "./shortened.ts";

describe("the load balancer's health check", () => {
  it("defaults to /status/ready every 10 s, 2 healthy, HTTP on an NLB too; ELBv2's own defaults are the variant", () => {
    for (const name of ["flash-crowd", "faults-mix"]) {
      expect(builtinScenario(name).loadBalancer.healthCheck).toEqual({
        protocol: "http",
        path: "status-ready",
        intervalSeconds: 10,
        healthyThreshold: 2,
        unhealthyThreshold: 2,
      });
    }
    expect(elbDefaultHealthCheck("nlb")).toMatchObject({ protocol: "tcp", intervalSeconds: 30, healthyThreshold: 5 });
    expect(elbDefaultHealthCheck("alb")).toMatchObject({ protocol: "http", path: "traffic" });
  });
});

describe("target tracking scales in gradually", () => {
  it("one action removes at most 10 % of the capacity, at least one node", () => {
    expect(gradualScaleInFloor(11, 10)).toBe(10);
    expect(gradualScaleInFloor(40, 10)).toBe(36);
    expect(gradualScaleInFloor(3, 10)).toBe(2);
    expect(gradualScaleInFloor(11, 100)).toBe(0);
  });

  it("after the flash crowd, every scale-in decision of the run stays within the step", async () => {
    const run = await runScenario(shortened("flash-crowd"), "target-tracking");
    const ins = run.events.filter((e) => e.kind === "decision" && e.text.includes("scale-in"));
    expect(ins.length).toBeGreaterThan(2);
    for (const e of ins) {
      const [, from, to] = /(\d+) → (\d+)/.exec(e.text)!.map(Number);
      expect(from! - to!).toBeLessThanOrEqual(Math.max(1, Math.floor(from! / 10)));
    }
    expect(run.invariantViolations).toEqual([]);
  });
});

describe("the HPA's readiness rule (replica_calculator.go)", () => {
  const now = 1_000_000_000;
  const pod = (over: Partial<PodView>): PodView => ({
    pending: false,
    startMs: now - 3600_000,
    ready: true,
    lastTransitionMs: Number.NEGATIVE_INFINITY,
    value: 50,
    sampleStartMs: now - 90_000,
    ...over,
  });

  it("ignores the CPU sample of a pod that became ready during the sample's minute, inside the initialisation period", () => {
    const young = { startMs: now - 120_000, lastTransitionMs: now - 60_000, sampleStartMs: now - 90_000 };
    expect(groupPod(pod(young), true, now)).toBe("unready");
    // The same pod's sample counts for a per-pod metric, and once its sample lies wholly after it became ready.
    expect(groupPod(pod(young), false, now)).toBe("ready");
    expect(groupPod(pod({ ...young, sampleStartMs: now - 50_000 }), true, now)).toBe("ready");
    // Past the initialisation period only an unready pod that never was ready is ignored.
    const old = now - CPU_INITIALIZATION_PERIOD_MS - 1;
    expect(groupPod(pod({ startMs: old, ready: false, lastTransitionMs: old + 10_000 }), true, now)).toBe("unready");
    expect(groupPod(pod({ startMs: old, ready: false, lastTransitionMs: now - 10_000 }), true, now)).toBe("ready");
    expect(groupPod(pod({ pending: true }), true, now)).toBe("unready");
    expect(groupPod(pod({ value: undefined }), true, now)).toBe("missing");
  });

  it("averages over ready pods only: the 3 % of pods that were booting during the minute does not shrink a hot fleet", () => {
    const booting = pod({ value: 3, startMs: now - 100_000, lastTransitionMs: now - 20_000 });
    const fleet = [pod({ value: 75 }), pod({ value: 75 }), booting, booting];
    // Averaging every pod ready now would read 39 % against 70 % and scale in to ⌈0.56 × 4⌉ = 3. The controller
    // sees 75 % on the two ready pods (a scale-up), counts the two others as 0 %, which turns the direction: no change.
    expect(replicasFor(fleet, 70, true, 4, now)).toBe(4);
    // Hotter, it scales up over all four: (2 × 95) / (4 × 70) = 0.68 still turns; (2 × 160) / 280 = 1.14 → 5.
    expect(replicasFor([pod({ value: 160 }), pod({ value: 160 }), booting, booting], 70, true, 4, now)).toBe(5);
  });

  it("counts a missing pod at 100 % of its request on a scale-down, at the target for a per-pod metric", () => {
    const cool = [pod({ value: 30 }), pod({ value: 30 }), pod({ value: 30 }), pod({ value: undefined })];
    // (90 + 100) / (4 × 70) = 0.68 → ⌈0.68 × 4⌉ = 3.
    expect(replicasFor(cool, 70, true, 4, now)).toBe(3);
    // (90 + 70) / (4 × 70) = 0.57 → 3.
    expect(replicasFor(cool, 70, false, 4, now)).toBe(3);
    expect(replicasFor([pod({ value: undefined })], 70, true, 1, now)).toBeUndefined();
  });
});

describe("the oracle", () => {
  it("uses policies.oracle.leadSeconds when set: with no lead it is late for the flash crowd", async () => {
    const base = shortened("flash-crowd");
    expect(oracleLeadSeconds(base)).toBe(serveLeadSeconds(base));
    const late = { ...base, policies: { ...base.policies, oracle: { leadSeconds: 0 } } };
    expect(oracleLeadSeconds(late)).toBe(0);
    const [onTime, noLead] = await Promise.all([runScenario(base, "oracle"), runScenario(late, "oracle")]);
    expect(onTime.summary.overloadMinutes).toBe(0);
    expect(noLead.summary.overloadMinutes).toBeGreaterThan(0);
    expect(noLead.events.some((e) => e.text.includes("the demand of the next 0 s"))).toBe(true);
  });
});
