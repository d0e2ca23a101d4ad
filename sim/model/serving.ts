/**
 * Who serves the demand in one tick. The load balancer splits the demand evenly over target groups and, within each,
 * evenly over the targets it routes to (healthy ones; all registered ones when none is healthy — ELBv2 fails open).
 * A routed node that holds a configuration serves its share up to its capacity (CPU or bandwidth, whichever binds); a
 * routed node without configuration fails its share. The upstream then answers what the gateway passes on, and
 * collapses past its capacity. Everything not answered is unserved. Nodes are alike (one instance type), so every
 * serving node of a group carries the same load.
 */
import type { UpstreamModel } from "../scenario/schema.ts";
import { p95LatencyMs } from "./queueing.ts";
import { upstreamOutcome } from "./upstream.ts";

export interface GroupRouting {
  /** Targets the load balancer sends requests to. */
  routed: number;
  /** How many of them hold a configuration and serve. */
  serving: number;
}

export interface ServingResult {
  /** Requests per second answered successfully (after the upstream). */
  servedRps: number;
  unservedRps: number;
  /** What the serving nodes could serve together, given the even split over target groups. */
  capacityRps: number;
  /** Requests per second each serving node of group i processes (its CPU and bandwidth follow this). */
  perNodeRps: number[];
  gatewayLatencyMs: number;
  upstreamLatencyMs: number;
  /** p95 at the client: gateway plus upstream. */
  latencyMs: number;
}

/** An empty result to pass to `serve` as `into` (the simulator serves every tick; reusing it spares the GC). */
export function servingResult(): ServingResult {
  return {
    servedRps: 0,
    unservedRps: 0,
    capacityRps: 0,
    perNodeRps: [],
    gatewayLatencyMs: 0,
    upstreamLatencyMs: 0,
    latencyMs: 0,
  };
}

export function serve(
  demandRps: number,
  groups: readonly GroupRouting[],
  nodeCapacityRps: number,
  gatewayBaseLatencyMs: number,
  upstream: UpstreamModel | undefined,
  into: ServingResult = servingResult(),
): ServingResult {
  const count = groups.length;
  const perNodeRps = into.perNodeRps;
  perNodeRps.length = count;
  perNodeRps.fill(0);
  let gatewayServed = 0;
  let worstRho = 0;
  let minServing = Number.POSITIVE_INFINITY;
  for (let g = 0; g < count; g++) {
    const { routed, serving } = groups[g]!;
    minServing = Math.min(minServing, serving);
    if (routed === 0 || serving === 0) continue;
    const share = demandRps / count / routed;
    const served = Math.min(share, nodeCapacityRps);
    perNodeRps[g] = served;
    gatewayServed += served * serving;
    worstRho = Math.max(worstRho, nodeCapacityRps > 0 ? share / nodeCapacityRps : 1);
  }
  const up = upstreamOutcome(upstream, gatewayServed);
  const servedRps = Math.min(gatewayServed, up.goodputRps);
  const gatewayLatencyMs = p95LatencyMs(gatewayBaseLatencyMs, worstRho);
  into.servedRps = servedRps;
  into.unservedRps = Math.max(0, demandRps - servedRps);
  into.capacityRps = count === 0 ? 0 : minServing * nodeCapacityRps * count;
  into.gatewayLatencyMs = gatewayLatencyMs;
  into.upstreamLatencyMs = up.latencyMs;
  into.latencyMs = gatewayLatencyMs + up.latencyMs;
  return into;
}
