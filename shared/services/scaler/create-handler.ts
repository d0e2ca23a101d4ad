/**
 * The scaler Lambda: a middy handler over the shared stack. Per event: parse it (a malformed one is refused with one
 * clear error, an `InvalidEvents` metric and no action — returned, not thrown, so Lambda does not retry it), load the
 * configuration, and reconcile the clusters the trigger names.
 *
 * @example
 * export const handler = createScalerHandler(scalerDeps());
 * // the simulator: createScalerHandler(simDeps, { sweepLifecycle: (c, g) => … })
 */
import type { Context } from "aws-lambda";
import { ConfigError } from "../../config/errors.ts";
import { decide as domainDecide } from "../../domain/decide.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import { DEPLOYMENT_SCOPE, OWN_METRICS } from "../../ports/metrics.ts";
import { countInvalidEvents } from "../../runtime/invalid-events.ts";
import { withStack } from "../../runtime/stack.ts";
import { sweepLifecycle as sweepLostLifecycleEvents } from "../lifecycle/sweep.ts";
import type { DecideFn, SweepLifecycleFn } from "./reconcile-cluster.ts";
import { runScalerTrigger, type ScalerResult } from "./run-trigger.ts";
import { parseScalerTrigger, triggerCorrelationId } from "./trigger.ts";

export interface ScalerHandlerOptions {
  /** Defaults to `decide` from `shared/domain/decide.ts`. */
  decide?: DecideFn;
  /**
   * Called for every reconciled cluster on every tick, with the group just read, to finish lifecycle actions whose
   * events were lost (Auto Scaling events are best effort). Defaults to `sweepLifecycle` from
   * `shared/services/lifecycle/sweep.ts`; `false` turns it off (the scaler then only scales).
   */
  sweepLifecycle?: SweepLifecycleFn | false;
}

export type ScalerEvent = unknown;

export function createScalerHandler(deps: AutoscalerDeps, options: ScalerHandlerOptions = {}) {
  const decide = options.decide ?? domainDecide;
  const sweepLifecycle =
    options.sweepLifecycle === false
      ? undefined
      : (options.sweepLifecycle ?? ((cluster, group) => sweepLostLifecycleEvents(deps, cluster, group)));
  const { logger, publisher, clock } = deps;

  async function handle(event: ScalerEvent, context: Context): Promise<ScalerResult> {
    const parsed = parseScalerTrigger(event);
    if (!parsed.ok) {
      logger.error(parsed.error.message, { problems: parsed.error.problems, form: parsed.error.form });
      countInvalidEvents(deps);
      return { ok: false, decisions: [], error: parsed.error.message };
    }
    let config: Awaited<ReturnType<AutoscalerDeps["loadConfig"]>>;
    try {
      config = await deps.loadConfig();
    } catch (err) {
      const message = err instanceof ConfigError ? err.message : `configuration not loaded: ${(err as Error).message}`;
      logger.error(message, { problems: err instanceof ConfigError ? err.problems : undefined });
      publisher.publish(DEPLOYMENT_SCOPE, [{ name: OWN_METRICS.configErrors, unit: "Count", value: 1 }], clock.now());
      await deps.notifier.notify({
        kind: "autoscaler-error",
        cluster: DEPLOYMENT_SCOPE,
        at: clock.now(),
        requestId: context.awsRequestId,
        functionName: "scaler",
        message,
      });
      return { ok: false, trigger: parsed.trigger.kind, decisions: [], error: message };
    }
    return runScalerTrigger(deps, config, parsed.trigger, {
      decide,
      sweepLifecycle,
      requestId: context.awsRequestId,
    });
  }

  return withStack<ScalerEvent, ScalerResult>(
    { functionName: "scaler", logger },
    handle,
    (event, context) => triggerCorrelationId(event) ?? context.awsRequestId,
  );
}
