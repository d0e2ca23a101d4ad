/** A Lambda `Context` for calling middy handlers in tests: fixed ids, a generous remaining time. */
import type { Context } from "aws-lambda";

export function fakeLambdaContext(functionName = "dp-autoscaler-test-scaler", requestId = "req-1"): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: "256",
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "2026/01/15/[$LATEST]0123456789abcdef",
    getRemainingTimeInMillis: () => 300_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
