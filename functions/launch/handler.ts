/** The launch Lambda: launch lifecycle actions (EventBridge, SNS, SQS) and its own continuations. */
import { launchDeps } from "../../shared/runtime/deps/launch.ts";
import { createLaunchHandler } from "../../shared/services/launch/create-handler.ts";

export const handler = createLaunchHandler(launchDeps());
