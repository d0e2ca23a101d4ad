/**
 * The guardrails in the order they apply. The order is the policy:
 * 1–2 freeze everything (an operator's pause; a control-plane outage);
 * 3–5 stop a change the data does not justify (missing data; a shared bandwidth ceiling; a slow upstream);
 * 6–7 pace the change (scale-in stabilisation; step limits);
 * 8–10 enforce the bounds last, so they win over everything but the freezes, and the upper bounds win over the lower.
 */
import { bandwidthCeilingRule } from "./bandwidth-ceiling.ts";
import { controlPlaneCapacityRule } from "./control-plane-capacity.ts";
import { controlPlaneOutageRule } from "./control-plane-outage.ts";
import { maxNodesRule } from "./max-nodes.ts";
import { minNodesRule } from "./min-nodes.ts";
import { missingDataRule } from "./missing-data.ts";
import { pausedRule } from "./paused.ts";
import { stabilisationRule } from "./stabilisation.ts";
import { stepLimitRule } from "./step-limit.ts";
import type { GuardrailRule } from "./types.ts";
import { upstreamLatencyRule } from "./upstream-latency.ts";

export const GUARDRAIL_ORDER: readonly GuardrailRule[] = [
  pausedRule,
  controlPlaneOutageRule,
  missingDataRule,
  bandwidthCeilingRule,
  upstreamLatencyRule,
  stabilisationRule,
  stepLimitRule,
  minNodesRule,
  maxNodesRule,
  controlPlaneCapacityRule,
];
