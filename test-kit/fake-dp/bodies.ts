/**
 * The exact answers of APISIX (3.13+) and API7 Enterprise status APIs and the Prometheus gauge, per phase of a node's
 * life, as `docs/reference/dataplane.md` records them. Kept apart from the server so tests can assert on the text.
 */
export type FakeDpFlavour = "apisix" | "api7";

/**
 * - `refused`: nginx is not listening yet (or any more).
 * - `booting`: workers are starting (APISIX `worker count: N but status report count: M`; API7 every worker pid is out
 *   of sync before its first full load).
 * - `not-synced`: workers run but one has no configuration yet.
 * - `ready`: every worker loaded its configuration and the CP answers.
 * - `cp-lost`: the CP went away after the node was ready (APISIX latches 200 while `apisix_etcd_reachable` drops to 0;
 *   API7 checks live and answers 503 dp_manager).
 * - `black-hole`: the connection is accepted and never answered.
 */
export type FakeDpPhase = "refused" | "booting" | "not-synced" | "ready" | "cp-lost" | "black-hole";

export interface StatusAnswer {
  status: number;
  body: string;
}

export interface BodyOptions {
  workers: number;
  /** First worker pid; API7 names workers by pid. */
  firstPid: number;
  /** APISIX serialises a Lua table: key order is not fixed. */
  errorKeyFirst: boolean;
}

export function apisixJson(fields: { status: string; error?: string }, errorKeyFirst: boolean): string {
  if (fields.error === undefined) return JSON.stringify({ status: fields.status });
  return errorKeyFirst
    ? JSON.stringify({ error: fields.error, status: fields.status })
    : JSON.stringify({ status: fields.status, error: fields.error });
}

export const API7_DP_MANAGER_DOWN = '{"error_msg":"none of the configured dp_manager available: connection refused"}\n';

/** `GET /status/ready`. */
export function readyAnswer(flavour: FakeDpFlavour, phase: FakeDpPhase, o: BodyOptions): StatusAnswer {
  const pids = Array.from({ length: o.workers }, (_, i) => o.firstPid + i);
  if (flavour === "apisix") {
    switch (phase) {
      case "booting":
        return {
          status: 503,
          body: apisixJson(
            { status: "error", error: `worker count: ${o.workers} but status report count: ${o.workers - 1}` },
            o.errorKeyFirst,
          ),
        };
      case "not-synced":
        return {
          status: 503,
          body: apisixJson(
            { status: "error", error: `worker id: ${Math.min(2, o.workers - 1)} has not received configuration` },
            o.errorKeyFirst,
          ),
        };
      default:
        // ready and cp-lost alike: APISIX readiness latches once every worker loaded its configuration.
        return { status: 200, body: apisixJson({ status: "ok" }, o.errorKeyFirst) };
    }
  }
  switch (phase) {
    case "booting":
      return { status: 503, body: pids.map((p) => `Worker pid: ${p} is out of sync with etcd`).join("\n") };
    case "not-synced":
      return { status: 503, body: `Worker pid: ${pids.at(-1)} is out of sync with etcd` };
    case "cp-lost":
      return { status: 503, body: API7_DP_MANAGER_DOWN };
    default:
      return { status: 200, body: "" };
  }
}

/** `GET /status` (liveness): 200 as soon as nginx listens. */
export function statusAnswer(flavour: FakeDpFlavour): StatusAnswer {
  return { status: 200, body: flavour === "apisix" ? '{"status":"ok"}' : "" };
}

/** The Prometheus page. `undefined` gauge: not exported yet (metrics refresh every 15 s). */
export function metricsPage(flavour: FakeDpFlavour, etcdReachable: 0 | 1 | undefined, instanceId: string): string {
  const lines = [
    "# HELP apisix_nginx_http_current_connections Number of HTTP connections",
    "# TYPE apisix_nginx_http_current_connections gauge",
    'apisix_nginx_http_current_connections{state="active"} 1',
  ];
  if (etcdReachable !== undefined) {
    const labels = flavour === "api7" ? `{gateway_group_id="default",instance_id="${instanceId}"}` : "";
    lines.push(
      "# HELP apisix_etcd_reachable Config server etcd reachable from APISIX, 0 is unreachable",
      "# TYPE apisix_etcd_reachable gauge",
      `apisix_etcd_reachable${labels} ${etcdReachable}`,
    );
  }
  lines.push("# HELP apisix_etcd_modify_indexes Etcd modify index for APISIX keys", "");
  return lines.join("\n");
}

/** The gauge each phase exports by default. */
export function etcdReachableIn(phase: FakeDpPhase): 0 | 1 | undefined {
  switch (phase) {
    case "booting":
    case "refused":
      return undefined;
    case "cp-lost":
      return 0;
    default:
      return 1;
  }
}
