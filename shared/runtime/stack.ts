/**
 * The middy stack every function shares: structured logging with the Lambda context and a correlation id, and one
 * place where unexpected errors are logged with context before Lambda sees them. Parsing is each function's own (its
 * event forms differ); invalid input is answered by the function, never retried into a loop.
 */
import type { Logger } from "@aws-lambda-powertools/logger";
import { injectLambdaContext } from "@aws-lambda-powertools/logger/middleware";
import middy, { type MiddyfiedHandler } from "@middy/core";
import type { Context } from "aws-lambda";
import { cut, ID_MAX } from "../events/text.ts";
import type { LambdaFunction } from "./functions.ts";

export interface StackOptions {
  functionName: LambdaFunction;
  logger: Logger;
}

/** Wraps a handler with the shared stack. `correlationId` picks the id from the event (EventBridge `id`, SNS MessageId, …). */
export function withStack<E, R>(
  options: StackOptions,
  handler: (event: E, context: Context) => Promise<R>,
  correlationId: (event: E, context: Context) => string | undefined = (_e, c) => c.awsRequestId,
): MiddyfiedHandler<E, R, Error, Context> {
  const { logger } = options;
  return middy<E, R, Error, Context>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .use({
      before: (request) => {
        logger.appendKeys({ function: options.functionName });
        // The id comes from the event (the sender's text) and goes on every line: cut, it stays an id.
        const id = correlationId(request.event, request.context) ?? request.context.awsRequestId;
        logger.setCorrelationId(cut(id, ID_MAX));
      },
      onError: (request) => {
        logger.error("unhandled error", { error: request.error as Error });
      },
    })
    .handler(handler);
}
