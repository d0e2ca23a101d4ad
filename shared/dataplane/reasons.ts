/**
 * Which not-ready reasons mean "the control plane is the problem". The CP-outage breaker counts launches abandoned
 * for these reasons. A node that never opened its port, or is still starting its workers, says nothing about the CP
 * by itself; for those the launch asks an in-service peer (`shared/services/launch/peer-cp-check.ts`).
 *
 * - APISIX `worker id: N has not received configuration`: workers are up but etcd has not delivered the config.
 * - API7 `Worker pid: N is out of sync with etcd`: the same, before the first full load from the DP Manager.
 * - API7 `none of the configured dp_manager available: …`: the live CP check failed.
 * - `apisix_etcd_reachable 0` (our own wording, see `prometheus.ts`): the node cannot reach etcd now.
 */
const CONTROL_PLANE_PATTERNS: readonly RegExp[] = [
  /has not received configuration/i,
  /out of sync with etcd/i,
  /dp_manager available/i,
  /etcd unreachable/i,
];

/** True when a not-ready reason points at the control plane rather than at the node. */
export function isControlPlaneReason(reason: string): boolean {
  return CONTROL_PLANE_PATTERNS.some((p) => p.test(reason));
}

/** How a probe that got no HTTP answer at all is described (`describeError` in `readiness.ts` writes these). */
export const NO_ANSWER_WORDS = {
  refused: "connection refused",
  timeout: "timed out",
  reset: "connection reset",
  unreachable: "host unreachable",
  other: "request failed",
} as const;

/** True when a not-ready reason says the node gave no HTTP answer (refused, timed out, reset, unreachable). */
export function isNoAnswerReason(reason: string): boolean {
  return Object.values(NO_ANSWER_WORDS).some((words) => reason.startsWith(words));
}
