/**
 * The exact answers of the APISIX (3.13+) and API7 Enterprise status APIs and of the Prometheus gauge, as
 * `docs/reference/dataplane.md` records them, so that the real readiness interpreter (`shared/dataplane/`) judges a
 * simulated node exactly as it judges a real one.
 */
import type { ReadinessMode } from "../../shared/dataplane/readiness.ts";

export interface Answer {
  status: number;
  body: string;
}

export const API7_DP_MANAGER_DOWN = '{"error_msg":"none of the configured dp_manager available: connection refused"}\n';

/** Workers are starting: not every worker has reported yet. */
export function bootingAnswer(mode: ReadinessMode, workers: number, firstPid: number): Answer {
  if (mode === "apisix")
    return {
      status: 503,
      body: JSON.stringify({
        status: "error",
        error: `worker count: ${workers} but status report count: ${workers - 1}`,
      }),
    };
  return { status: 503, body: pidLines(workers, firstPid) };
}

/** Workers run but have no full configuration yet. */
export function notSyncedAnswer(mode: ReadinessMode, workers: number, firstPid: number): Answer {
  if (mode === "apisix")
    return {
      status: 503,
      body: JSON.stringify({
        status: "error",
        error: `worker id: ${Math.min(2, workers - 1)} has not received configuration`,
      }),
    };
  return { status: 503, body: pidLines(workers, firstPid) };
}

export function readyAnswer(mode: ReadinessMode): Answer {
  return mode === "apisix" ? { status: 200, body: JSON.stringify({ status: "ok" }) } : { status: 200, body: "" };
}

/** API7 checks its DP managers live on every probe; APISIX latches (it never gets here). */
export function cpDownAnswer(): Answer {
  return { status: 503, body: API7_DP_MANAGER_DOWN };
}

/** `GET /status`: 200 as soon as nginx listens. */
export function livenessAnswer(mode: ReadinessMode): Answer {
  return mode === "apisix" ? { status: 200, body: JSON.stringify({ status: "ok" }) } : { status: 200, body: "" };
}

/** The Prometheus page; `undefined` reachability = the exporter has not refreshed yet (no gauge on the page). */
export function prometheusAnswer(etcdReachable: boolean | undefined): Answer {
  const lines = ["# HELP apisix_node_info Info of APISIX node", "# TYPE apisix_node_info gauge"];
  if (etcdReachable !== undefined)
    lines.push(
      "# HELP apisix_etcd_reachable Config server etcd reachable from APISIX, 0 is unreachable",
      "# TYPE apisix_etcd_reachable gauge",
      `apisix_etcd_reachable ${etcdReachable ? 1 : 0}`,
    );
  return { status: 200, body: `${lines.join("\n")}\n` };
}

/** A route on the traffic port before the configuration arrived. */
export const ROUTE_NOT_FOUND: Answer = { status: 404, body: '{"error_msg":"404 Route Not Found"}' };
export const ROUTE_OK: Answer = { status: 200, body: "ok" };

function pidLines(workers: number, firstPid: number): string {
  return Array.from({ length: workers }, (_, i) => `Worker pid: ${firstPid + i} is out of sync with etcd`).join("\n");
}
