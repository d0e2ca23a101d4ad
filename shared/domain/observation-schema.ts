/**
 * The Observation as a zod schema: validates observation files (`dp-autoscaler decide --observation FILE`) and is
 * published as JSON Schema in `docs/observation.schema.json` (regenerate with `npx tsx scripts/gen-observation-schema.ts`;
 * a test fails when the committed file is stale). A type-level check below fails to compile if this schema and the
 * `Observation` interface in `observation.ts` drift apart.
 */
import { z } from "zod";
import type { Observation } from "./observation.ts";

/** Epoch ms up to the last instant a JavaScript Date can hold: a larger "time" cannot be formatted, only crash. */
const epochMs = z.number().int().min(0).max(8.64e15);

export const pointSchema = z
  .object({
    t: epochMs.describe("Epoch milliseconds: the start of the CloudWatch period."),
    v: z.number(),
    n: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe(
        "Optional: the nodes in service while this per-node value was measured; v × n is the cluster load at t. Absent: nodesMeasured.",
      ),
  })
  .strict()
  .describe("A timestamped value.");

const ascending = (points: readonly { t: number }[]): boolean => {
  for (let i = 1; i < points.length; i++) if (points[i]!.t < points[i - 1]!.t) return false;
  return true;
};
const pointsSchema = z.array(pointSchema).refine(ascending, { message: "points must be ascending by t" });

export const nodeViewSchema = z
  .object({
    instanceId: z.string().min(1),
    lifecycleState: z
      .string()
      .min(1)
      .describe("Auto Scaling lifecycle state: Pending, Pending:Wait, Pending:Proceed, InService, Terminating, …"),
    healthStatus: z.enum(["Healthy", "Unhealthy"]),
    instanceType: z.string().min(1).optional(),
  })
  .strict()
  .describe("One instance of the Auto Scaling group, as Auto Scaling reports it.");

export const signalSeriesSchema = z
  .object({
    id: z.string().min(1).describe('Signal id: "cpu", "bandwidth", "request-rate" or a custom signal\'s id.'),
    unit: z.string(),
    target: z.number().positive().describe("Target per node, in unit."),
    points: pointsSchema.describe("Per-node values, ascending by time; empty means no data."),
    nodesMeasured: z
      .number()
      .int()
      .min(0)
      .describe("How many nodes the per-node value is an average over (the nodes in service when measured)."),
  })
  .strict()
  .describe("One scaling signal, normalised to a per-node value in the unit of its target.");

export const guardrailInputsSchema = z
  .object({
    aggregateThroughputBps: pointsSchema
      .optional()
      .describe("Aggregate throughput of the cluster, bits per second (the larger of in and out)."),
    upstreamLatencyMs: pointsSchema.optional().describe("Upstream response time, ms."),
    gatewayLatencyMs: pointsSchema.optional().describe("The gateway's own latency, ms."),
  })
  .strict()
  .describe("Inputs of the guardrails; each optional (a guardrail that is not configured has no input).");

export const pauseStateSchema = z
  .object({
    paused: z.boolean(),
    by: z.string().optional(),
    reason: z.string().optional(),
    since: epochMs.optional(),
  })
  .strict();

export const breakerStateSchema = z
  .object({
    open: z.boolean(),
    abandons: z
      .array(epochMs)
      .describe("Epoch ms of the consecutive launches abandoned for control-plane reasons, newest last."),
    openedAt: epochMs.optional(),
    lastReason: z.string().optional(),
  })
  .strict();

export const observationSchema = z
  .object({
    cluster: z.string().min(1),
    observedAt: epochMs.describe("Epoch ms; `dp-autoscaler decide` decides at this moment."),
    group: z
      .object({
        name: z.string().min(1),
        desired: z.number().int().min(0),
        min: z.number().int().min(0),
        max: z.number().int().min(0),
        instances: z.array(nodeViewSchema),
      })
      .strict(),
    signals: z.array(signalSeriesSchema),
    guardrailInputs: guardrailInputsSchema,
    paused: pauseStateSchema,
    breaker: breakerStateSchema,
    recentRecommendations: pointsSchema.describe(
      "The autoscaler's own recommendations over the scale-in stabilisation window, ascending.",
    ),
  })
  .strict()
  .meta({
    title: "dp-autoscaler observation",
    description: "What the scaler sees of one cluster at one moment: the input of the pure decision.",
  });

// Compile-time tie between the schema and the interface: identical types, or this file does not type-check.
type Identical<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const schemaMatchesInterface: Identical<z.infer<typeof observationSchema>, Observation> = true;
void schemaMatchesInterface;

/** The JSON Schema of an observation file, as committed in `docs/observation.schema.json`. */
export function observationJsonSchemaText(): string {
  return `${JSON.stringify(z.toJSONSchema(observationSchema), null, 2)}\n`;
}
