/**
 * The baseline (not burst) bandwidth per node that per-node throughput is compared with. The configured
 * `signals.bandwidth.baselineGbps` wins; otherwise each serving instance's type is looked up (DescribeInstanceTypes,
 * then the fallback table) and averaged over the instances — the mean is what makes Σ bytes ÷ Σ baseline right for
 * a group of mixed types.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { GroupInstance } from "../../ports/fleet.ts";
import type { InstancesPort } from "../../ports/instances.ts";

export interface Baseline {
  /** Bits per second per node; undefined when no instance type's baseline is known. */
  bps?: number;
  /** Why the baseline is partial or missing, for the log. */
  note?: string;
}

export async function nodeBaselineBandwidth(
  instances: InstancesPort,
  cluster: ClusterConfig,
  serving: readonly GroupInstance[],
): Promise<Baseline> {
  const configured = cluster.signals.bandwidth.baselineGbps;
  if (configured !== undefined) return { bps: configured * 1e9 };
  // Instances per type (a fleet has one type or a few): one lookup per type, the mean weighted by the counts.
  const perType = new Map<string, number>();
  for (const i of serving)
    if (i.instanceType !== undefined) perType.set(i.instanceType, (perType.get(i.instanceType) ?? 0) + 1);
  if (perType.size === 0) return { note: "no serving instance with a known instance type" };
  const unique = [...perType.keys()];
  const baselines = await Promise.all(unique.map((t) => instances.baselineBandwidthBps(t)));
  let sum = 0;
  let known = 0;
  const unknown: string[] = [];
  unique.forEach((t, k) => {
    const b = baselines[k];
    if (b === undefined) unknown.push(t);
    else if (b > 0) {
      sum += b * perType.get(t)!;
      known += perType.get(t)!;
    }
  });
  const note =
    unknown.length > 0
      ? `baseline bandwidth unknown for ${unknown.join(", ")}: set signals.bandwidth.baselineGbps`
      : undefined;
  if (known === 0) return { note };
  return { bps: sum / known, note };
}
