/** The output of the pure decision: what to do with a cluster, and every reason why. */

export type ScalingAction = "scale-out" | "scale-in" | "hold";

/** Every guardrail, in the order they apply (`GUARDRAIL_ORDER` holds the rules; a test keeps the two in step). */
export const GUARDRAIL_NAMES = [
  "paused",
  "control-plane-outage",
  "missing-data",
  "bandwidth-ceiling",
  "upstream-latency",
  "stabilisation",
  "step-limit",
  "min-nodes",
  "max-nodes",
  "control-plane-capacity",
] as const;
export type GuardrailName = (typeof GUARDRAIL_NAMES)[number];

/**
 * Guardrails that hold a scale-in back as designed (the stabilisation window, the floor): at a quiet hour's minimum
 * they block a little every hour, which is the autoscaler doing its job, not news. The digest lists them but does not
 * count them as something that happened (`shared/services/digest/`).
 */
export const ROUTINE_HOLDS: readonly GuardrailName[] = ["stabilisation", "min-nodes"];

/** One signal's contribution: its value, its target and the size it proposes. */
export interface SignalReason {
  signal: string;
  unit: string;
  /** The per-node value used (null: no fresh data). */
  value: number | null;
  target: number;
  /** Nodes this signal asks for (null: no proposal, e.g. missing data or within tolerance). */
  proposal: number | null;
  /** Plain words: "cpu 84.0 % vs target 70 % on 4 nodes → 5". */
  note: string;
}

/** A guardrail that changed the outcome. */
export interface GuardrailFiring {
  name: GuardrailName;
  /** `blocked`: stopped a change; `capped`: limited its size. */
  effect: "blocked" | "capped";
  /** Plain words with the numbers: "CP serves at most 8 DP nodes: 11 → 8". */
  detail: string;
  /** The desired size before and after this guardrail. */
  from: number;
  to: number;
}

export interface Decision {
  cluster: string;
  /** Epoch ms of the decision. */
  at: number;
  action: ScalingAction;
  currentDesired: number;
  desired: number;
  /** The size the signals asked for, before guardrails. */
  recommended: number;
  reasons: SignalReason[];
  guardrails: GuardrailFiring[];
  /** One line for logs and notifications. */
  summary: string;
}
