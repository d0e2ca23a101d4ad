/** The drain Lambda: terminate lifecycle actions (EventBridge, SNS, SQS) and its own continuations. */
import { awsDeps } from "../../shared/runtime/aws-deps.ts";
import { createDrainHandler } from "../../shared/services/drain/create-handler.ts";

export const handler = createDrainHandler(awsDeps());
