/** The drain Lambda: terminate lifecycle actions (EventBridge, SNS, SQS) and its own continuations. */
import { drainDeps } from "../../shared/runtime/deps/drain.ts";
import { createDrainHandler } from "../../shared/services/drain/create-handler.ts";

export const handler = createDrainHandler(drainDeps());
