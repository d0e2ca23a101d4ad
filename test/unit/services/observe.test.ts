import { describe, expect, it } from "vitest";
import { type ClusterConfigInput, clusterConfigSchema } from "../../../shared/config/schema.ts";
import type { Point } from "../../../shared/domain/observation.ts";
import { BREAKER_TAG, encodeBreaker, encodePause, PAUSE_TAG } from "../../../shared/domain/tags.ts";
import type { InstancesPort } from "../../../shared/ports/instances.ts";
import {
  GroupNotFoundError,
  observeCluster,
  observeClusterDetailed,
} from "../../../shared/services/observe/observe.ts";
import { FakeFleet } from "../../../test-kit/fake-fleet.ts";
import { FakeMetrics } from "../../../test-kit/fake-metrics.ts";
import { ManualClock } from "../../../test-kit/manual-clock.ts";

const tg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef";
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const MIN = 60_000;
const ASG = { AutoScalingGroupName: "dp-prod" };

function cluster(extra: Partial<ClusterConfigInput> = {}) {
  return clusterConfigSchema.parse({ name: "prod", autoScalingGroupName: "dp-prod", targetGroupArns: [tg], ...extra });
}

function setup(inService = 4, instanceType = "c6i.large") {
  const clock = new ManualClock(NOW);
  const fleet = new FakeFleet(clock);
  // EC2's answer per instance type (DescribeInstanceTypes baseline, bits/s); unknown types have none.
  const baselines: Record<string, number> = { "c6i.large": 781_000_000, "c6i.xlarge": 1_562_000_000 };
  const instances: InstancesPort = {
    describeInstance: async () => undefined,
    baselineBandwidthBps: async (t) => baselines[t],
  };
  const metrics = new FakeMetrics();
  fleet.addGroup({
    name: "dp-prod",
    desired: inService + 1,
    min: 2,
    max: 10,
    instances: [
      ...Array.from({ length: inService }, (_, i) => ({
        instanceId: `i-${i}`,
        lifecycleState: "InService",
        healthStatus: "Healthy" as const,
        instanceType,
      })),
      { instanceId: "i-new", lifecycleState: "Pending:Wait", healthStatus: "Healthy", instanceType },
    ],
  });
  return { clock, fleet, instances, metrics, deps: { clock, fleet, instances, metrics } };
}

const pts = (...vs: number[]): Point[] => vs.map((v, i) => ({ t: NOW - (vs.length - i + 1) * MIN, v }));

describe("observeCluster", () => {
  it("asks CloudWatch once, for every query of the cluster, over the lookback window", async () => {
    const { deps, metrics } = setup();
    const c = cluster({
      signals: {
        requestRate: {
          metric: { namespace: "AWS/ApplicationELB", metricName: "RequestCount", stat: "Sum" },
          targetPerNode: 500,
        },
        custom: [{ id: "conns", metric: { namespace: "APISIX", metricName: "connections" }, target: 1000 }],
      },
      guardrails: {
        bandwidthCeiling: { ceilingGbps: 5 },
        upstreamLatency: {
          upstream: { namespace: "APISIX", metricName: "upstream_latency", stat: "p95" },
          gateway: { namespace: "APISIX", metricName: "apisix_latency", stat: "p95" },
          upstreamThresholdMs: 500,
          gatewayThresholdMs: 50,
        },
      },
    });
    await observeCluster(deps, c);
    expect(metrics.calls).toHaveLength(1);
    const call = metrics.calls[0]!;
    expect(call.endMs).toBe(NOW);
    expect(call.startMs).toBe(NOW - 900_000);
    const asked = call.queries.map(
      (q) => `${q.namespace}/${q.metricName}/${q.stat}/${q.periodSeconds}/${JSON.stringify(q.dimensions)}`,
    );
    expect(asked).toEqual([
      `AWS/EC2/CPUUtilization/Average/60/${JSON.stringify(ASG)}`,
      `AWS/EC2/CPUUtilization/SampleCount/60/${JSON.stringify(ASG)}`,
      `AWS/EC2/NetworkIn/Average/60/${JSON.stringify(ASG)}`,
      `AWS/EC2/NetworkOut/Average/60/${JSON.stringify(ASG)}`,
      "AWS/ApplicationELB/RequestCount/Sum/60/{}",
      "APISIX/connections/Average/60/{}",
      `AWS/EC2/NetworkIn/Sum/60/${JSON.stringify(ASG)}`,
      `AWS/EC2/NetworkOut/Sum/60/${JSON.stringify(ASG)}`,
      "APISIX/upstream_latency/p95/60/{}",
      "APISIX/apisix_latency/p95/60/{}",
      'DPAutoscaler/RecommendedCapacity/Maximum/60/{"Cluster":"prod"}',
      'DPAutoscaler/InServiceNodes/Average/60/{"Cluster":"prod"}',
    ]);
    expect(new Set(call.queries.map((q) => q.id)).size).toBe(call.queries.length);
    for (const q of call.queries) expect(q.id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
  });

  it("reaches back over the stabilisation window when it is longer than the lookback", async () => {
    const { deps, metrics } = setup();
    await observeCluster(deps, cluster({ scaling: { lookbackSeconds: 300, scaleIn: { stabilisationSeconds: 600 } } }));
    expect(metrics.calls[0]!.startMs).toBe(NOW - 660_000);
  });

  it("reports the group, its instances, and CPU per node measured over the nodes in service", async () => {
    const { deps, metrics } = setup(4);
    metrics.set({
      namespace: "AWS/EC2",
      metricName: "CPUUtilization",
      stat: "Average",
      dimensions: ASG,
      points: pts(55, 81.5),
    });
    const o = await observeCluster(deps, cluster());
    expect(o.cluster).toBe("prod");
    expect(o.observedAt).toBe(NOW);
    expect(o.group).toMatchObject({ name: "dp-prod", desired: 5, min: 2, max: 10 });
    expect(o.group.instances.map((i) => i.lifecycleState)).toEqual([...Array(4).fill("InService"), "Pending:Wait"]);
    const cpu = o.signals.find((s) => s.id === "cpu")!;
    expect(cpu).toEqual({ id: "cpu", unit: "%", target: 70, points: pts(55, 81.5), nodesMeasured: 4 });
  });

  it("undoes the dilution by booting and draining instances and gives each point the nodes in service then", async () => {
    const { deps, metrics } = setup(4);
    // Minute 1: 4 in service, 4 reporting. Minute 2: 4 in service, 6 reporting (2 booting at idle CPU): the group's
    // average fell to 40 % but the load is 240 %·nodes = 60 % per node in service. Minute 3: no in-service record: the
    // value stays as measured, on the 5 instances that reported (its load is 250 %·nodes, whatever the nodes now).
    metrics.set({ namespace: "AWS/EC2", metricName: "CPUUtilization", stat: "Average", points: pts(60, 40, 50) });
    metrics.set({ namespace: "AWS/EC2", metricName: "CPUUtilization", stat: "SampleCount", points: pts(4, 6, 5) });
    metrics.set({
      namespace: "DPAutoscaler",
      metricName: "InServiceNodes",
      stat: "Average",
      dimensions: { Cluster: "prod" },
      points: pts(4, 4, 4).slice(0, 2),
    });
    const o = await observeCluster(deps, cluster());
    const cpu = o.signals.find((s) => s.id === "cpu")!;
    const [a, b, c] = pts(60, 60, 50);
    expect(cpu.points).toEqual([
      { ...a, n: 4 },
      { ...b, n: 4 },
      { t: c!.t, v: 50, n: 5 },
    ]);
  });

  it("spreads a cluster total over the nodes in service at each datapoint's time", async () => {
    const { deps, metrics } = setup(4);
    metrics.set({
      namespace: "AWS/ApplicationELB",
      metricName: "RequestCount",
      stat: "Sum",
      points: pts(60_000, 60_000),
    });
    metrics.set({ namespace: "DPAutoscaler", metricName: "InServiceNodes", stat: "Average", points: pts(2, 4) });
    const c = cluster({
      signals: {
        requestRate: {
          metric: { namespace: "AWS/ApplicationELB", metricName: "RequestCount", stat: "Sum" },
          targetPerNode: 500,
        },
      },
    });
    const o = await observeCluster(deps, c);
    const rr = o.signals.find((s) => s.id === "request-rate")!;
    expect(rr.points.map((p) => [p.v, p.n])).toEqual([
      [500, 2],
      [250, 4],
    ]);
  });

  it.each([
    [60, 4_393_125_000],
    [300, 21_965_625_000],
  ])("turns NetworkIn/Out bytes per %i s period into bits/s and a % of the baseline", async (period, bytesOut) => {
    const { deps, metrics } = setup(4);
    // 781 Mbit/s baseline (c6i.large); NetworkOut = 0.75 × baseline → 75 %, NetworkIn lower.
    metrics.set({ namespace: "AWS/EC2", metricName: "NetworkOut", stat: "Average", points: pts(bytesOut) });
    metrics.set({ namespace: "AWS/EC2", metricName: "NetworkIn", stat: "Average", points: pts(bytesOut / 3) });
    const o = await observeCluster(
      deps,
      cluster({ scaling: { metricPeriodSeconds: period as 60 | 300, lookbackSeconds: 900, staleAfterSeconds: 900 } }),
    );
    const bw = o.signals.find((s) => s.id === "bandwidth")!;
    expect(bw.points).toHaveLength(1);
    expect(bw.points[0]!.v).toBeCloseTo(75, 9);
    expect(bw.unit).toBe("%");
    expect(bw.target).toBe(60);
  });

  it("uses signals.bandwidth.baselineGbps over the instance type's baseline", async () => {
    const { deps, metrics } = setup(2);
    metrics.set({ namespace: "AWS/EC2", metricName: "NetworkIn", stat: "Average", points: pts(7_500_000_000) });
    metrics.set({ namespace: "AWS/EC2", metricName: "NetworkOut", stat: "Average", points: pts(0) });
    const o = await observeCluster(deps, cluster({ signals: { bandwidth: { baselineGbps: 2 } } }));
    // 7.5 GB per minute = 1 Gbit/s of a 2 Gbit/s baseline.
    expect(o.signals.find((s) => s.id === "bandwidth")!.points[0]!.v).toBeCloseTo(50, 9);
  });

  it("averages the baseline over serving instances of mixed types", async () => {
    const { deps, metrics, fleet } = setup(2, "c6i.large");
    fleet.groups.get("dp-prod")!.instances.push({
      instanceId: "i-x",
      lifecycleState: "InService",
      healthStatus: "Healthy",
      instanceType: "c6i.xlarge",
    });
    // mean baseline = (781 + 781 + 1562) / 3 = 1041.33 Mbit/s; 0.5 of it per node.
    const bytes = (1_041_333_333.33 * 0.5 * 60) / 8;
    metrics.set({ namespace: "AWS/EC2", metricName: "NetworkIn", stat: "Average", points: pts(bytes) });
    metrics.set({ namespace: "AWS/EC2", metricName: "NetworkOut", stat: "Average", points: pts(bytes) });
    const o = await observeCluster(deps, cluster());
    expect(o.signals.find((s) => s.id === "bandwidth")!.points[0]!.v).toBeCloseTo(50, 4);
  });

  it("keeps bandwidth missing (and says why) when no baseline is known", async () => {
    const { deps, metrics } = setup(2, "x9z.mystery");
    metrics.set({ namespace: "AWS/EC2", metricName: "NetworkIn", stat: "Average", points: pts(1e9) });
    metrics.set({ namespace: "AWS/EC2", metricName: "NetworkOut", stat: "Average", points: pts(1e9) });
    const r = await observeClusterDetailed(deps, cluster());
    expect(r.observation.signals.find((s) => s.id === "bandwidth")!.points).toEqual([]);
    expect(r.notes).toEqual([
      "bandwidth: baseline bandwidth unknown for x9z.mystery: set signals.bandwidth.baselineGbps",
    ]);
  });

  it("keeps no data apart from zero", async () => {
    const { deps, metrics } = setup(3);
    metrics.set({ namespace: "AWS/EC2", metricName: "CPUUtilization", stat: "Average", points: pts(0, 0) });
    // NetworkIn has data but NetworkOut has none: the larger of the two is unknown.
    metrics.set({ namespace: "AWS/EC2", metricName: "NetworkIn", stat: "Average", points: pts(1000) });
    const o = await observeCluster(deps, cluster());
    expect(o.signals.find((s) => s.id === "cpu")!.points.map((p) => p.v)).toEqual([0, 0]);
    expect(o.signals.find((s) => s.id === "bandwidth")!.points).toEqual([]);
    expect(o.recentRecommendations).toEqual([]);
  });

  it("divides a cluster-total request count by the period and the nodes in service", async () => {
    const { deps, metrics } = setup(4);
    const spec = {
      namespace: "AWS/ApplicationELB",
      metricName: "RequestCount",
      dimensions: { LoadBalancer: "app/dp/1" },
      stat: "Sum",
    };
    metrics.set({ ...spec, points: pts(240_000) });
    const o = await observeCluster(deps, cluster({ signals: { requestRate: { metric: spec, targetPerNode: 800 } } }));
    // 240,000 requests per minute = 4,000/s over 4 nodes = 1,000/s per node.
    expect(o.signals.find((s) => s.id === "request-rate")).toEqual({
      id: "request-rate",
      unit: "req/s",
      target: 800,
      points: pts(1000),
      nodesMeasured: 4,
    });
  });

  it("handles custom signals: per-node as reported, cluster-total divided, Sum per second", async () => {
    const { deps, metrics } = setup(5);
    metrics.set({ namespace: "APISIX", metricName: "conns", stat: "Average", points: pts(900) });
    metrics.set({ namespace: "APISIX", metricName: "bytes", stat: "Sum", points: pts(3_000_000) });
    const o = await observeCluster(
      deps,
      cluster({
        signals: {
          custom: [
            { id: "conns", metric: { namespace: "APISIX", metricName: "conns" }, target: 1000, unit: "conns" },
            {
              id: "total-bytes",
              metric: { namespace: "APISIX", metricName: "bytes", stat: "Sum" },
              aggregation: "cluster-total",
              target: 20_000,
            },
          ],
        },
      }),
    );
    expect(o.signals.find((s) => s.id === "conns")).toMatchObject({
      points: pts(900),
      nodesMeasured: 5,
      unit: "conns",
    });
    // 3,000,000 per minute = 50,000/s over 5 nodes = 10,000/s per node.
    expect(o.signals.find((s) => s.id === "total-bytes")).toMatchObject({ points: pts(10_000), nodesMeasured: 5 });
  });

  it("keeps a cluster total whole when no node is in service, so the proposal is total ÷ target", async () => {
    const { deps, metrics } = setup(0);
    const spec = { namespace: "AWS/ApplicationELB", metricName: "RequestCount", stat: "Sum" };
    metrics.set({ ...spec, points: pts(60_000) });
    const o = await observeCluster(deps, cluster({ signals: { requestRate: { metric: spec, targetPerNode: 400 } } }));
    expect(o.signals.find((s) => s.id === "request-rate")).toMatchObject({ points: pts(1000), nodesMeasured: 1 });
    expect(o.signals.find((s) => s.id === "cpu")!.nodesMeasured).toBe(0);
  });

  it("feeds the guardrails: aggregate throughput in bits/s and both latencies", async () => {
    const { deps, metrics } = setup(4);
    metrics.set({
      namespace: "AWS/EC2",
      metricName: "NetworkIn",
      stat: "Sum",
      dimensions: ASG,
      points: pts(30e9, 15e9),
    });
    metrics.set({
      namespace: "AWS/EC2",
      metricName: "NetworkOut",
      stat: "Sum",
      dimensions: ASG,
      points: pts(36e9, 7.5e9),
    });
    metrics.set({ namespace: "APISIX", metricName: "up", stat: "p95", points: pts(620) });
    metrics.set({ namespace: "APISIX", metricName: "gw", stat: "p95", points: pts(12) });
    const o = await observeCluster(
      deps,
      cluster({
        guardrails: {
          bandwidthCeiling: { ceilingGbps: 5 },
          upstreamLatency: {
            upstream: { namespace: "APISIX", metricName: "up", stat: "p95" },
            gateway: { namespace: "APISIX", metricName: "gw", stat: "p95" },
            upstreamThresholdMs: 500,
            gatewayThresholdMs: 50,
          },
        },
      }),
    );
    // 36 GB per minute = 4.8 Gbit/s; 15 GB per minute = 2 Gbit/s.
    expect(o.guardrailInputs.aggregateThroughputBps!.map((p) => p.v)).toEqual([4.8e9, 2e9]);
    expect(o.guardrailInputs.upstreamLatencyMs).toEqual(pts(620));
    expect(o.guardrailInputs.gatewayLatencyMs).toEqual(pts(12));
  });

  it("leaves unconfigured guardrail inputs out", async () => {
    const { deps } = setup();
    expect((await observeCluster(deps, cluster())).guardrailInputs).toEqual({});
  });

  it("reads its own RecommendedCapacity back, and the pause and breaker tags", async () => {
    const { deps, metrics, fleet } = setup();
    metrics.set({
      namespace: "DPAutoscaler",
      metricName: "RecommendedCapacity",
      stat: "Maximum",
      dimensions: { Cluster: "prod" },
      points: pts(6, 5),
    });
    const g = fleet.groups.get("dp-prod")!;
    g.tags[PAUSE_TAG] = encodePause({ by: "alice", reason: "load test", since: NOW - 5 * MIN });
    g.tags[BREAKER_TAG] = encodeBreaker({
      open: true,
      abandons: [NOW - 2 * MIN],
      openedAt: NOW - MIN,
      lastReason: "etcd unreachable",
    });
    const o = await observeCluster(deps, cluster());
    expect(o.recentRecommendations).toEqual(pts(6, 5));
    expect(o.paused).toEqual({ paused: true, by: "alice", reason: "load test", since: NOW - 5 * MIN });
    expect(o.breaker).toMatchObject({ open: true, openedAt: NOW - MIN, lastReason: "etcd unreachable" });
  });

  it("rejects with GroupNotFoundError when the group does not exist", async () => {
    const { deps } = setup();
    await expect(observeCluster(deps, cluster({ autoScalingGroupName: "gone" }))).rejects.toBeInstanceOf(
      GroupNotFoundError,
    );
  });
});
