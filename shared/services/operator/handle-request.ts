/**
 * One operator request, start to end: validate, find the cluster, run the action, answer. Never throws: every outcome
 * is a JSON answer, `{ ok: true, … }` or `{ ok: false, error: { code, message } }`, and a refused or invalid request
 * changes nothing.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import { type OperatorRequest, parseOperatorRequest } from "../../events/operator-request.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import { GroupNotFoundError } from "../observe/observe.ts";
import { auditRequest } from "./audit.ts";
import { explainAction } from "./explain.ts";
import { pauseAction, resumeAction } from "./pause-resume.ts";
import { scaleAction } from "./scale.ts";
import { statusAction } from "./status.ts";
import type { ActionContext, OperatorErrorCode, OperatorFailure, OperatorResponse, OperatorSuccess } from "./types.ts";
import { OperatorRefusalError } from "./types.ts";

function run(ctx: ActionContext, request: OperatorRequest): Promise<OperatorSuccess> {
  switch (request.action) {
    case "status":
      return statusAction(ctx, request);
    case "explain":
      return explainAction(ctx, request);
    case "scale":
      return scaleAction(ctx, request);
    case "pause":
      return pauseAction(ctx, request);
    case "resume":
      return resumeAction(ctx, request);
  }
}

function failure(
  code: OperatorErrorCode,
  message: string,
  field?: string,
  details?: Record<string, unknown>,
): OperatorFailure {
  return {
    ok: false,
    error: { code, message, ...(field ? { field } : {}), ...(details ? { details } : {}) },
  };
}

export async function handleOperatorRequest(
  deps: AutoscalerDeps,
  event: unknown,
  requestId?: string,
): Promise<OperatorResponse> {
  let cluster: ClusterConfig | undefined;
  const response = await answer();
  if (requestId) response.requestId = requestId;
  auditRequest(deps, event, response, cluster?.name);
  return response;

  async function answer(): Promise<OperatorResponse> {
    const parsed = parseOperatorRequest(event);
    if (!parsed.ok) return failure("invalid_request", parsed.message, parsed.field);
    const request = parsed.request;
    let clusters: ClusterConfig[];
    try {
      clusters = (await deps.loadConfig()).clusters;
    } catch (err) {
      return failure("config_error", err instanceof Error ? err.message : String(err));
    }
    cluster = clusters.find((c) => c.name === request.cluster);
    if (cluster === undefined)
      return failure(
        "unknown_cluster",
        `cluster: no cluster named ${JSON.stringify(request.cluster)} in this deployment (have: ${clusters.map((c) => c.name).join(", ")})`,
        "cluster",
      );
    try {
      return await run({ deps, cluster, requestId }, request);
    } catch (err) {
      if (err instanceof OperatorRefusalError) return failure(err.code, err.message, err.field, err.details);
      if (err instanceof GroupNotFoundError) return failure("group_not_found", err.message);
      deps.logger.error("operator request failed", { cluster: cluster.name, error: err as Error });
      return failure("internal_error", err instanceof Error ? `${err.name}: ${err.message}` : String(err));
    }
  }
}
