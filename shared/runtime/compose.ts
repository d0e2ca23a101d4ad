/**
 * What every function's `AutoscalerDeps` has, whichever AWS adapters it uses: the configuration loader (env JSON or
 * SSM, cached per cold start), the real clock, a Powertools logger, the EMF publisher and the Slack notifier (webhook
 * from SSM or Secrets Manager). The adapter ports come from the caller, so that this module imports no adapter and a
 * function's bundle carries only the SDK clients its composition root (`functions/<function>/handler.ts`) names.
 */
import { EmfPublisher } from "../aws/emf-publisher.ts";
import { readParameter, readSecret } from "../aws/secrets.ts";
import { createConfigLoader } from "../config/loader.ts";
import { createNotifier } from "../notify/index.ts";
import { systemClock } from "../ports/clock.ts";
import type { AutoscalerDeps } from "../ports/deps.ts";
import { readRuntimeEnv } from "./env.ts";
import type { AdapterPorts } from "./functions.ts";
import { createLogger } from "./logger.ts";

/** Throws an `EnvError` when the environment is wrong (a failed cold start names the variable). */
export function composeAwsDeps(env: NodeJS.ProcessEnv, adapters: AdapterPorts): AutoscalerDeps {
  const runtime = readRuntimeEnv(env);
  const logger = createLogger({ serviceName: runtime.serviceName, logLevel: runtime.logLevel });
  const clock = systemClock;
  const loadConfig = createConfigLoader(env, readParameter);
  return {
    loadConfig,
    clock,
    logger,
    ...adapters,
    publisher: new EmfPublisher(),
    notifier: createNotifier({ loadConfig, clock, logger, readSecret, env }),
    region: runtime.region,
  };
}
