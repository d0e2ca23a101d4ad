/**
 * A simulation scenario: the traffic, the cluster as deployed (the same `clusterConfigSchema` as the deployment), and
 * the world around it — DP nodes, load balancer, upstream, control plane, cloud timings, faults, SLO. Published as JSON
 * Schema in `docs/scenario.schema.json` (`npm run gen:schemas` or `sim/scenario/json-schema.ts`; a test fails when
 * it is stale) and explained in `docs/scenarios.md`. Defaults come from `docs/reference/` (AWS and gateway facts).
 */
import { z } from "zod";
import { clusterConfigSchema } from "../../shared/config/schema.ts";
import { trafficSpecSchema } from "../traffic/spec.ts";

/** A duration drawn per node from a log-normal with this median and 95th percentile. */
const durationSchema = z
  .object({
    medianSeconds: z.number().min(0).max(86_400),
    p95Seconds: z.number().min(0).max(86_400),
  })
  .strict()
  .refine((d) => d.p95Seconds >= d.medianSeconds, {
    message: "p95Seconds must be ≥ medianSeconds",
    path: ["p95Seconds"],
  });

/** A uniform draw in [min, max] seconds. */
const rangeSchema = z
  .object({ min: z.number().min(0).max(86_400), max: z.number().min(0).max(86_400) })
  .strict()
  .refine((r) => r.max >= r.min, { message: "max must be ≥ min", path: ["max"] });

/** A stretch of the run, in minutes from the start of the traffic. */
const windowSchema = z
  .object({
    atMinute: z.number().min(0).describe("Minutes after the traffic starts"),
    durationMinutes: z.number().positive(),
  })
  .strict();

export const nodeModelSchema = z
  .object({
    instanceType: z
      .string()
      .min(1)
      .default("c6i.xlarge")
      .describe("EC2 type; its baseline bandwidth comes from the fallback table unless baselineGbps is set"),
    capacityRps: z
      .number()
      .positive()
      .default(8000)
      .describe("Requests per second one node serves at 100 % CPU (API7: ≈10k QPS per vCPU without plugins)"),
    baselineGbps: z
      .number()
      .positive()
      .optional()
      .describe("Overrides the instance type's baseline bandwidth, per direction"),
    idleCpuPercent: z.number().min(0).max(50).default(3).describe("CPU of a node that serves nothing"),
    gatewayLatencyMs: z.number().min(0).default(1).describe("The gateway's own p95 latency when lightly loaded"),
    workers: z
      .number()
      .int()
      .min(1)
      .max(64)
      .default(4)
      .describe("nginx workers (they appear in the status API's 503 bodies)"),
    bootSeconds: durationSchema
      .default({ medianSeconds: 45, p95Seconds: 75 })
      .describe("Launch → gateway process started (EC2 boot ≈ 25–30 s plus user data)"),
    cpSyncSeconds: durationSchema
      .default({ medianSeconds: 4, p95Seconds: 15 })
      .describe("Process started → first full configuration from the CP (ready)"),
    cpConnectFailSeconds: z
      .number()
      .min(0)
      .default(30)
      .describe("With the CP unreachable at start the process exits after this long (API7: 3 heartbeats)…"),
    restartSeconds: z.number().min(0).default(10).describe("…and its service manager restarts it after this long"),
  })
  .strict();

/**
 * The health check every policy's target group gets by default: HTTP `/status/ready` on the status port, every 10 s,
 * 2 passes to turn healthy — what the vendor's guide recommends for load balancer checks of a DP node
 * (https://docs.api7.ai/api7-gateway/how-to-guides/ops/configure-readiness-probe) and what a competent operator sets.
 */
export const COMPETENT_HEALTH_CHECK = {
  protocol: "http",
  path: "status-ready",
  intervalSeconds: 10,
  healthyThreshold: 2,
  unhealthyThreshold: 2,
} as const;

/**
 * ELBv2's own defaults for a target group created without health-check settings (interval 30 s, 5 healthy /
 * 2 unhealthy; HTTP on the traffic port for an ALB, TCP for an NLB): the second, labelled variant of the comparison.
 */
export function elbDefaultHealthCheck(type: "alb" | "nlb"): LoadBalancerModel["healthCheck"] {
  return {
    protocol: type === "alb" ? "http" : "tcp",
    path: "traffic",
    intervalSeconds: 30,
    healthyThreshold: 5,
    unhealthyThreshold: 2,
  };
}

export const loadBalancerSchema = z
  .object({
    type: z.enum(["alb", "nlb"]).default("alb"),
    healthCheck: z
      .object({
        protocol: z.enum(["http", "tcp"]).default("http").describe("NLB target groups take HTTP checks too"),
        path: z
          .enum(["traffic", "status-ready"])
          .default("status-ready")
          .describe("http checks: a route on the traffic port (needs config) or the status API's /status/ready (7085)"),
        intervalSeconds: z.number().int().min(5).max(300).default(10),
        healthyThreshold: z.number().int().min(2).max(10).default(2),
        unhealthyThreshold: z.number().int().min(2).max(10).default(2),
      })
      .strict()
      .default(COMPETENT_HEALTH_CHECK)
      .describe(
        "Default: what a competent operator configures for a DP fleet (the vendor's guide: /status/ready on 7085), " +
          "10 s, 2 healthy / 2 unhealthy — not ELBv2's own defaults (elbDefaultHealthCheck)",
      ),
    registrationDelaySeconds: rangeSchema
      .optional()
      .describe("Register → first health check. Default: ALB 0–30 s, NLB 90–180 s"),
    deregistrationDelaySeconds: z.number().int().min(0).max(3600).default(300),
    albIdleDrainSeconds: z
      .number()
      .min(0)
      .default(30)
      .describe("An ALB ends draining early once connections are idle; NLB keeps flows for the full delay"),
    consistencyDelaySeconds: rangeSchema
      .default({ min: 0, max: 3 })
      .describe(
        "Right after RegisterTargets, DescribeTargetHealth still says `unused` for this long (eventual consistency)",
      ),
  })
  .strict();

export const upstreamSchema = z
  .object({
    capacityRps: z.number().positive().describe("Requests per second the upstream serves before it saturates"),
    baseLatencyMs: z.number().min(0).default(20).describe("Upstream p95 latency when lightly loaded"),
    collapse: z
      .number()
      .min(0)
      .max(10)
      .default(1)
      .describe("Beyond capacity, goodput = capacity / (1 + collapse × (load/capacity − 1)): more load, less served"),
  })
  .strict();

export const controlPlaneModelSchema = z
  .object({
    maxDataPlanes: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("DP nodes the CP really serves (default: the cluster's controlPlane.maxDataPlanes, else unlimited)"),
    outages: z.array(windowSchema).default([]).describe("The CP is unreachable (DP nodes cannot sync or start)"),
    slow: z
      .array(windowSchema.extend({ syncMultiplier: z.number().min(1).max(1000).default(10) }).strict())
      .default([])
      .describe("Configuration sync takes this many times longer"),
  })
  .strict();

export const faultsSchema = z
  .object({
    neverReadyFraction: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe("Nodes whose gateway never syncs (bad certificate, token)"),
    bootFailureFraction: z.number().min(0).max(1).default(0).describe("Nodes that never come up: probes time out"),
    slowSyncFraction: z.number().min(0).max(1).default(0),
    slowSyncSeconds: durationSchema.default({ medianSeconds: 300, p95Seconds: 900 }),
    apiThrottlingRate: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe("Fraction of the autoscaler's AWS calls that fail with Throttling (after the SDK's retries)"),
    slackDown: z.boolean().default(false).describe("Slack never answers: every notification runs into its deadline"),
    lostEventRate: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe("Lifecycle and alarm events lost (best-effort delivery)"),
    duplicatedEventRate: z.number().min(0).max(1).default(0).describe("Events delivered twice"),
    staleGroupReadRate: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe(
        "Fraction of the autoscaler's DescribeAutoScalingGroups answered stale: the group as it was up to staleGroupReadSeconds earlier",
      ),
    staleGroupReadSeconds: z.number().min(0).max(60).default(5).describe("How old a stale group read may be"),
    metricGaps: z.array(windowSchema).default([]).describe("CloudWatch receives no datapoints (agent or API trouble)"),
  })
  .strict();

export const cloudTimingSchema = z
  .object({
    asgReactionSeconds: rangeSchema
      .default({ min: 3, max: 10 })
      .describe("Desired changed → RunInstances / termination starts"),
    instanceRunningSeconds: z
      .number()
      .min(0)
      .default(15)
      .describe("EC2 pending → running (no launch hook: → InService)"),
    terminationSeconds: z.number().min(0).default(30).describe("Shutting down → terminated (billing ends)"),
    eventDelaySeconds: rangeSchema
      .default({ min: 1, max: 5 })
      .describe("EventBridge delivery of lifecycle and alarm events"),
    publicationDelaySeconds: rangeSchema
      .default({ min: 5, max: 45 })
      .describe(
        "A 1-minute datapoint becomes readable this long after its minute ends, drawn per datapoint (each instance's on its own delay); the baselines' alarms evaluate the minute at one such draw",
      ),
    lateDatapointFraction: z
      .number()
      .min(0)
      .max(1)
      .default(0.02)
      .describe("Instance datapoints that arrive late: lateDatapointSeconds after their minute ends instead"),
    lateDatapointSeconds: rangeSchema
      .default({ min: 60, max: 240 })
      .describe("How late a late instance datapoint arrives, after its minute ends"),
    missingDatapointFraction: z.number().min(0).max(1).default(0.001).describe("Instance datapoints that never arrive"),
    scheduleOffsetSeconds: z
      .number()
      .min(0)
      .max(59)
      .default(7)
      .describe("Second of the minute the 1-minute schedule fires"),
    apiCallMilliseconds: rangeSchema
      .default({ min: 0, max: 0 })
      .describe("How long each AWS API call of the autoscaler takes (Auto Scaling, EC2, ELBv2, CloudWatch)"),
    lambdaInitMilliseconds: rangeSchema
      .default({ min: 200, max: 400 })
      .describe("A cold start: a function's invocation that finds no warm container waits this long first"),
    lambdaIdleSeconds: z
      .number()
      .min(0)
      .max(86_400)
      .default(600)
      .describe("A container idle this long is gone; the next invocation starts cold"),
  })
  .strict();

export const sloSchema = z
  .object({
    latencyP95Ms: z
      .number()
      .positive()
      .default(500)
      .describe("A minute whose p95 latency is above this is an overload minute"),
    maxUnservedPct: z
      .number()
      .min(0)
      .max(100)
      .default(0.1)
      .describe("A minute with more than this % of requests unserved is an overload minute"),
  })
  .strict();

export const policyParamsSchema = z
  .object({
    static: z
      .object({ nodes: z.number().int().min(0).optional().describe("Default: enough for the peak at the CPU target") })
      .strict()
      .default({}),
    targetTracking: z
      .object({
        warmupSeconds: z.number().int().min(0).max(3600).default(300),
        /** AWS's low alarm sits at ~0.7 × target for EC2 Auto Scaling. */
        lowThresholdFactor: z.number().gt(0).max(1).default(0.7),
        scaleInStepPercent: z
          .number()
          .gt(0)
          .max(100)
          .default(10)
          .describe(
            "One scale-in action removes at most this % of the capacity (at least 1 node): AWS documents only that " +
              "target tracking scales in 'more gradually'; 100 = all at once",
          ),
      })
      .strict()
      .default({ warmupSeconds: 300, lowThresholdFactor: 0.7, scaleInStepPercent: 10 }),
    step: z
      .object({ warmupSeconds: z.number().int().min(0).max(3600).default(300) })
      .strict()
      .default({ warmupSeconds: 300 }),
    predictive: z
      .object({
        schedulingBufferSeconds: z
          .number()
          .int()
          .min(0)
          .max(3599)
          .default(300)
          .describe("SchedulingBufferTime: each hour's forecast capacity is launched this long before the hour"),
        forecast: z
          .enum(["daily-mean", "daily-naive", "weekly-naive"])
          .default("daily-mean")
          .describe(
            "The stand-in for AWS's unpublished model (docs/baselines.md): the mean of the same hour over the past " +
              "days, the same hour yesterday, or the same hour a week ago",
          ),
        lookbackDays: z
          .number()
          .int()
          .min(1)
          .max(14)
          .default(14)
          .describe("Days of history the forecast reads (AWS: up to 14)"),
      })
      .strict()
      .default({ schedulingBufferSeconds: 300, forecast: "daily-mean", lookbackDays: 14 }),
    hpa: z
      .object({ syncPeriodSeconds: z.number().int().min(1).max(300).default(15) })
      .strict()
      .default({ syncPeriodSeconds: 15 }),
    oracle: z
      .object({
        leadSeconds: z
          .number()
          .min(0)
          .max(3600)
          .optional()
          .describe(
            "Default: group reaction (max) + hook entry + boot (p99) + CP sync (p99) + registration and first check (max)",
          ),
      })
      .strict()
      .default({}),
  })
  .strict();

export const scenarioSchema = z
  .object({
    /** Where an editor finds this schema (`docs/scenario.schema.json`); ignored by the simulator. */
    $schema: z.string().optional().describe("Where an editor finds this schema (docs/scenario.schema.json); ignored"),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be lowercase letters, digits and dashes"),
    description: z.string().max(1000).default(""),
    seed: z.number().int().min(0).max(4_294_967_295).default(1),
    traffic: trafficSpecSchema,
    warmupMinutes: z
      .number()
      .int()
      .min(0)
      .max(240)
      .default(20)
      .describe("Every policy runs this long on the first minute's demand before measurement starts (metric history)"),
    initialNodes: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe("Fleet at the start of the warm-up; default: the CPU target's need, in [min, max]"),
    cluster: clusterConfigSchema.describe("The cluster as deployed: the same schema as the deployment's `clusters[]`"),
    nodes: nodeModelSchema.default(nodeModelSchema.parse({})),
    loadBalancer: loadBalancerSchema.default(loadBalancerSchema.parse({})),
    upstream: upstreamSchema.optional().describe("Absent: an upstream that never limits"),
    controlPlane: controlPlaneModelSchema.default({ outages: [], slow: [] }),
    faults: faultsSchema.default(faultsSchema.parse({})),
    cloud: cloudTimingSchema.default(cloudTimingSchema.parse({})),
    slo: sloSchema.default({ latencyP95Ms: 500, maxUnservedPct: 0.1 }),
    history: z
      .object({
        days: z
          .number()
          .int()
          .min(0)
          .max(455)
          .default(15)
          .describe(
            "Days of CloudWatch history before the warm-up (CloudWatch keeps 455): a trace's own days before the window, " +
              "a synthetic shape extended backwards; files and inline series have none",
          ),
      })
      .strict()
      .default({ days: 15 })
      .describe("The metric history a deployment would have, read through the same metrics port as the run's data"),
    policies: policyParamsSchema.default(policyParamsSchema.parse({})),
    operator: z
      .array(
        z
          .object({
            atMinute: z.number().min(0).describe("Minutes after the traffic starts"),
            request: z
              .record(z.string(), z.unknown())
              .describe('What `dp-autoscaler ctl` would send, e.g. {"action":"pause","cluster":"edge","reason":"…"}'),
          })
          .strict(),
      )
      .default([])
      .describe("Requests to the real operator function during the run (`ours` only): pause, resume, scale, status"),
  })
  .strict();

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type NodeModel = z.output<typeof nodeModelSchema>;
export type LoadBalancerModel = z.output<typeof loadBalancerSchema>;
export type UpstreamModel = z.output<typeof upstreamSchema>;
export type ControlPlaneModel = z.output<typeof controlPlaneModelSchema>;
export type FaultsModel = z.output<typeof faultsSchema>;
export type CloudTiming = z.output<typeof cloudTimingSchema>;
export type Slo = z.output<typeof sloSchema>;
export type PolicyParams = z.output<typeof policyParamsSchema>;
export type Duration = z.output<typeof durationSchema>;
export type SecondsRange = z.output<typeof rangeSchema>;
export type TimeWindow = z.output<typeof windowSchema>;
