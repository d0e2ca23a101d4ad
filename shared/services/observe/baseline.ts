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
  const types = serving.map((i) => i.instanceType).filter((t): t is string => t !== undefined);
  if (types.length === 0) return { note: "no serving instance with a known instance type" };
  const unique = [...new Set(types)];
  const byType = new Map(
    await Promise.all(unique.map(async (t) => [t, await instances.baselineBandwidthBps(t)] as const)),
  );
  const known = types.map((t) => byType.get(t)).filter((b): b is number => b !== undefined && b > 0);
  const unknown = unique.filter((t) => byType.get(t) === undefined);
  const note =
    unknown.length > 0
      ? `baseline bandwidth unknown for ${unknown.join(", ")}: set signals.bandwidth.baselineGbps`
      : undefined;
  if (known.length === 0) return { note };
  return { bps: known.reduce((a, b) => a + b, 0) / known.length, note };
}
