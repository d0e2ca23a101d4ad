/** Observe and decide exactly as the scaler does, without acting: what `explain` and `status` show. */
import type { ClusterConfig } from "../../config/schema.ts";
import { decide } from "../../domain/decide.ts";
import type { Decision } from "../../domain/decision.ts";
import type { Observation } from "../../domain/observation.ts";
import type { AutoscalerDeps } from "../deps.ts";
import { observeCluster } from "../observe.ts";

export async function decideNow(
  deps: Pick<AutoscalerDeps, "fleet" | "instances" | "metrics" | "clock">,
  cluster: ClusterConfig,
): Promise<{ observation: Observation; decision: Decision }> {
  const observation = await observeCluster(deps, cluster);
  return { observation, decision: decide(cluster, observation, deps.clock.now()) };
}
