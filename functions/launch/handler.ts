/** The launch Lambda: launch lifecycle actions (EventBridge, SNS, SQS) and its own continuations. */
import { awsDeps } from "../../shared/runtime/aws-deps.ts";
import { createLaunchHandler } from "../../shared/services/launch/create-handler.ts";

export const handler = createLaunchHandler(awsDeps());
