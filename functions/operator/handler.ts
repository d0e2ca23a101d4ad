/** The operator function: direct invoke, one JSON request → one JSON answer (see shared/services/operator/). */
import { awsDeps } from "../../shared/runtime/aws-deps.ts";
import { createOperatorHandler } from "../../shared/services/operator/create-handler.ts";

export const handler = createOperatorHandler(awsDeps());
