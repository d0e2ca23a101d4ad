/**
 * What one simulated run produces. The simulator core (`sim/run.ts`) fills it; the terminal summary, the JSON
 * output and the HTML report (`sim/report/`) only read it.
 */

export const POLICY_NAMES = ["ours", "target-tracking", "predictive", "step", "hpa", "static", "oracle"] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

export interface RunSummary {
  /** Node-hours paid for: every instance from launch to termination. */
  instanceHours: number;
  /** Minutes in which demand exceeded serving capacity (or latency broke the SLO). */
  overloadMinutes: number;
  /** Requests not served ÷ requests offered, in percent. */
  unservedRequestsPct: number;
  peakNodes: number;
  minNodes: number;
  scaleOutActions: number;
  scaleInActions: number;
  abandonedLaunches: number;
  /** Must be 0: a node registered in a target group before it answered ready. */
  registeredBeforeReady: number;
  /** Lifecycle actions that ran into the hook's timeout instead of being completed. */
  lifecycleTimeouts: number;
  /** p99 of (registered − first answered ready), seconds. */
  readyToRegisteredP99Seconds: number;
  notifications: number;
  /**
   * What Slack receives: the notifications after the real coalescer (blocked scale-outs and node bursts become one
   * message each), one warm container per function.
   */
  slackMessages: number;
  simulatedMinutesPerSecond: number;
}

/** One sample per simulated minute. `t` is epoch ms of simulated time. */
export interface TimelinePoint {
  t: number;
  demandRps: number;
  servingCapacityRps: number;
  servedRps: number;
  desired: number;
  launching: number;
  inService: number;
  draining: number;
  /** p95 request latency at the gateway (queueing included), ms. */
  latencyMs: number;
  upstreamLatencyMs: number;
}

export interface TimelineEvent {
  t: number;
  kind: "decision" | "guardrail" | "launch-ready" | "abandon" | "breaker" | "drain" | "fault" | "manual";
  text: string;
}

export interface RunResult {
  scenario: string;
  policy: PolicyName;
  seed: number;
  /** Simulated window, epoch ms. */
  startMs: number;
  endMs: number;
  summary: RunSummary;
  timeline: TimelinePoint[];
  events: TimelineEvent[];
  /** Invariants checked on the run; each violation is a sentence. Empty = all held. */
  invariantViolations: string[];
  /** Provenance of the traffic: trace, window, scale factor, bytes per request. */
  notes: string[];
  /** Figures of the scenario itself, the same under every policy, to read the summary against. */
  reference: ScenarioReference;
}

export interface ScenarioReference {
  /**
   * Instance-hours of keeping the configured CPU and bandwidth targets with no delay at all: each minute exactly the
   * nodes its peak demand needs at the targets, within the bounds (`sim/at-target-cost.ts`).
   */
  atTargetInstanceHours: number;
}
