/**
 * What the scaler sees of one cluster at one moment: the input of the pure decision. Built by
 * `shared/services/observe/observe.ts` from the ports (ASG, CloudWatch, tags); documented as JSON Schema in
 * `docs/observation.schema.json` so that `dp-autoscaler decide` can answer "what would it do?" offline.
 */

/** A timestamped value. `t` is epoch milliseconds (the start of the CloudWatch period). */
export interface Point {
  t: number;
  v: number;
  /**
   * Optional: how many nodes served while this per-node value was measured (the nodes in service in that period).
   * With it, `v × n` is the cluster's load at `t`, which does not move when a node joins or leaves — the look-ahead
   * trends that, not the per-node value. Absent: the series' `nodesMeasured` is assumed.
   */
  n?: number;
}

/** One instance of the Auto Scaling group, as Auto Scaling reports it. */
export interface NodeView {
  instanceId: string;
  /** Pending, Pending:Wait, Pending:Proceed, InService, Terminating, Terminating:Wait, Terminating:Proceed, Standby, … */
  lifecycleState: string;
  healthStatus: "Healthy" | "Unhealthy";
  instanceType?: string;
}

/**
 * One scaling signal, already normalised to a per-node value in the same unit as its target (e.g. CPU % per node,
 * bandwidth % of baseline per node, requests/s per node). Points are ascending by time; an empty series means no data.
 */
export interface SignalSeries {
  id: string;
  unit: string;
  /** Target per node, in `unit`. */
  target: number;
  points: Point[];
  /** How many nodes the per-node value is an average over (the nodes in service when it was measured). */
  nodesMeasured: number;
}

/** Inputs of the guardrails, each optional (a guardrail that is not configured has no input). */
export interface GuardrailInputs {
  /** Aggregate throughput of the cluster, bits per second (the larger of in and out). */
  aggregateThroughputBps?: Point[];
  /** Upstream response time, ms (e.g. p95 of apisix_http_latency{type="upstream"}). */
  upstreamLatencyMs?: Point[];
  /** The gateway's own latency, ms (e.g. p95 of apisix_http_latency{type="apisix"}). */
  gatewayLatencyMs?: Point[];
}

export interface PauseState {
  paused: boolean;
  by?: string;
  reason?: string;
  /** Epoch ms. */
  since?: number;
}

export interface BreakerState {
  open: boolean;
  /** Epoch ms of the consecutive launches abandoned for control-plane reasons (newest last). */
  abandons: number[];
  openedAt?: number;
  lastReason?: string;
}

export interface Observation {
  cluster: string;
  /** Epoch ms. */
  observedAt: number;
  group: {
    name: string;
    desired: number;
    min: number;
    max: number;
    instances: NodeView[];
  };
  signals: SignalSeries[];
  guardrailInputs: GuardrailInputs;
  paused: PauseState;
  breaker: BreakerState;
  /** The autoscaler's own recommendations over the stabilisation window (own CloudWatch metric), ascending. */
  recentRecommendations: Point[];
}
