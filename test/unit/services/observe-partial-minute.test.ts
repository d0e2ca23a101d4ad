/**
 * The dilution correction against CloudWatch as AWS runs it (the simulator's CloudWatch, `sim/cloud/cloudwatch.ts`):
 * each instance's datapoint arrives on its own delay, so the newest minute's group average covers only the instances
 * that have reported so far (its SampleCount says how many), and a few datapoints never arrive. 10 nodes in service at
 * 60 % CPU and 2 booting at 3 %: the load per node in service is (10 × 60 + 2 × 3) ÷ 10 = 60.6 % in every minute.
 * Average × SampleCount ÷ in service, with a partial SampleCount, read a half-reported minute as 30.3 %; floored at
 * the nodes in service (every one of them reports) it reads as the average of the instances arrived so far.
 */
import { describe, expect, it } from "vitest";
import { clusterConfigSchema } from "../../../shared/config/schema.ts";
import { OWN_METRICS, OWN_NAMESPACE } from "../../../shared/ports/metrics.ts";
import { reportingInstances } from "../../../shared/services/observe/in-service.ts";
import { observeCluster } from "../../../shared/services/observe/observe.ts";
import { metricKey, SimCloudWatch, SimMetrics } from "../../../sim/cloud/cloudwatch.ts";
import { VirtualClock } from "../../../sim/virtual-clock.ts";
import { FakeFleet } from "../../../test-kit/fake-fleet.ts";

const tg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef";
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const MIN = 60_000;
const CPU = metricKey("AWS/EC2", "CPUUtilization", { AutoScalingGroupName: "dp-prod" });
const IN_SERVICE = metricKey(OWN_NAMESPACE, OWN_METRICS.inService, { Cluster: "prod" });
const SERVING = Array.from({ length: 10 }, (_, i) => `i-${i}`);
const BOOTING = ["i-b0", "i-b1"];
const TRUE_LOAD = (10 * 60 + 2 * 3) / 10;

/** Four minutes of datapoints; `arrival(id, minuteStart)` says when each instance's reaches CloudWatch (or never). */
function world(arrival: (id: string, start: number) => number) {
  const clock = new VirtualClock(NOW);
  const cw = new SimCloudWatch(clock);
  for (let m = 4; m >= 1; m--) {
    const start = NOW - (m + 1) * MIN;
    for (const id of SERVING) {
      const at = arrival(id, start);
      if (Number.isFinite(at)) cw.put(CPU, start, 60, at);
    }
    for (const id of BOOTING) {
      const at = arrival(id, start);
      if (Number.isFinite(at)) cw.put(CPU, start, 3, at);
    }
    cw.put(IN_SERVICE, start, 10, start + MIN);
  }
  const fleet = new FakeFleet(clock);
  fleet.addGroup({
    name: "dp-prod",
    desired: 12,
    min: 2,
    max: 20,
    instances: [
      ...SERVING.map((instanceId) => ({ instanceId, lifecycleState: "InService", healthStatus: "Healthy" as const })),
      ...BOOTING.map((instanceId) => ({
        instanceId,
        lifecycleState: "Pending:Wait",
        healthStatus: "Healthy" as const,
      })),
    ],
  });
  const cluster = clusterConfigSchema.parse({
    name: "prod",
    autoScalingGroupName: "dp-prod",
    targetGroupArns: [tg],
    signals: { bandwidth: { enabled: false } },
  });
  const deps = {
    clock,
    fleet,
    metrics: new SimMetrics(cw),
    instances: { describeInstance: async () => undefined, baselineBandwidthBps: async () => undefined },
  };
  return { clock, cw, observe: async () => (await observeCluster(deps, cluster)).signals.find((s) => s.id === "cpu")! };
}

describe("the dilution correction, on datapoints that arrive one instance at a time", () => {
  it("reads a newest minute half reported as the average of the instances arrived so far, not as half the load", async () => {
    const newest = NOW - 2 * MIN;
    // The newest readable minute: 5 serving nodes and 1 booting one have reported; the other 6 arrive after now.
    const early = new Set(["i-0", "i-1", "i-2", "i-3", "i-4", "i-b0"]);
    const w = world((id, start) => (start === newest && !early.has(id) ? NOW + 30_000 : start + MIN + 20_000));
    const sampleCount = w.cw.query(CPU, "SampleCount", 60, newest, newest + MIN);
    expect(sampleCount).toEqual([{ t: newest, v: 6 }]);
    const cpu = await w.observe();
    expect(cpu.points.map((p) => p.t)).toEqual([NOW - 5 * MIN, NOW - 4 * MIN, NOW - 3 * MIN, newest]);
    for (const p of cpu.points.slice(0, 3)) expect(p.v).toBeCloseTo(TRUE_LOAD, 6);
    // (5 × 60 + 3) ÷ 6 = 50.5: the arrived instances' average (the booting one dilutes it), 17 % under the load.
    expect(cpu.points[3]!.v).toBeCloseTo((5 * 60 + 3) / 6, 6);
  });

  it("stays near the load as the late datapoints arrive and the minute's average changes", async () => {
    const newest = NOW - 2 * MIN;
    // The newest minute's datapoints arrive one every 10 s, from 30 s before now on, in this order.
    const order = ["i-0", "i-1", "i-2", "i-3", "i-4", "i-b0", "i-5", "i-6", "i-7", "i-8", "i-9", "i-b1"];
    const w = world((id, start) =>
      start === newest ? NOW - 30_000 + order.indexOf(id) * 10_000 : start + MIN + 20_000,
    );
    const averages = new Set<number>();
    for (let s = 0; s <= 90; s += 10) {
      await w.clock.runUntil(NOW + s * 1000);
      averages.add(Math.round(w.cw.query(CPU, "Average", 60, newest, newest + MIN)[0]!.v * 100));
      const last = (await w.observe()).points.at(-1)!;
      expect(last.t).toBe(newest);
      // Which instances have reported moves the estimate (a subset without the booting nodes reads above the mix),
      // never down to the fraction that has reported.
      expect(Math.abs(last.v - TRUE_LOAD) / TRUE_LOAD).toBeLessThan(0.2);
      if (s >= 80) expect(last.v).toBeCloseTo(TRUE_LOAD, 6);
    }
    expect(averages.size).toBeGreaterThan(3);
  });

  it("loses no more than the missing node's share when an instance's datapoint never arrives", async () => {
    const w = world((id, start) => (id === "i-7" && start === NOW - 3 * MIN ? Number.POSITIVE_INFINITY : start + MIN));
    const cpu = await w.observe();
    const gap = cpu.points.find((p) => p.t === NOW - 3 * MIN)!;
    // 9 serving + 2 booting reported: (9 × 60 + 6) ÷ 10 = 54.6 — the load of the nodes that reported.
    expect(gap.v).toBeCloseTo((9 * 60 + 6) / 10, 6);
  });
});

describe("reportingInstances", () => {
  it("is the SampleCount, never fewer than the nodes in service then", () => {
    const reporting = new Map([
      [0, 12],
      [MIN, 6], // partial: 10 in service
      [2 * MIN, 8], // after a scale-in to 8 nodes
    ]);
    const inService = new Map([
      [0, 10],
      [MIN, 10],
      [2 * MIN, 8],
    ]);
    expect([...reportingInstances(reporting, inService).values()]).toEqual([12, 10, 8]);
    expect([...reportingInstances(reporting, new Map()).values()]).toEqual([12, 6, 8]);
  });
});
