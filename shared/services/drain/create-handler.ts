/**
 * The drain function: triggered by "EC2 Instance-terminate Lifecycle Action" (EventBridge, or the hook's SNS topic /
 * SQS queue) and its own continuations.
 *
 * @example
 * ```ts
 * export const handler = createDrainHandler(drainDeps());
 * ```
 */
import type { Context } from "aws-lambda";
import { lifecycleCorrelationId } from "../../events/lifecycle-event.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import { withStack } from "../../runtime/stack.ts";
import type { LifecycleHandlerResult } from "../lifecycle/invocation.ts";
import { handleLifecycleInvocation, invocationOf } from "../lifecycle/invocation.ts";
import { runDrain } from "./drain-service.ts";

export function createDrainHandler(deps: AutoscalerDeps) {
  return withStack<unknown, LifecycleHandlerResult>(
    { functionName: "drain", logger: deps.logger },
    (event: unknown, context: Context) =>
      handleLifecycleInvocation(deps, "drain", runDrain, event, invocationOf(context)),
    (event, context) => lifecycleCorrelationId(event) ?? context.awsRequestId,
  );
}
