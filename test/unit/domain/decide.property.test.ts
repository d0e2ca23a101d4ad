/**
 * Invariants of decide() over random clusters and observations (fast-check). Bounds: U = min(maxNodes, ASG max,
 * CP capacity), L = max(minNodes, ASG min).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ClusterConfig, clusterConfigSchema } from "../../../shared/config/schema.ts";
import { decide } from "../../../shared/domain/decide.ts";
import type { NodeView, Observation, Point, SignalSeries } from "../../../shared/domain/observation.ts";
import { NOW, TG } from "./builders.ts";

const BASE = clusterConfigSchema.parse({ name: "prop", autoScalingGroupName: "dp-prop", targetGroupArns: [TG] });
const metric = (metricName: string) => ({ namespace: "N", metricName, dimensions: {}, stat: "Average" });
const LATENCY = {
  upstream: metric("up"),
  gateway: metric("gw"),
  upstreamThresholdMs: 500,
  gatewayThresholdMs: 50,
  bothHighMaxStepNodes: 1,
};

/**
 * A number in [min, max] at a resolution of (max − min) / 10⁶. (fc.double is uniform over the float representations,
 * so nearly all its values would sit near zero — far from the targets and the tolerance band's edges.)
 */
const real = (min: number, max: number): fc.Arbitrary<number> =>
  fc.integer({ min: 0, max: 1_000_000 }).map((i) => min + ((max - min) * i) / 1_000_000);

const clusterArb: fc.Arbitrary<ClusterConfig> = fc
  .record({
    minNodes: fc.integer({ min: 0, max: 6 }),
    extra: fc.integer({ min: 0, max: 30 }),
    cpExtra: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    cpu: fc.boolean(),
    bandwidth: fc.boolean(),
    period: fc.constantFrom(60 as const, 300 as const),
    staleExtra: fc.integer({ min: 0, max: 600 }),
    tolerance: real(0, 0.5),
    lead: fc.integer({ min: 0, max: 600 }),
    outNodes: fc.integer({ min: 1, max: 6 }),
    outPct: fc.integer({ min: 0, max: 200 }),
    inNodes: fc.integer({ min: 1, max: 3 }),
    inPct: fc.integer({ min: 0, max: 50 }),
    window: fc.integer({ min: 0, max: 600 }),
    ceiling: fc.option(real(0.5, 20), { nil: undefined }),
    latency: fc.boolean(),
  })
  .map(
    (r): ClusterConfig => ({
      // Built by spreading one parsed config (zod per run would dominate the run time); the arbitraries keep every
      // field within the schema's rules.
      ...BASE,
      minNodes: r.minNodes,
      maxNodes: Math.max(1, r.minNodes + r.extra),
      controlPlane: {
        ...BASE.controlPlane,
        maxDataPlanes: r.cpExtra === undefined ? undefined : Math.max(1, r.minNodes + r.cpExtra),
      },
      signals: {
        ...BASE.signals,
        cpu: { enabled: r.cpu || !r.bandwidth, targetPercent: 70 },
        bandwidth: { enabled: r.bandwidth, targetPercent: 60 },
      },
      scaling: {
        ...BASE.scaling,
        metricPeriodSeconds: r.period,
        staleAfterSeconds: 2 * r.period + r.staleExtra,
        tolerance: r.tolerance,
        leadTimeSeconds: r.lead,
        scaleOut: { maxStepNodes: r.outNodes, maxStepPercent: r.outPct },
        scaleIn: { maxStepNodes: r.inNodes, maxStepPercent: r.inPct, stabilisationSeconds: r.window },
      },
      guardrails: {
        bandwidthCeiling: r.ceiling === undefined ? undefined : { ceilingGbps: r.ceiling, thresholdPercent: 90 },
        upstreamLatency: r.latency ? LATENCY : undefined,
      },
    }),
  );

/** 0–8 points one minute apart (some irregular), the newest up to 15 min old: fresh or stale. */
const pointsArb = (maxV: number): fc.Arbitrary<Point[]> =>
  fc
    .record({
      // Half the values near the targets, where the tolerance band's edges are.
      values: fc.array(fc.oneof(real(0, maxV), real(40, 100)), { maxLength: 8 }),
      // Mostly fresh (CloudWatch's newest point is 1–3 min old), sometimes stale.
      newestAgeS: fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: 0, max: 240 }) },
        fc.integer({ min: 0, max: 900 }),
      ),
      jitterS: fc.integer({ min: 0, max: 30 }),
    })
    .map(({ values, newestAgeS, jitterS }) =>
      values.map((v, i) => ({ t: NOW - newestAgeS * 1000 - (values.length - 1 - i) * (60 + jitterS) * 1000, v })),
    );

const seriesArb = (id: string, target: number): fc.Arbitrary<SignalSeries> =>
  fc.record({
    id: fc.constant(id),
    unit: fc.constant("%"),
    target: fc.constant(target),
    points: pointsArb(300),
    nodesMeasured: fc.integer({ min: 0, max: 40 }),
  });

const instancesArb: fc.Arbitrary<NodeView[]> = fc
  .record({
    inService: fc.integer({ min: 0, max: 40 }),
    launching: fc.integer({ min: 0, max: 3 }),
    terminating: fc.integer({ min: 0, max: 2 }),
  })
  .map(({ inService, launching, terminating }) => {
    const out: NodeView[] = [];
    const add = (n: number, state: string) => {
      for (let i = 0; i < n; i++)
        out.push({ instanceId: `i-${state}-${i}`, lifecycleState: state, healthStatus: "Healthy" });
    };
    add(inService, "InService");
    add(launching, "Pending");
    add(terminating, "Terminating");
    return out;
  });

const observationArb: fc.Arbitrary<Observation> = fc
  .record({
    desired: fc.integer({ min: 0, max: 45 }),
    asgMin: fc.integer({ min: 0, max: 4 }),
    asgMax: fc.integer({ min: 1, max: 60 }),
    instances: instancesArb,
    cpu: fc.option(seriesArb("cpu", 70), { nil: undefined, freq: 5 }),
    bandwidth: fc.option(seriesArb("bandwidth", 60), { nil: undefined, freq: 5 }),
    throughput: pointsArb(20e9),
    upstream: pointsArb(1000),
    gateway: pointsArb(100),
    paused: fc.boolean(),
    pausedBias: fc.integer({ min: 0, max: 9 }),
    open: fc.boolean(),
    openBias: fc.integer({ min: 0, max: 9 }),
    recs: fc.array(fc.record({ agoS: fc.integer({ min: -60, max: 700 }), v: fc.integer({ min: 0, max: 50 }) }), {
      maxLength: 6,
    }),
  })
  .map((r) => ({
    cluster: "prop",
    observedAt: NOW,
    group: { name: "dp-prop", desired: r.desired, min: r.asgMin, max: r.asgMax, instances: r.instances },
    signals: [r.cpu, r.bandwidth].filter((s): s is SignalSeries => s !== undefined),
    guardrailInputs: {
      aggregateThroughputBps: r.throughput,
      upstreamLatencyMs: r.upstream,
      gatewayLatencyMs: r.gateway,
    },
    // Paused / breaker open one time in ten each, so most runs exercise the other rules.
    paused: { paused: r.paused && r.pausedBias === 0 },
    breaker: { open: r.open && r.openBias === 0, abandons: [] },
    recentRecommendations: r.recs.map(({ agoS, v }) => ({ t: NOW - agoS * 1000, v })).sort((a, b) => a.t - b.t),
  }));

function upperBound(c: ClusterConfig, o: Observation): number {
  return Math.min(c.maxNodes, o.group.max, c.controlPlane.maxDataPlanes ?? Number.POSITIVE_INFINITY);
}
function lowerBound(c: ClusterConfig, o: Observation): number {
  return Math.max(c.minNodes, o.group.min);
}
const frozen = (o: Observation) => o.paused.paused || o.breaker.open;

/** Independently of decide(): does a configured signal lack usable data? */
function anySignalMissing(c: ClusterConfig, o: Observation): boolean {
  const ids = [c.signals.cpu.enabled ? "cpu" : "", c.signals.bandwidth.enabled ? "bandwidth" : ""].filter(Boolean);
  return ids.some((id) => {
    const s = o.signals.find((x) => x.id === id);
    if (s === undefined || s.points.length === 0 || s.nodesMeasured <= 0) return true;
    return NOW - s.points[s.points.length - 1]!.t > c.scaling.staleAfterSeconds * 1000;
  });
}

/** Ways to give one signal more load: scale every point, add to every point, or raise the newest. */
const moreLoadArb = fc.record({
  which: fc.nat(),
  kind: fc.constantFrom("scale", "add", "newest"),
  amount: fc.oneof(real(0, 15), real(0, 200)),
});
function withMoreLoad(o: Observation, m: { which: number; kind: string; amount: number }): Observation {
  if (o.signals.length === 0) return o;
  const idx = m.which % o.signals.length;
  const signals = o.signals.map((s, i) => {
    if (i !== idx) return s;
    const last = s.points.length - 1;
    const points = s.points.map((p, j) => {
      if (m.kind === "scale") return { t: p.t, v: p.v * (1 + m.amount / 100) };
      if (m.kind === "add") return { t: p.t, v: p.v + m.amount };
      return j === last ? { t: p.t, v: p.v + m.amount } : p;
    });
    return { ...s, points };
  });
  return { ...o, signals };
}

const RUNS = 1500;

describe("decide() invariants", () => {
  it("keeps desired within [min(L, U), U] unless frozen; within [minNodes, min(maxNodes, CP)] when the ASG's bounds are wider", () => {
    fc.assert(
      fc.property(clusterArb, observationArb, (c, o) => {
        const d = decide(c, o, NOW);
        if (frozen(o)) return;
        const u = upperBound(c, o);
        expect(d.desired).toBeLessThanOrEqual(u);
        expect(d.desired).toBeGreaterThanOrEqual(Math.min(lowerBound(c, o), u));
        const cfgUpper = Math.min(c.maxNodes, c.controlPlane.maxDataPlanes ?? Number.POSITIVE_INFINITY);
        if (o.group.min <= c.minNodes && o.group.max >= cfgUpper) {
          expect(d.desired).toBeGreaterThanOrEqual(c.minNodes);
          expect(d.desired).toBeLessThanOrEqual(cfgUpper);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("never changes desired when paused or when the control-plane breaker is open", () => {
    fc.assert(
      fc.property(clusterArb, observationArb, fc.boolean(), (c, o, pause) => {
        const frozenObs = pause ? { ...o, paused: { paused: true } } : { ...o, breaker: { open: true, abandons: [] } };
        const d = decide(c, frozenObs, NOW);
        expect(d.desired).toBe(o.group.desired);
        expect(d.action).toBe("hold");
        expect(d.guardrails).toHaveLength(1);
        expect(d.guardrails[0]!.name).toBe(frozenObs.paused.paused ? "paused" : "control-plane-outage");
      }),
      { numRuns: RUNS / 4 },
    );
  });

  it("never yields fewer nodes for more load on any signal", () => {
    fc.assert(
      fc.property(clusterArb, observationArb, moreLoadArb, (c, o, m) => {
        const base = decide(c, o, NOW);
        const more = decide(c, withMoreLoad(o, m), NOW);
        expect(more.recommended).toBeGreaterThanOrEqual(base.recommended);
        expect(more.desired).toBeGreaterThanOrEqual(base.desired);
      }),
      { numRuns: RUNS },
    );
  });

  it("never scales in on missing data, unless above the upper bound", () => {
    fc.assert(
      fc.property(clusterArb, observationArb, (c, o) => {
        if (!anySignalMissing(c, o)) return;
        const d = decide(c, o, NOW);
        expect(d.desired).toBeGreaterThanOrEqual(Math.min(o.group.desired, upperBound(c, o)));
      }),
      { numRuns: RUNS },
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(clusterArb, observationArb, (c, o) => {
        expect(decide(c, structuredClone(o), NOW)).toEqual(decide(c, o, NOW));
      }),
      { numRuns: RUNS / 4 },
    );
  });
});
