/**
 * Asks a node that is already serving whether the control plane (CP) is reachable, when a launching node failed for a
 * reason that does not name the CP. A DP that cannot reach its CP **at boot** exits (APISIX `init_etcd`, API7 after 3
 * failed heartbeats), so its port just refuses connections: its own last words never blame the CP, and without this
 * check a CP outage that starts before the nodes boot would never open the breaker — the ASG would keep replacing
 * nodes that cannot start.
 *
 * The peer is an `InService` instance of the same managed group, probed at the private address EC2 reports for it and
 * through the cluster's own URL templates (the same safety rules as the readiness probe: `resolveProbeTarget`,
 * `buildProbeUrl`). What counts as evidence:
 * - API7: `/status/ready` is a live CP check. A 503 naming the CP (`none of the configured dp_manager available`, or
 *   out of sync with etcd) → the CP is unreachable; a 200 → it is reachable.
 * - APISIX: `/status/ready` latches, so its 200 proves nothing; the Prometheus gauge `apisix_etcd_reachable` 0 → the
 *   CP is unreachable, 1 → reachable.
 * Anything else (no peer, a peer that does not answer or answers something else) is no evidence either way.
 *
 * Bounded: at most `MAX_PEER_PROBES` probes (a second peer only when the first did not tell), each within the
 * cluster's `readiness.requestTimeoutMs`, and none started when the invocation could not finish after it.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import { ProbeTargetError } from "../../dataplane/errors.ts";
import { resolveProbeTarget } from "../../dataplane/probe-target.ts";
import { buildProbeUrl, type ProbeAddress } from "../../dataplane/probe-url.ts";
import { interpretEtcdReachable } from "../../dataplane/prometheus.ts";
import { interpretReadiness, type ReadinessVerdict } from "../../dataplane/readiness.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import type { GroupInstance } from "../../ports/fleet.ts";

/** Peers probed at most (the second only when the first could not tell). */
export const MAX_PEER_PROBES = 2;
/** Peers looked up in EC2 at most, to find ones that can be probed. */
const MAX_PEERS_DESCRIBED = 4;
/** Time kept after a peer probe for the work that follows it (notify, metrics, breaker tag). */
const AFTER_PROBE_RESERVE_MS = 15_000;

export type PeerEvidence =
  | { verdict: "cp-unreachable"; peerId: string; detail: string }
  | { verdict: "cp-reachable"; peerId: string; detail: string }
  /** No peer, no usable answer, or no time to ask: nothing is concluded. `peerId`: the last peer tried, if any. */
  | { verdict: "unknown"; peerId?: string; detail: string };

type PeerDeps = Pick<AutoscalerDeps, "fleet" | "instances" | "probe" | "logger">;

/**
 * What an in-service peer of the cluster says about the CP.
 *
 * @example
 * ```ts
 * const evidence = await askPeerAboutControlPlane(deps, cluster, "i-0a1b2c3d4e5f60718", invocation.remainingMs);
 * if (evidence.verdict === "cp-unreachable") countAsControlPlaneAbandon();
 * ```
 */
export async function askPeerAboutControlPlane(
  deps: PeerDeps,
  cluster: ClusterConfig,
  launchingInstanceId: string,
  remainingMs: () => number,
): Promise<PeerEvidence> {
  try {
    return await askPeers(deps, cluster, launchingInstanceId, remainingMs);
  } catch (error) {
    // Asked after the ABANDON: a failure here must not undo its notification, metric and breaker count.
    deps.logger.warn("could not ask a peer about the control plane", { cluster: cluster.name, error });
    const message = error instanceof Error ? error.message : String(error);
    return { verdict: "unknown", detail: `could not ask a peer about the control plane (${message})` };
  }
}

async function askPeers(
  deps: PeerDeps,
  cluster: ClusterConfig,
  launchingInstanceId: string,
  remainingMs: () => number,
): Promise<PeerEvidence> {
  const group = await deps.fleet.describeGroup(cluster.autoScalingGroupName);
  const candidates = inServicePeers(group?.instances ?? [], launchingInstanceId).slice(0, MAX_PEERS_DESCRIBED);
  if (candidates.length === 0)
    return { verdict: "unknown", detail: "no in-service peer to ask about the control plane" };

  const timeoutMs = cluster.readiness.requestTimeoutMs;
  let last: PeerEvidence = { verdict: "unknown", detail: "no in-service peer could be probed" };
  let probes = 0;
  for (const peerId of candidates) {
    if (probes >= MAX_PEER_PROBES) break;
    const address = await probeAddress(deps, cluster, peerId);
    if (!address.ok) {
      last = { verdict: "unknown", peerId, detail: address.reason };
      continue;
    }
    if (remainingMs() < timeoutMs + AFTER_PROBE_RESERVE_MS)
      return { verdict: "unknown", peerId, detail: "no time left in this invocation to probe it" };
    probes++;
    const evidence = await probePeer(deps, cluster, address.address);
    if (evidence.verdict !== "unknown") return evidence;
    last = evidence;
  }
  return last;
}

/** One line for the abandon reason: what the peer said and what it means for the breaker. */
export function describePeerEvidence(evidence: PeerEvidence): string {
  switch (evidence.verdict) {
    case "cp-unreachable":
      return `peer ${evidence.peerId} reports the control plane unreachable: ${evidence.detail}`;
    case "cp-reachable":
      return `peer ${evidence.peerId} reaches the control plane (${evidence.detail}): not a control-plane abandon`;
    case "unknown":
      return evidence.peerId === undefined
        ? `${evidence.detail}: not counted as a control-plane abandon`
        : `peer ${evidence.peerId} could not tell (${evidence.detail}): not counted as a control-plane abandon`;
  }
}

/** InService peers, healthy ones first, in a stable order (the same peer is asked each time, which reads better). */
function inServicePeers(instances: GroupInstance[], launchingInstanceId: string): string[] {
  return instances
    .filter((i) => i.lifecycleState === "InService" && i.instanceId !== launchingInstanceId)
    .sort((a, b) => rank(a) - rank(b) || a.instanceId.localeCompare(b.instanceId))
    .map((i) => i.instanceId);
}

function rank(i: GroupInstance): number {
  return i.healthStatus === "Healthy" ? 0 : 1;
}

async function probeAddress(
  deps: PeerDeps,
  cluster: ClusterConfig,
  peerId: string,
): Promise<{ ok: true; address: ProbeAddress } | { ok: false; reason: string }> {
  const instance = await deps.instances.describeInstance(peerId);
  if (instance === undefined) return { ok: false, reason: "unknown to EC2" };
  if (instance.state !== "running") return { ok: false, reason: `instance is ${instance.state}` };
  const target = resolveProbeTarget(instance, cluster.autoScalingGroupName);
  return target.ok ? target : { ok: false, reason: target.reason };
}

async function probePeer(deps: PeerDeps, cluster: ClusterConfig, address: ProbeAddress): Promise<PeerEvidence> {
  const { readiness } = cluster;
  const peerId = address.instanceId;
  let verdict: ReadinessVerdict;
  try {
    // API7 readiness is live; APISIX readiness latches, so only the gauge tells the CP's state now.
    verdict =
      readiness.mode === "api7"
        ? interpretReadiness(
            "api7",
            await deps.probe.get(buildProbeUrl(readiness.url, address), readiness.requestTimeoutMs),
          )
        : interpretEtcdReachable(
            await deps.probe.get(buildProbeUrl(readiness.prometheusUrl, address), readiness.requestTimeoutMs),
          );
  } catch (error) {
    if (error instanceof ProbeTargetError) return { verdict: "unknown", peerId, detail: error.message };
    throw error;
  }
  if (verdict.ready) return { verdict: "cp-reachable", peerId, detail: verdict.reason };
  if (verdict.cpRelated) return { verdict: "cp-unreachable", peerId, detail: verdict.reason };
  return { verdict: "unknown", peerId, detail: verdict.reason };
}
