/** The operator function: direct invoke, one JSON request → one JSON answer (see shared/services/operator/). */
import { operatorDeps } from "../../shared/runtime/deps/operator.ts";
import { createOperatorHandler } from "../../shared/services/operator/create-handler.ts";

export const handler = createOperatorHandler(operatorDeps());
