/** The scaler Lambda: CloudWatch alarms (EventBridge or SNS), the 1-minute schedule, `{ reconcile }` invokes. */
import { scalerDeps } from "../../shared/runtime/deps/scaler.ts";
import { createScalerHandler } from "../../shared/services/scaler/create-handler.ts";

export const handler = createScalerHandler(scalerDeps());
