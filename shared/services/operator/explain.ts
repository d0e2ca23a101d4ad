/** `explain`: the decision the scaler would take now, with every reason, and nothing done. */
import { formatDecision } from "../../domain/explain.ts";
import type { ExplainRequest } from "../../events/operator-request.ts";
import type { ActionContext } from "./context.ts";
import { decideNow } from "./decide-now.ts";
import type { ExplainResponse } from "./types.ts";

export async function explainAction(ctx: ActionContext, _request: ExplainRequest): Promise<ExplainResponse> {
  const { decision } = await decideNow(ctx.deps, ctx.cluster);
  return { ok: true, action: "explain", cluster: ctx.cluster.name, decision, text: formatDecision(decision) };
}
