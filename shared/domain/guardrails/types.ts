/**
 * The shape of a guardrail: a small pure rule that looks at the decision so far and may change the desired size,
 * saying why. Rules run in a fixed order (`order.ts`); each one sees the size the previous rules left.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { CapacityView } from "../capacity.ts";
import type { GuardrailFiring, GuardrailName } from "../decision.ts";
import type { Observation } from "../observation.ts";

/** What every rule may read. Built once per decision. */
export interface RuleContext {
  readonly cluster: ClusterConfig;
  readonly obs: Observation;
  /** Epoch ms of the decision. */
  readonly now: number;
  /** The group's desired capacity now. */
  readonly current: number;
  /** What the signals asked for, before any guardrail. */
  readonly recommended: number;
  /** How many signals the decision considered (configured ones and any others the observation carries). */
  readonly signalCount: number;
  /** Ids of the signals without usable data. */
  readonly missing: readonly string[];
  /** Ids of the signals whose load rises beyond doubt (`SignalEvaluation.rising`). */
  readonly rising: readonly string[];
  /** Ids of the signals whose newest datapoint is at their ceiling (`SignalEvaluation.saturated`). */
  readonly saturated: readonly string[];
  readonly capacity: CapacityView;
}

export interface GuardrailRule {
  readonly name: GuardrailName;
  /** When it fires, no later rule runs: the size is frozen (paused, control-plane outage). */
  readonly freezes: boolean;
  /** The firing (whose `to` is the new desired size), or null when the rule has nothing to say. */
  apply(ctx: RuleContext, desired: number): GuardrailFiring | null;
}
