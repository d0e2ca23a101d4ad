/**
 * Fuzzing the pure decision with inputs the property tests (`test/unit/domain/decide.property.test.ts`) keep tidy:
 * observation files mutated from the example and checked by `observationSchema` (what `dp-autoscaler decide`
 * accepts), and observations as the ports could build them — negative, huge, tiny and fractional values, NaN and
 * ±Infinity from a buggy metric source, unsorted points, duplicate signals, a desired size outside the group's
 * bounds. decide() must never throw and must always answer a whole, bounded size; `formatDecision` must print it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ClusterConfig, deploymentConfigSchema } from "../../shared/config/schema.ts";
import { decide } from "../../shared/domain/decide.ts";
import type { Decision } from "../../shared/domain/decision.ts";
import { formatDecision } from "../../shared/domain/explain.ts";
import type { NodeView, Observation, Point } from "../../shared/domain/observation.ts";
import { observationSchema } from "../../shared/domain/observation-schema.ts";
import { ensure } from "./support/ensure.ts";
import { readJson } from "./support/fixtures.ts";
import { mutatedFrom } from "./support/mutate.ts";
import { fuzzParams } from "./support/runs.ts";

const EXAMPLE_OBS = readJson("docs/examples/observation.json") as Observation;
const NOW = EXAMPLE_OBS.observedAt;
const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dp-prod/0123456789abcdef";

const CLUSTERS: ClusterConfig[] = [
  deploymentConfigSchema.parse(readJson("docs/examples/config.json")).clusters[0]!,
  deploymentConfigSchema.parse({
    clusters: [
      {
        name: "prod",
        autoScalingGroupName: "dp-prod",
        targetGroupArns: [TG],
        minNodes: 0,
        maxNodes: 1000,
        signals: {
          bandwidth: { enabled: false },
          custom: [{ id: "queue", metric: { namespace: "N", metricName: "Q" }, target: 0.001 }],
        },
        scaling: { tolerance: 0, leadTimeSeconds: 1800, scaleIn: { stabilisationSeconds: 0 } },
      },
    ],
  }).clusters[0]!,
];

/** The bounds every non-frozen decision must respect (see the property test for why min(L, U)). */
function checkDecision(c: ClusterConfig, o: Observation, d: Decision): void {
  ensure(Number.isSafeInteger(d.desired), `desired ${d.desired} is not a whole number`);
  ensure(Number.isSafeInteger(d.currentDesired) && d.currentDesired === o.group.desired, "current is the group's");
  const expected = d.desired > d.currentDesired ? "scale-out" : d.desired < d.currentDesired ? "scale-in" : "hold";
  ensure(d.action === expected, `action ${d.action} for ${d.currentDesired} → ${d.desired}`);
  ensure(typeof d.summary === "string" && d.summary.length > 0, "a summary");
  const frozen = o.paused.paused || o.breaker.open;
  if (frozen) {
    ensure(d.desired === d.currentDesired, "a frozen cluster keeps its size");
  } else {
    const upper = Math.min(c.maxNodes, o.group.max, c.controlPlane.maxDataPlanes ?? Number.POSITIVE_INFINITY);
    const lower = Math.min(Math.max(c.minNodes, o.group.min), upper);
    ensure(d.desired >= lower && d.desired <= upper, `desired ${d.desired} outside [${lower}, ${upper}]`);
  }
  ensure(formatDecision(d).length > 0, "the decision prints");
}

/** Values a metric source could hand over: CloudWatch's (finite) and a broken adapter's (NaN, ±Infinity). */
const metricValue = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 5e-324) },
);
const pointsArb: fc.Arbitrary<Point[]> = fc
  .array(fc.record({ agoS: fc.integer({ min: -600, max: 3600 }), v: metricValue }), { maxLength: 12 })
  .chain((raw) =>
    fc.boolean().map((sorted) => {
      const points = raw.map((p) => ({ t: NOW - p.agoS * 1000, v: p.v }));
      // Mostly ascending as the port promises; sometimes not, to see that nothing breaks.
      return sorted ? points.sort((a, b) => a.t - b.t) : points;
    }),
  );
const seriesArb = fc.record({
  id: fc.constantFrom("cpu", "bandwidth", "request-rate", "queue", "unknown", ""),
  unit: fc.constantFrom("%", "req/s", "", "<!channel>"),
  target: fc.oneof(fc.double({ min: -10, max: 200, noNaN: true }), fc.constantFrom(0, Number.NaN, 1e-300)),
  points: pointsArb,
  nodesMeasured: fc.oneof(fc.integer({ min: -2, max: 2000 }), fc.constantFrom(0.5, Number.NaN, 1e9)),
});
const instancesArb: fc.Arbitrary<NodeView[]> = fc.array(
  fc.record({
    instanceId: fc.string({ maxLength: 20 }),
    lifecycleState: fc.constantFrom(
      "InService",
      "Pending",
      "Pending:Wait",
      "Pending:Proceed",
      "Terminating",
      "Terminating:Wait",
      "Standby",
      "Warmed:Running",
      "",
    ),
    healthStatus: fc.constantFrom("Healthy" as const, "Unhealthy" as const),
  }),
  { maxLength: 60 },
);
const rawObservation: fc.Arbitrary<Observation> = fc
  .record({
    desired: fc.integer({ min: 0, max: 1200 }),
    min: fc.integer({ min: 0, max: 1200 }),
    max: fc.integer({ min: 0, max: 1200 }),
    instances: instancesArb,
    signals: fc.array(seriesArb, { maxLength: 5 }),
    throughput: fc.option(pointsArb, { nil: undefined }),
    upstream: fc.option(pointsArb, { nil: undefined }),
    gateway: fc.option(pointsArb, { nil: undefined }),
    paused: fc.boolean(),
    open: fc.boolean(),
    recs: pointsArb,
  })
  .map((r) => ({
    cluster: "prod",
    observedAt: NOW,
    group: { name: "dp-prod", desired: r.desired, min: r.min, max: r.max, instances: r.instances },
    signals: r.signals,
    guardrailInputs: {
      aggregateThroughputBps: r.throughput,
      upstreamLatencyMs: r.upstream,
      gatewayLatencyMs: r.gateway,
    },
    paused: { paused: r.paused && r.desired % 7 === 0 },
    breaker: { open: r.open && r.desired % 11 === 0, abandons: [] },
    recentRecommendations: r.recs,
  }));

describe("fuzz: decide()", () => {
  it("observation files that pass the schema always get a whole, bounded decision that prints", () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...CLUSTERS),
        mutatedFrom({ example: EXAMPLE_OBS }, 3).map((c) => c.value),
        (cluster, value) => {
          const parsed = observationSchema.safeParse(value);
          if (!parsed.success) return;
          accepted++;
          checkDecision(cluster, parsed.data, decide(cluster, parsed.data, parsed.data.observedAt));
        },
      ),
      fuzzParams("decideObservations"),
    );
    expect(accepted).toBeGreaterThan(200);
  });

  it("observations with odd numbers (negative, huge, NaN, ±Infinity, unsorted) never crash it or leave the bounds", () => {
    fc.assert(
      fc.property(fc.constantFrom(...CLUSTERS), rawObservation, (cluster, o) =>
        checkDecision(cluster, o, decide(cluster, o, NOW)),
      ),
      fuzzParams("decideObservations"),
    );
  });
});
