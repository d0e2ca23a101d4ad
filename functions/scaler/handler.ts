/** The scaler Lambda: CloudWatch alarms (EventBridge or SNS), the 1-minute schedule, `{ reconcile }` invokes. */
import { awsDeps } from "../../shared/runtime/aws-deps.ts";
import { createScalerHandler } from "../../shared/services/scaler/create-handler.ts";

export const handler = createScalerHandler(awsDeps());
