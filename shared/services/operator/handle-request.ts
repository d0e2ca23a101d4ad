/**
 * One operator request, start to end: validate, find the cluster, run the action, answer. Never throws: every outcome
 * is a JSON answer, `{ ok: true, … }` or `{ ok: false, error: { code, message } }`, and a refused or invalid request
 * changes nothing.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import { requestDigest } from "../../events/caller-proof.ts";
import { type OperatorRequest, parseOperatorRequest } from "../../events/operator-request.ts";
import type { Caller, CallerVerifier } from "../../ports/caller.ts";
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

/**
 * `verifier` checks a request's caller proof with AWS (the operator function passes STS's; without one, a request
 * carrying a proof is refused rather than recorded as verified).
 */
export async function handleOperatorRequest(
  deps: AutoscalerDeps,
  event: unknown,
  requestId?: string,
  verifier?: CallerVerifier,
): Promise<OperatorResponse> {
  let cluster: ClusterConfig | undefined;
  let caller: Caller = { verified: false };
  const response = await answer();
  if (requestId) response.requestId = requestId;
  auditRequest(deps, event, response, cluster?.name, caller);
  return response;

  async function answer(): Promise<OperatorResponse> {
    const parsed = parseOperatorRequest(event);
    if (!parsed.ok) return failure("invalid_request", parsed.message, parsed.field);
    const request = parsed.request;
    if (request.callerProof !== undefined) {
      if (verifier === undefined)
        return failure("unauthenticated", "this operator cannot check caller proofs: send the request without one");
      const check = await verifier.verify(request.callerProof, requestDigest(rawRequest(event)));
      if (!check.ok)
        return failure(
          "unauthenticated",
          check.kind === "rejected"
            ? `AWS did not authenticate the caller: ${check.reason}`
            : `the caller could not be verified (${check.reason}): nothing was done, retry`,
          "callerProof",
        );
      caller = { arn: check.arn, verified: true };
    }
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
      return await run({ deps, cluster, requestId, caller }, request);
    } catch (err) {
      if (err instanceof OperatorRefusalError) return failure(err.code, err.message, err.field, err.details);
      if (err instanceof GroupNotFoundError) return failure("group_not_found", err.message);
      deps.logger.error("operator request failed", { cluster: cluster.name, error: err as Error });
      return failure("internal_error", err instanceof Error ? `${err.name}: ${err.message}` : String(err));
    }
  }
}

/** The request as it arrived (parsed when double-encoded), which is what the caller signed. */
function rawRequest(event: unknown): Record<string, unknown> {
  return (typeof event === "string" ? JSON.parse(event) : event) as Record<string, unknown>;
}
