/** Builders for the decision engine's tests: a valid cluster config, observation and rule context in one line. */
import { type ClusterConfig, type ClusterConfigInput, clusterConfigSchema } from "../../../shared/config/schema.ts";
import { countCapacity } from "../../../shared/domain/capacity.ts";
import type { RuleContext } from "../../../shared/domain/guardrails/types.ts";
import type { NodeView, Observation, Point, SignalSeries } from "../../../shared/domain/observation.ts";

/** 2025-06-02T14:05:00Z. */
export const NOW = Date.UTC(2025, 5, 2, 14, 5);
export const TG = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef";

export function cluster(overrides: Partial<ClusterConfigInput> = {}): ClusterConfig {
  return clusterConfigSchema.parse({
    name: "prod",
    autoScalingGroupName: "dp-prod",
    targetGroupArns: [TG],
    ...overrides,
  });
}

/** A config with only the CPU signal, no look-ahead: the simplest arithmetic to assert on. */
export function cpuOnly(overrides: Partial<ClusterConfigInput> = {}): ClusterConfig {
  return cluster({
    signals: { cpu: { enabled: true, targetPercent: 70 }, bandwidth: { enabled: false, targetPercent: 60 } },
    scaling: { leadTimeSeconds: 0 },
    ...overrides,
  });
}

/** Points one period apart, the newest `newestAgeS` seconds before `NOW`. */
export function points(values: readonly number[], opts: { periodS?: number; newestAgeS?: number } = {}): Point[] {
  const periodMs = (opts.periodS ?? 60) * 1000;
  const newestT = NOW - (opts.newestAgeS ?? 120) * 1000;
  return values.map((v, i) => ({ t: newestT - (values.length - 1 - i) * periodMs, v }));
}

export function series(
  id: string,
  values: readonly number[],
  opts: { target?: number; unit?: string; nodes?: number; periodS?: number; newestAgeS?: number } = {},
): SignalSeries {
  return {
    id,
    unit: opts.unit ?? "%",
    target: opts.target ?? 70,
    points: points(values, opts),
    nodesMeasured: opts.nodes ?? 4,
  };
}

export function nodes(counts: { inService?: number; launching?: number; terminating?: number }): NodeView[] {
  const out: NodeView[] = [];
  const add = (n: number, state: string) => {
    for (let i = 0; i < n; i++)
      out.push({ instanceId: `i-${state}-${i}`, lifecycleState: state, healthStatus: "Healthy" });
  };
  add(counts.inService ?? 0, "InService");
  add(counts.launching ?? 0, "Pending:Wait");
  add(counts.terminating ?? 0, "Terminating:Wait");
  return out;
}

export function observation(overrides: Partial<Observation> & { desired?: number } = {}): Observation {
  const { desired = 4, ...rest } = overrides;
  return {
    cluster: "prod",
    observedAt: NOW,
    group: { name: "dp-prod", desired, min: 0, max: 1000, instances: nodes({ inService: desired }) },
    signals: [series("cpu", [70])],
    guardrailInputs: {},
    paused: { paused: false },
    breaker: { open: false, abandons: [] },
    recentRecommendations: [],
    ...rest,
  };
}

/** The context a guardrail sees, with the decision's numbers given directly. */
export function ruleContext(
  overrides: {
    cluster?: ClusterConfig;
    obs?: Observation;
    current?: number;
    recommended?: number;
    signalCount?: number;
    missing?: string[];
    rising?: string[];
    saturated?: string[];
  } = {},
): RuleContext {
  const current = overrides.current ?? 4;
  const obs = overrides.obs ?? observation({ desired: current });
  return {
    cluster: overrides.cluster ?? cluster(),
    obs,
    now: NOW,
    current,
    recommended: overrides.recommended ?? current,
    signalCount: overrides.signalCount ?? 2,
    missing: overrides.missing ?? [],
    rising: overrides.rising ?? [],
    saturated: overrides.saturated ?? [],
    capacity: countCapacity(obs.group.instances, current),
  };
}
