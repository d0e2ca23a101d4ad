/**
 * Keeps the CP-outage breaker in the Auto Scaling group's tag (`BREAKER_TAG`, no database of our own), where the
 * scaler's `control-plane-outage` guardrail reads it, and tells people once when it opens and once when it closes.
 *
 * The tag is read just before each write, not reused from the start of a long wait. Two launches finishing at the same
 * instant can still race (tags have no compare-and-set): the loser's abandon is lost, which only delays opening by one.
 * Failures are logged and swallowed: a breaker that could not be written must not undo a completed lifecycle action.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { BreakerState } from "../../domain/observation.ts";
import { BREAKER_TAG, decodeBreaker, encodeBreaker } from "../../domain/tags.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import { recordControlPlaneAbandon, recordNodeReady } from "./transitions.ts";

type BreakerDeps = Pick<AutoscalerDeps, "fleet" | "notifier" | "logger" | "clock">;

export async function readBreaker(deps: Pick<AutoscalerDeps, "fleet">, groupName: string): Promise<BreakerState> {
  const group = await deps.fleet.describeGroup(groupName);
  return decodeBreaker(group?.tags[BREAKER_TAG]);
}

/** A launch was abandoned (and the ABANDON was ours). Only control-plane reasons count. */
export async function breakerOnAbandon(
  deps: BreakerDeps,
  cluster: ClusterConfig,
  abandon: { reason: string; cpRelated: boolean; requestId?: string },
): Promise<void> {
  if (!abandon.cpRelated) return;
  try {
    const at = deps.clock.now();
    const before = await readBreaker(deps, cluster.autoScalingGroupName);
    const t = recordControlPlaneAbandon(before, at, abandon.reason, cluster.controlPlane.breaker);
    await deps.fleet.putTags(cluster.autoScalingGroupName, { [BREAKER_TAG]: encodeBreaker(t.state) });
    deps.logger.info("control-plane abandon recorded", {
      cluster: cluster.name,
      breakerOpen: t.state.open,
      abandonsInWindow: t.state.abandons.length,
    });
    if (t.opened)
      await deps.notifier.notify({
        kind: "breaker-opened",
        cluster: cluster.name,
        at,
        requestId: abandon.requestId,
        abandons: t.state.abandons.length,
        lastReason: abandon.reason,
      });
  } catch (error) {
    deps.logger.error("could not record the abandon in the control-plane breaker", { cluster: cluster.name, error });
  }
}

/** A node became ready: the CP works. Closes the breaker and ends any streak. */
export async function breakerOnReady(
  deps: BreakerDeps,
  cluster: ClusterConfig,
  ready: { instanceId: string; requestId?: string },
): Promise<void> {
  try {
    const at = deps.clock.now();
    const before = await readBreaker(deps, cluster.autoScalingGroupName);
    const t = recordNodeReady(before, at);
    if (!t.changed) return;
    await deps.fleet.deleteTags(cluster.autoScalingGroupName, [BREAKER_TAG]);
    if (t.closed) {
      deps.logger.info("control-plane breaker closed", { cluster: cluster.name, instanceId: ready.instanceId });
      await deps.notifier.notify({
        kind: "breaker-closed",
        cluster: cluster.name,
        at,
        requestId: ready.requestId,
        instanceId: ready.instanceId,
        openSeconds: Math.round((t.openMs ?? 0) / 1000),
      });
    }
  } catch (error) {
    deps.logger.error("could not close the control-plane breaker", { cluster: cluster.name, error });
  }
}
