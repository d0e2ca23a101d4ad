/**
 * Which not-ready reasons mean "the control plane is the problem". The CP-outage breaker counts only launches abandoned
 * for these reasons: a node that never opened its port, or is still starting its workers, says nothing about the CP.
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
