/**
 * The one contract for an event a function refuses (scaler, launch, drain): it is answered, never thrown (Lambda must
 * not retry what cannot change), logged once as an error by the function that understood why, and counted in the
 * own metric `InvalidEvents` under the deployment's scope (an alarm watches it; no user text becomes a dimension).
 */
import type { AutoscalerDeps } from "../ports/deps.ts";
import { DEPLOYMENT_SCOPE, OWN_METRICS } from "../ports/metrics.ts";

/** Counts `count` refused events (or messages of one batch) in `InvalidEvents`. */
export function countInvalidEvents(deps: Pick<AutoscalerDeps, "publisher" | "clock">, count = 1): void {
  deps.publisher.publish(
    DEPLOYMENT_SCOPE,
    [{ name: OWN_METRICS.invalidEvents, unit: "Count", value: count }],
    deps.clock.now(),
  );
}
