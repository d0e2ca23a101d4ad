/**
 * One readiness check of one node: `/status/ready`, then (APISIX with `requireEtcdReachable`) the Prometheus gauge,
 * because APISIX's readiness latches and does not prove the CP is reachable now.
 */
import type { ClusterConfig } from "../config/schema.ts";
import type { HttpProbePort } from "../ports/http-probe.ts";
import { buildProbeUrl, type ProbeAddress } from "./probe-url.ts";
import { interpretEtcdReachable } from "./prometheus.ts";
import { interpretReadiness, type ReadinessVerdict } from "./readiness.ts";

export async function checkReadiness(
  probe: HttpProbePort,
  readiness: ClusterConfig["readiness"],
  address: ProbeAddress,
): Promise<ReadinessVerdict> {
  const status = await probe.get(buildProbeUrl(readiness.url, address), readiness.requestTimeoutMs);
  const verdict = interpretReadiness(readiness.mode, status);
  if (!verdict.ready || readiness.mode !== "apisix" || !readiness.requireEtcdReachable) return verdict;
  const metrics = await probe.get(buildProbeUrl(readiness.prometheusUrl, address), readiness.requestTimeoutMs);
  const etcd = interpretEtcdReachable(metrics);
  return etcd.ready ? { ready: true, reason: `${verdict.reason}; ${etcd.reason}`, cpRelated: false } : etcd;
}
