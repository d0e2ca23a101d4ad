/**
 * The service behind the gateway. Its latency rises with load (a queueing curve) and beyond its capacity it
 * collapses: goodput falls as more load arrives (timeouts, retries, thrashing). That is why scaling the gateway out can
 * hurt — nodes that shed load protect the upstream, more nodes let more load through.
 */
import type { UpstreamModel } from "../scenario/schema.ts";
import { p95LatencyMs } from "./queueing.ts";

export interface UpstreamOutcome {
  /** Requests per second the upstream answers successfully. */
  goodputRps: number;
  /** p95 upstream response time, ms. */
  latencyMs: number;
}

/** Latency of a saturated upstream: requests run into timeouts. */
const SATURATED_LATENCY_FACTOR = 30;

export function upstreamOutcome(model: UpstreamModel | undefined, offeredRps: number): UpstreamOutcome {
  if (model === undefined) return { goodputRps: offeredRps, latencyMs: 0 };
  const rho = offeredRps / model.capacityRps;
  if (rho <= 1) return { goodputRps: offeredRps, latencyMs: p95LatencyMs(model.baseLatencyMs, rho) };
  return {
    goodputRps: model.capacityRps / (1 + model.collapse * (rho - 1)),
    latencyMs: model.baseLatencyMs * SATURATED_LATENCY_FACTOR,
  };
}
