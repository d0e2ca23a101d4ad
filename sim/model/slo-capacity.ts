/**
 * The least capacity that meets a scenario's SLO: the fewest serving nodes whose queues keep the client p95 (the
 * gateway's idle p95 + the p95 of the queueing wait + the upstream's p95) within `slo.latencyP95Ms` while serving the
 * whole demand — the same model the world serves with (`queueing.ts`, `serving.ts`). A fleet that does not drop
 * requests is not enough: at ρ → 1 the wait grows without bound.
 */
import type { NodeModel, Slo, UpstreamModel } from "../scenario/schema.ts";
import { p95WaitMs } from "./queueing.ts";
import { upstreamOutcome } from "./upstream.ts";

/** Past the fewest nodes that serve the demand, the search stops this many nodes further (an SLO nothing meets). */
const SEARCH_LIMIT = 1000;

/**
 * Serving nodes (each `nodeCapacityRps` at most) that `demandRps` needs to meet `slo`. When no fleet can (the
 * upstream alone is slower than the SLO), the fewest that serve the whole demand.
 */
export function leastNodesMeetingSlo(
  demandRps: number,
  nodeCapacityRps: number,
  nodes: Pick<NodeModel, "workers" | "gatewayLatencyMs">,
  upstream: UpstreamModel | undefined,
  slo: Slo,
): number {
  if (demandRps <= 0) return 0;
  const serveAll = Math.max(1, Math.ceil(demandRps / nodeCapacityRps - 1e-9));
  const budgetMs = slo.latencyP95Ms - nodes.gatewayLatencyMs - upstreamOutcome(upstream, demandRps).latencyMs;
  if (budgetMs < 0) return serveAll;
  for (let n = serveAll; n <= serveAll + SEARCH_LIMIT; n++)
    if (p95WaitMs(nodes.workers, nodeCapacityRps, demandRps / (n * nodeCapacityRps)) <= budgetMs) return n;
  return serveAll;
}
