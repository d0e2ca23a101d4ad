/**
 * The operator function: a direct Lambda invoke with one JSON request, one JSON answer. Built from `AutoscalerDeps`,
 * so `dp-autoscaler ctl --local`, the tests and the simulator run exactly what is deployed.
 *
 * @example
 * export const handler = createOperatorHandler(operatorDeps());
 * // aws lambda invoke --function-name dp-autoscaler-operator \
 * //   --payload '{"action":"status","cluster":"prod"}' --cli-binary-format raw-in-base64-out out.json
 */
import type { Context } from "aws-lambda";
import type { CallerVerifier } from "../../ports/caller.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import { withStack } from "../../runtime/stack.ts";
import { handleOperatorRequest } from "./handle-request.ts";
import type { OperatorResponse } from "./types.ts";

export interface OperatorHandlerOptions {
  /** Checks caller proofs with AWS (`StsCallerVerifier` in the function; absent: a proof is refused). */
  verifier?: CallerVerifier;
}

export function createOperatorHandler(deps: AutoscalerDeps, options: OperatorHandlerOptions = {}) {
  return withStack<unknown, OperatorResponse>(
    { functionName: "operator", logger: deps.logger },
    (event: unknown, context: Context) => handleOperatorRequest(deps, event, context.awsRequestId, options.verifier),
  );
}

export type { OperatorResponse } from "./types.ts";
