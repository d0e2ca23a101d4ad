/** Data-plane readiness: what a node's status API means, and how to ask it. */
export { checkReadiness } from "./check-readiness.ts";
export { ProbeTargetError } from "./errors.ts";
export { createNodeHttpProbe } from "./node-http-probe.ts";
export { type ProbeTargetResolution, resolveProbeTarget } from "./probe-target.ts";
export { buildProbeUrl, type ProbeAddress } from "./probe-url.ts";
export { ETCD_REACHABLE_METRIC, interpretEtcdReachable, parseSamples, type Sample } from "./prometheus.ts";
export { interpretReadiness, type ReadinessMode, type ReadinessVerdict } from "./readiness.ts";
export { isControlPlaneReason, isNoAnswerReason, NO_ANSWER_WORDS } from "./reasons.ts";
