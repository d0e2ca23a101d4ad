/**
 * Who serves the demand in one tick. The load balancer splits the demand evenly over target groups and, within each,
 * evenly over the targets it routes to (healthy ones; all registered ones when none is healthy — ELBv2 fails open).
 * A routed node that holds a configuration serves its share up to its capacity (CPU or bandwidth, whichever binds); a
 * routed node without configuration fails its share. The upstream then answers what the gateway passes on, and
 * collapses past its capacity. Everything not answered is unserved. Nodes are alike (one instance type), so every
 * serving node of a group carries the same load, and queues like every other (`queueing.ts`): the caller adds each
 * group's served requests at its utilisation `rho[g]` to the minute's `WaitTail`.
 */
import type { UpstreamModel } from "../scenario/schema.ts";
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
  /** Utilisation of each serving node of group i: offered ÷ capacity (≥ 1: saturated, its queue never empties). */
  rho: number[];
  upstreamLatencyMs: number;
}

/** An empty result to pass to `serve` as `into` (the simulator serves every tick; reusing it spares the GC). */
export function servingResult(): ServingResult {
  return {
    servedRps: 0,
    unservedRps: 0,
    capacityRps: 0,
    perNodeRps: [],
    rho: [],
    upstreamLatencyMs: 0,
  };
}

export function serve(
  demandRps: number,
  groups: readonly GroupRouting[],
  nodeCapacityRps: number,
  upstream: UpstreamModel | undefined,
  into: ServingResult = servingResult(),
): ServingResult {
  const count = groups.length;
  const perNodeRps = into.perNodeRps;
  perNodeRps.length = count;
  perNodeRps.fill(0);
  const rho = into.rho;
  rho.length = count;
  rho.fill(0);
  let gatewayServed = 0;
  let minServing = Number.POSITIVE_INFINITY;
  for (let g = 0; g < count; g++) {
    const { routed, serving } = groups[g]!;
    minServing = Math.min(minServing, serving);
    if (routed === 0 || serving === 0) continue;
    const share = demandRps / count / routed;
    const served = Math.min(share, nodeCapacityRps);
    perNodeRps[g] = served;
    gatewayServed += served * serving;
    rho[g] = nodeCapacityRps > 0 ? share / nodeCapacityRps : 1;
  }
  const up = upstreamOutcome(upstream, gatewayServed);
  const servedRps = Math.min(gatewayServed, up.goodputRps);
  into.servedRps = servedRps;
  into.unservedRps = Math.max(0, demandRps - servedRps);
  into.capacityRps = count === 0 ? 0 : minServing * nodeCapacityRps * count;
  into.upstreamLatencyMs = up.latencyMs;
  return into;
}
