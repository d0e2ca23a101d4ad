/**
 * How many cases each fuzz target runs: the figures `docs/reliability.md` reports (a test there checks the table
 * against these constants). The seed is fixed so the suite is deterministic; `FUZZ_SEED=<n>` explores other cases
 * and `FUZZ_SCALE=<k>` multiplies every count (for long exploratory runs, not CI).
 */
const SCALE = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1) || 1);

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_260_115) || 20_260_115;

/** Cases per target, per fast-check property. Keep the whole fuzz suite under ~20 s on 2 cores. */
export const FUZZ_RUNS = {
  /** `parseScalerTrigger`: alarm (EventBridge, SNS, alarm action), schedule and reconcile events, mutated from the fixtures. */
  scalerEventsMutated: 4000,
  /** `parseScalerTrigger`: arbitrary JS values and EventBridge/SNS/alarm-action-shaped envelopes with random contents. */
  scalerEventsGenerated: 1500,
  /** The real scaler handler (`createScalerHandler`) over in-memory ports, on mutated events. */
  scalerHandler: 600,
  /** `parseLifecycleInvocation`: EventBridge, SNS, SQS (batches, wrapped bodies), continuations, mutated. */
  lifecycleEventsMutated: 4000,
  /** `parseLifecycleInvocation`: arbitrary JS values and Records-shaped envelopes. */
  lifecycleEventsGenerated: 1500,
  /** The real launch handler (`createLaunchHandler`) over in-memory ports, on mutated events. */
  launchHandler: 500,
  /** The real drain handler (`createDrainHandler`) over in-memory ports, on mutated events. */
  drainHandler: 500,
  /** `parseOperatorRequest`: mutated and generated requests. */
  operatorRequests: 4000,
  /** The real operator handler (`createOperatorHandler`) over in-memory ports. */
  operatorHandler: 800,
  /** `parseDeploymentConfig`: the example config, mutated as a document and as text. */
  configDocuments: 2500,
  /** `loadDeploymentConfig` / `createConfigLoader`: environment and SSM answers. */
  configLoader: 500,
  /** `decide()`: observations validated by `observationSchema`, mutated from the example and generated. */
  decideObservations: 2500,
  /** `decodePause` / `decodeBreaker` (hand-edited ASG tags) and `decide()` on what they yield. */
  tagCodecs: 2000,
  /** `scenarioSchema` (the simulator's scenario files): the built-in scenarios, mutated. */
  scenarioDocuments: 1500,
} as const;

export type FuzzTarget = keyof typeof FUZZ_RUNS;

/** fast-check parameters for one target. */
export function fuzzParams(target: FuzzTarget): { numRuns: number; seed: number } {
  return { numRuns: FUZZ_RUNS[target] * SCALE, seed: FUZZ_SEED };
}
