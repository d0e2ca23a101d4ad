/**
 * A scenario's `traffic`: where the demand comes from (a bundled trace, a file, inline points, or a synthetic shape),
 * how it is scaled to a gateway fleet, and how many bytes each request moves. Published in the scenario JSON Schema.
 */
import { z } from "zod";
import { TRACE_NAMES } from "./catalogue.ts";

const INSTANT = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?$/;

const instantSchema = z
  .string()
  .regex(INSTANT, "must be an ISO date-time such as 1995-07-13T00:00 (trace clock) or 1998-06-30T12:00Z")
  .describe("ISO date-time; without `Z`/offset it is read in the trace's own clock (NASA: UTC−4, WC98: GMT)");

const durationMinutesSchema = z.number().positive().max(200_000).describe("Length of the run's traffic, minutes");

const resolutionSecondsSchema = z
  .number()
  .int()
  .min(1)
  .max(3600)
  .describe("Seconds each point covers (60 for per-minute data, 1 for per-second)");

const noiseSchema = z
  .object({
    relativeStdDev: z
      .number()
      .min(0)
      .max(2)
      .describe("Standard deviation of the multiplicative noise, as a fraction of the rate (0.1 = ±10 %)"),
    resolutionSeconds: z
      .number()
      .int()
      .min(1)
      .max(3600)
      .optional()
      .describe(
        "Resample to this finer step, varying the rate inside each source step while keeping its request total " +
          "(e.g. 10 for sub-minute bursts in a per-minute trace). Without it, each step is multiplied by its own factor.",
      ),
    seed: z.number().int().optional().describe("Overrides the scenario seed for the noise only"),
  })
  .strict()
  .describe("Seeded random variation on top of the series");

/** Fields every source shares: scaling to a fleet and request sizes. */
const commonFields = {
  scale: z
    .number()
    .positive()
    .default(1)
    .describe("Multiplies every rate, to turn a trace into gateway-fleet load (e.g. WC98 × 50)"),
  requestBytes: z.number().min(0).default(1024).describe("Mean bytes in per request (request line, headers, body)"),
  responseBytes: z.number().min(0).default(8192).describe("Mean bytes out per request (headers and body)"),
  noise: noiseSchema.optional(),
};

const startField = instantSchema
  .optional()
  .describe("Where the series starts on the simulated calendar (default 2024-01-01T00:00Z)");

const valuesField = z
  .enum(["rps", "count"])
  .default("rps")
  .describe("`rps`: each point is requests per second; `count`: requests during the point's step");

export const traceTrafficSchema = z
  .object({
    source: z.literal("trace"),
    trace: z.enum(TRACE_NAMES).describe("A bundled trace (data/traces/README.md)"),
    window: z
      .object({
        start: instantSchema.optional().describe("Default: the trace's first minute"),
        durationMinutes: durationMinutesSchema.optional().describe("Default: to the end of the trace"),
      })
      .strict()
      .optional()
      .describe("The part of the trace to replay; default the whole trace"),
    ...commonFields,
  })
  .strict();

export const fileTrafficSchema = z
  .object({
    source: z.literal("file"),
    path: z
      .string()
      .min(1)
      .describe("Text file (optionally .gz): `timestamp,value` rows with an optional header, or one value per line"),
    resolutionSeconds: resolutionSecondsSchema,
    values: valuesField,
    start: startField.describe("Start for files of bare values (timestamped files carry their own)"),
    utcOffsetMinutes: z
      .number()
      .int()
      .min(-720)
      .max(840)
      .default(0)
      .describe("Clock of the file's timestamps without an offset, minutes east of UTC"),
    ...commonFields,
  })
  .strict();

export const inlineTrafficSchema = z
  .object({
    source: z.literal("inline"),
    resolutionSeconds: resolutionSecondsSchema,
    points: z.array(z.number().min(0)).min(1).describe("The series, one value per step"),
    values: valuesField,
    start: startField,
    ...commonFields,
  })
  .strict();

const syntheticFields = {
  source: z.literal("synthetic"),
  durationMinutes: durationMinutesSchema,
  resolutionSeconds: resolutionSecondsSchema.default(60),
  start: startField,
  ...commonFields,
};

export const syntheticTrafficSchema = z.discriminatedUnion("shape", [
  z
    .object({
      shape: z.literal("constant"),
      rps: z.number().min(0).describe("Requests per second throughout"),
      ...syntheticFields,
    })
    .strict(),
  z
    .object({
      shape: z.literal("ramp"),
      fromRps: z.number().min(0),
      toRps: z.number().min(0),
      holdMinutes: z.number().min(0).default(0).describe("Minutes at fromRps before the ramp starts"),
      rampMinutes: z.number().positive().optional().describe("Length of the linear ramp; default: the rest of the run"),
      ...syntheticFields,
    })
    .strict()
    .describe("fromRps for holdMinutes, then linear to toRps over rampMinutes, then toRps"),
  z
    .object({
      shape: z.literal("flash-crowd"),
      baseRps: z.number().min(0),
      peakRps: z.number().min(0),
      atMinute: z.number().min(0).describe("When the crowd starts arriving"),
      riseMinutes: z.number().min(0).default(5).describe("Linear rise from base to peak"),
      holdMinutes: z.number().min(0).default(10).describe("Minutes at the peak"),
      decayMinutes: z.number().positive().default(30).describe("Exponential decay; 95 % back to base after this long"),
      ...syntheticFields,
    })
    .strict()
    .describe("baseRps, then a sudden crowd: a linear rise to peakRps, a plateau, an exponential decay"),
  z
    .object({
      shape: z.literal("diurnal"),
      minRps: z.number().min(0),
      maxRps: z.number().min(0),
      periodMinutes: z.number().positive().default(1440),
      peakAtMinute: z.number().min(0).default(840).describe("Minute (from the start) of the first peak; 840 = 14:00"),
      ...syntheticFields,
    })
    .strict()
    .describe("A cosine between minRps and maxRps"),
]);

export const trafficSpecSchema = z
  .discriminatedUnion("source", [traceTrafficSchema, fileTrafficSchema, inlineTrafficSchema, syntheticTrafficSchema])
  .describe("Where the demand comes from, how it is scaled, and the bytes per request");

/** A validated traffic spec, defaults applied. */
export type TrafficSpec = z.output<typeof trafficSpecSchema>;
/** What a scenario file may write (defaults optional). */
export type TrafficSpecInput = z.input<typeof trafficSpecSchema>;
export type SyntheticTrafficSpec = z.output<typeof syntheticTrafficSchema>;
export type NoiseSpec = z.output<typeof noiseSchema>;
