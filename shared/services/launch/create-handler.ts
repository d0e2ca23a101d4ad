/**
 * The launch function: `functions/launch/handler.ts` builds it from the AWS adapters, the simulator from its virtual
 * cloud. Triggers: EventBridge "EC2 Instance-launch Lifecycle Action", the hook's SNS topic or SQS queue, and its own
 * continuations.
 *
 * @example
 * ```ts
 * export const handler = createLaunchHandler(launchDeps());
 * ```
 */
import type { Context } from "aws-lambda";
import { lifecycleCorrelationId } from "../../events/lifecycle-event.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import { withStack } from "../../runtime/stack.ts";
import type { LifecycleHandlerResult } from "../lifecycle/invocation.ts";
import { handleLifecycleInvocation, invocationOf } from "../lifecycle/invocation.ts";
import { runLaunch } from "./launch-service.ts";

export function createLaunchHandler(deps: AutoscalerDeps) {
  return withStack<unknown, LifecycleHandlerResult>(
    { functionName: "launch", logger: deps.logger },
    (event: unknown, context: Context) =>
      handleLifecycleInvocation(deps, "launch", runLaunch, event, invocationOf(context)),
    (event, context) => lifecycleCorrelationId(event) ?? context.awsRequestId,
  );
}
