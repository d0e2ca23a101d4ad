/**
 * The built-in scenarios (`dp-autoscaler scenarios`). Each is a scenario document as a user would write it in JSON;
 * every one is validated by `scenarioSchema` when loaded, and every one runs in the tests with the invariants checked.
 * Trace windows, scale factors and bytes per request are stated here and repeated in every run's notes.
 */
import type { ClusterConfigInput } from "../../shared/config/schema.ts";
import type { ScenarioInput } from "./schema.ts";

const TARGET_GROUP = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp-edge/6d0ecf831eec9f09";

/** The cluster every built-in starts from: API7 readiness, CPU and bandwidth signals, 2..20 nodes. */
function edgeCluster(overrides: Partial<ClusterConfigInput> = {}): ClusterConfigInput {
  return {
    name: "edge",
    autoScalingGroupName: "dp-edge-asg",
    targetGroupArns: [TARGET_GROUP],
    minNodes: 2,
    maxNodes: 20,
    ...overrides,
  };
}

export const BUILTIN_SCENARIOS: readonly ScenarioInput[] = [
  {
    name: "nasa-launch-day",
    description:
      "NASA Kennedy Space Center web traffic on 1995-07-13, the day of the STS-70 launch: a quiet night, a sharp " +
      "morning peak (405 requests/min at 09:49 local), scaled ×6000 to a gateway fleet (peak ≈ 40k req/s).",
    seed: 1995,
    traffic: {
      source: "trace",
      trace: "nasa-1995",
      window: { start: "1995-07-13T00:00", durationMinutes: 1440 },
      scale: 6000,
      requestBytes: 1024,
      responseBytes: 8192,
    },
    cluster: edgeCluster(),
  },
  {
    name: "wc98-final-week",
    description:
      "The 1998 World Cup web site in its final week (1998-07-06 → 07-13 GMT: both semi-finals, the third-place " +
      "match, the final): match-time peaks 15× the mean, scaled ×50 (peak ≈ 190k req/s) onto c6i.2xlarge nodes.",
    seed: 1998,
    traffic: {
      source: "trace",
      trace: "wc98",
      window: { start: "1998-07-06T00:00Z", durationMinutes: 10_080 },
      scale: 50,
      requestBytes: 1024,
      responseBytes: 8192,
    },
    cluster: edgeCluster({ maxNodes: 40 }),
    nodes: { instanceType: "c6i.2xlarge", capacityRps: 16_000 },
  },
  {
    name: "flash-crowd",
    description:
      "A synthetic flash crowd: 8k req/s, then ten times that within 3 minutes, a 20-minute plateau and an hour of " +
      "decay. How fast does each policy catch up, and how fast does it let go?",
    seed: 42,
    traffic: {
      source: "synthetic",
      shape: "flash-crowd",
      baseRps: 8000,
      peakRps: 80_000,
      atMinute: 60,
      riseMinutes: 3,
      holdMinutes: 20,
      decayMinutes: 60,
      durationMinutes: 240,
    },
    cluster: edgeCluster(),
  },
  {
    name: "upstream-bottleneck",
    description:
      "Demand ramps from 10k to 60k req/s, but the upstream saturates at 30k req/s and collapses beyond it. More " +
      "gateway nodes only push more load into a saturated upstream; the upstream-latency guardrail should stop " +
      "scale-out while the gateway itself is fine.",
    seed: 7,
    traffic: {
      source: "synthetic",
      shape: "ramp",
      fromRps: 10_000,
      toRps: 60_000,
      holdMinutes: 30,
      rampMinutes: 90,
      durationMinutes: 180,
    },
    cluster: edgeCluster({
      guardrails: {
        upstreamLatency: {
          upstream: {
            namespace: "APISIX",
            metricName: "UpstreamLatencyP95",
            dimensions: { Cluster: "edge" },
            stat: "Average",
          },
          gateway: {
            namespace: "APISIX",
            metricName: "GatewayLatencyP95",
            dimensions: { Cluster: "edge" },
            stat: "Average",
          },
          upstreamThresholdMs: 200,
          gatewayThresholdMs: 50,
        },
      },
    }),
    upstream: { capacityRps: 30_000, baseLatencyMs: 25, collapse: 1 },
    slo: { latencyP95Ms: 1000, maxUnservedPct: 0.1 },
  },
  {
    name: "bandwidth-bound",
    description:
      "Large responses (256 KiB, e.g. media or downloads) from 400 to 3k req/s: each node runs out of network " +
      "bandwidth (c6i.xlarge baseline 1.56 Gbps) long before CPU (under 15 %). Scaling on CPU alone never reacts.",
    seed: 11,
    traffic: {
      source: "synthetic",
      shape: "diurnal",
      minRps: 400,
      maxRps: 3000,
      periodMinutes: 720,
      peakAtMinute: 360,
      durationMinutes: 720,
      requestBytes: 2048,
      responseBytes: 262_144,
    },
    cluster: edgeCluster(),
  },
  {
    name: "cp-outage",
    description:
      "A control-plane outage of 20 minutes in the middle of a ramp from 10k to 50k req/s (API7: every node's " +
      "/status/ready turns 503; new nodes cannot start). Nodes launched during the outage never become ready; the " +
      "CP-outage breaker should freeze scaling instead of churning the fleet, and scaling resumes after.",
    seed: 3,
    traffic: {
      source: "synthetic",
      shape: "ramp",
      fromRps: 10_000,
      toRps: 50_000,
      holdMinutes: 20,
      rampMinutes: 80,
      durationMinutes: 180,
    },
    cluster: edgeCluster({ readiness: { mode: "api7", deadlineSeconds: 300 } }),
    controlPlane: { outages: [{ atMinute: 50, durationMinutes: 20 }] },
  },
  {
    name: "autothrottle-bursty",
    description:
      "One hour of the per-second 'bursty' trace of microsoft/autothrottle (Twitter-derived), scaled ×150: bursts " +
      "from 12k to 60k req/s within seconds, shorter than a CloudWatch minute.",
    seed: 2024,
    traffic: { source: "trace", trace: "autothrottle-bursty", scale: 150, requestBytes: 1024, responseBytes: 8192 },
    cluster: edgeCluster(),
  },
  {
    name: "faults-mix",
    description:
      "A flash crowd behind an NLB (registration 90–180 s) with everything going wrong at once: 20 % of lifecycle " +
      "events lost, 20 % duplicated, 1 % of AWS calls throttled (after the SDK’s retries), 10 % of nodes never ready, Slack down, and 10 " +
      "minutes without CloudWatch datapoints.",
    seed: 99,
    traffic: {
      source: "synthetic",
      shape: "flash-crowd",
      baseRps: 10_000,
      peakRps: 50_000,
      atMinute: 40,
      riseMinutes: 10,
      holdMinutes: 30,
      decayMinutes: 40,
      durationMinutes: 180,
    },
    cluster: edgeCluster({ readiness: { mode: "api7", waitForHealthy: false } }),
    loadBalancer: { type: "nlb" },
    faults: {
      lostEventRate: 0.2,
      duplicatedEventRate: 0.2,
      apiThrottlingRate: 0.01,
      neverReadyFraction: 0.1,
      slackDown: true,
      metricGaps: [{ atMinute: 120, durationMinutes: 10 }],
    },
  },
];

export const DEFAULT_SCENARIO = "nasa-launch-day";
