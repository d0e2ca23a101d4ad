/**
 * The operator's request and response types (what `ctl` sends and reads back), the context every action gets, and
 * the refusal an action throws when a request is understood but cannot be done.
 */

import type { ClusterConfig } from "../../config/schema.ts";
import type { Decision, GuardrailFiring, ScalingAction, SignalReason } from "../../domain/decision.ts";
import type { BreakerState, PauseState } from "../../domain/observation.ts";
import type { Caller } from "../../ports/caller.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import type { TargetState } from "../../ports/targets.ts";

/* The operator function's answers: `{ ok: true, … }` per action, or `{ ok: false, error: { code, message } }`. */
/**
 * - `invalid_request`: the request is malformed (unknown action, missing or wrongly typed field); `field` names it.
 * - `unknown_cluster`: no cluster of that name in this deployment's configuration.
 * - `group_not_found`: the cluster's Auto Scaling group does not exist (deleted, renamed, other account/region).
 * - `out_of_bounds`: the requested size is outside [floor, ceiling] (min/max of config and group, CP capacity).
 * - `conflict`: `expectDesired` does not match the group's desired capacity (someone else changed it).
 * - `breaker_open`: the control-plane-outage breaker is open; `force: true` overrides.
 * - `config_error`: the deployment's configuration cannot be loaded or is invalid.
 * - `unauthenticated`: the request carried a caller proof that AWS did not accept, or that could not be checked.
 * - `internal_error`: anything else (an AWS error, a bug); the message says what, the log has the details.
 */
export type OperatorErrorCode =
  | "invalid_request"
  | "unknown_cluster"
  | "group_not_found"
  | "out_of_bounds"
  | "conflict"
  | "breaker_open"
  | "config_error"
  | "unauthenticated"
  | "internal_error";

export interface OperatorFailure {
  ok: false;
  error: {
    code: OperatorErrorCode;
    message: string;
    /** The request field at fault, when one is. */
    field?: string;
    /** Numbers a script can act on (e.g. `currentDesired` on a conflict). */
    details?: Record<string, unknown>;
  };
  requestId?: string;
}

/** The sizes a manual scale may choose from, and where each limit comes from. */
export interface Bounds {
  /** max(config minNodes, group min). */
  floor: number;
  /** min(config maxNodes, group max, control-plane capacity). */
  ceiling: number;
  configMin: number;
  configMax: number;
  groupMin: number;
  groupMax: number;
  controlPlaneMax?: number;
}

export interface NodesByState {
  /** Pending, Pending:Proceed: booting, or past the launch hook on the way in. */
  launching: string[];
  /** Pending:Wait: in the launch hook, waiting for the node to connect to the control plane. */
  waitingForControlPlane: string[];
  inService: string[];
  /** Terminating, Terminating:Wait, Terminating:Proceed. */
  draining: string[];
  /** Anything else (Standby, Detaching, Warmed:*, …), as `id (state)`. */
  other: string[];
}

export interface TargetGroupHealth {
  targetGroupArn: string;
  counts: Partial<Record<TargetState, number>>;
  targets: Array<{ instanceId: string; state: TargetState; reason?: string }>;
  /** Set when the health could not be read. */
  error?: string;
}

export interface RecentActivity {
  at: number;
  status: string;
  description: string;
  cause: string;
}

export interface SignalNow {
  id: string;
  unit: string;
  target: number;
  /** Newest datapoint; null when the series is empty. */
  latest: number | null;
  /** Epoch ms of the newest datapoint. */
  at?: number;
}

/** A decision without its bulk, as `status` shows it. */
export interface DecisionBrief {
  action: ScalingAction;
  currentDesired: number;
  desired: number;
  recommended: number;
  summary: string;
  reasons: SignalReason[];
  guardrails: GuardrailFiring[];
}

export interface StatusResponse {
  ok: true;
  action: "status";
  cluster: string;
  groupName: string;
  desired: number;
  min: number;
  max: number;
  bounds: Bounds;
  nodes: NodesByState;
  targets: TargetGroupHealth[];
  paused: PauseState;
  breaker: BreakerState;
  /** Newest first: the scaler's and anyone's SetDesiredCapacity, launches, terminations. */
  recentActivities: RecentActivity[];
  signals: SignalNow[];
  /** What the scaler would decide now; null when it could not be computed (see `decisionError`). */
  decisionNow: DecisionBrief | null;
  decisionError?: string;
  /** A state tag (pause, breaker) holds a value the autoscaler does not recognise: how it was read, and what to do. */
  tagWarnings?: string[];
  requestId?: string;
}

export interface ExplainResponse {
  ok: true;
  action: "explain";
  cluster: string;
  decision: Decision;
  /** The decision in plain words (formatDecision). */
  text: string;
  requestId?: string;
}

export interface ScaleResponse {
  ok: true;
  action: "scale";
  cluster: string;
  dryRun: boolean;
  fromDesired: number;
  toDesired: number;
  /** False for a dry run, and when the group already had that size. */
  changed: boolean;
  forced: boolean;
  bounds: Bounds;
  /** Things the caller should know (e.g. the scaler may move it again when the cluster is not paused). */
  warnings: string[];
  requestId?: string;
}

export interface PauseResponse {
  ok: true;
  action: "pause" | "resume";
  cluster: string;
  /** False when the cluster already was in that state. */
  changed: boolean;
  paused: PauseState;
  requestId?: string;
}

export type OperatorSuccess = StatusResponse | ExplainResponse | ScaleResponse | PauseResponse;
export type OperatorResponse = OperatorSuccess | OperatorFailure;

/* What an action gets: the deps, the validated cluster, and who asked. */
export interface ActionContext {
  deps: AutoscalerDeps;
  cluster: ClusterConfig;
  /** The Lambda request id (notifications and responses carry it, to find the log lines). */
  requestId?: string;
  /** Who called: verified by AWS, or not (a request without a caller proof). */
  caller: Caller;
}

/* A refusal: the request is understood but cannot be done. The handler turns it into `{ ok: false, error }`. */
export class OperatorRefusalError extends Error {
  override readonly name = "OperatorRefusalError";
  constructor(
    readonly code: OperatorErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
