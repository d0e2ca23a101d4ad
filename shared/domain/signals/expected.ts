/**
 * The signals a cluster's configuration asks for, with the ids the observation must use for them. A configured signal
 * absent from the observation is missing data, not "nothing to say".
 */
import type { ClusterConfig } from "../../config/schema.ts";

/** Ids of the built-in signals in `Observation.signals` (custom signals use their configured `id`). */
export const SIGNAL_IDS = { cpu: "cpu", bandwidth: "bandwidth", requestRate: "request-rate" } as const;

export interface ExpectedSignal {
  id: string;
  unit: string;
  target: number;
}

// Configs are parsed once and reused for every decision: compute each cluster's list once.
const cache = new WeakMap<ClusterConfig, readonly ExpectedSignal[]>();

/** The signals `cluster` enables, in a fixed order: cpu, bandwidth, request-rate, then custom ones as configured. */
export function expectedSignals(cluster: ClusterConfig): readonly ExpectedSignal[] {
  const hit = cache.get(cluster);
  if (hit !== undefined) return hit;
  const s = cluster.signals;
  const list: ExpectedSignal[] = [];
  if (s.cpu.enabled) list.push({ id: SIGNAL_IDS.cpu, unit: "%", target: s.cpu.targetPercent });
  if (s.bandwidth.enabled) list.push({ id: SIGNAL_IDS.bandwidth, unit: "%", target: s.bandwidth.targetPercent });
  if (s.requestRate) list.push({ id: SIGNAL_IDS.requestRate, unit: "req/s", target: s.requestRate.targetPerNode });
  for (const c of s.custom) list.push({ id: c.id, unit: c.unit, target: c.target });
  cache.set(cluster, list);
  return list;
}
