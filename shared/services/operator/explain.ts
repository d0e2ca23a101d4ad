/**
 * `explain`: the decision the scaler would take now, with every reason, and nothing done — observed and decided exactly
 * as the scaler does (`decideNow`, which `status` uses too).
 */
import type { ClusterConfig } from "../../config/schema.ts";
import { decide } from "../../domain/decide.ts";
import type { Decision } from "../../domain/decision.ts";
import { formatDecision } from "../../domain/explain.ts";
import type { Observation } from "../../domain/observation.ts";
import type { ExplainRequest } from "../../events/operator-request.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import { observeCluster } from "../observe/observe.ts";
import type { ActionContext, ExplainResponse } from "./types.ts";

/* Observe and decide exactly as the scaler does, without acting: what `explain` and `status` show. */
export async function decideNow(
  deps: Pick<AutoscalerDeps, "fleet" | "instances" | "metrics" | "clock">,
  cluster: ClusterConfig,
): Promise<{ observation: Observation; decision: Decision }> {
  const observation = await observeCluster(deps, cluster);
  return { observation, decision: decide(cluster, observation, deps.clock.now()) };
}

/* `explain`: the decision the scaler would take now, with every reason, and nothing done. */
export async function explainAction(ctx: ActionContext, _request: ExplainRequest): Promise<ExplainResponse> {
  const { decision } = await decideNow(ctx.deps, ctx.cluster);
  return { ok: true, action: "explain", cluster: ctx.cluster.name, decision, text: formatDecision(decision) };
}
