/** What a launch or drain needs to know about the Lambda invocation it runs in. */
import type { Context } from "aws-lambda";

export interface Invocation {
  /** Milliseconds left before Lambda ends this invocation (virtual in the simulator). */
  remainingMs(): number;
  requestId?: string;
}

export function invocationOf(context: Context): Invocation {
  return { remainingMs: () => context.getRemainingTimeInMillis(), requestId: context.awsRequestId };
}
