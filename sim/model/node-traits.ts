/**
 * One launched node's fate, drawn from its own seeded stream: boot and sync times from the scenario's log-normals, and
 * the faults it carries (never boots, never syncs, slow first sync).
 */
import type { ReadinessMode } from "../../shared/dataplane/readiness.ts";
import type { Rng } from "../random.ts";
import type { Scenario } from "../scenario/schema.ts";
import type { DpNodeTraits } from "./dp-node.ts";

export function drawNodeTraits(rng: Rng, scenario: Scenario, mode: ReadinessMode): DpNodeTraits {
  const n = scenario.nodes;
  const f = scenario.faults;
  const bootFails = rng.chance(f.bootFailureFraction);
  const slow = rng.chance(f.slowSyncFraction);
  const sync = slow ? f.slowSyncSeconds : n.cpSyncSeconds;
  return {
    mode,
    workers: n.workers,
    firstPid: 1000 + Math.floor(rng.next() * 30000),
    bootMs: bootFails ? undefined : rng.logNormal(n.bootSeconds.medianSeconds, n.bootSeconds.p95Seconds) * 1000,
    syncMs: rng.logNormal(sync.medianSeconds, sync.p95Seconds) * 1000,
    neverReady: rng.chance(f.neverReadyFraction),
    cpConnectFailMs: n.cpConnectFailSeconds * 1000,
    restartMs: n.restartSeconds * 1000,
  };
}
