/**
 * Loads the deployment's configuration: the JSON in `DP_AUTOSCALER_CONFIG`, or the SSM parameter named by
 * `DP_AUTOSCALER_CONFIG_PARAM` (exactly one of the two). Every problem is reported at once, each with its path
 * (`clusters[0].maxNodes: must be ≥ minNodes`), in a `ConfigError`.
 *
 * @example
 * const loadConfig = createConfigLoader(process.env, readParameter);
 * const config = await loadConfig(); // read once per cold start, then cached
 */
import { ConfigError, describeIssues } from "./errors.ts";
import { type DeploymentConfig, deploymentConfigSchema } from "./schema.ts";

export const CONFIG_ENV = "DP_AUTOSCALER_CONFIG";
export const CONFIG_PARAM_ENV = "DP_AUTOSCALER_CONFIG_PARAM";

export type ReadParameter = (name: string) => Promise<string>;

/** Validates a configuration document's text. `source` names it in errors (a variable, a parameter, a file). */
export function parseDeploymentConfig(text: string, source: string): DeploymentConfig {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(source, [`(document): not valid JSON (${(err as Error).message})`]);
  }
  return validateDeploymentConfig(document, source);
}

/** Validates an already parsed document. */
export function validateDeploymentConfig(document: unknown, source: string): DeploymentConfig {
  const parsed = deploymentConfigSchema.safeParse(document);
  if (!parsed.success) throw new ConfigError(source, describeIssues(parsed.error));
  return parsed.data;
}

/** Reads and validates the configuration now (no cache). Rejects with a `ConfigError`. */
export async function loadDeploymentConfig(
  env: Readonly<Record<string, string | undefined>>,
  readParameter: ReadParameter,
): Promise<DeploymentConfig> {
  const inline = env[CONFIG_ENV]?.trim() || undefined;
  const param = env[CONFIG_PARAM_ENV]?.trim() || undefined;
  if (inline !== undefined && param !== undefined)
    throw new ConfigError("environment", [
      `${CONFIG_ENV} and ${CONFIG_PARAM_ENV} are both set: set exactly one, so there is no doubt which configuration runs`,
    ]);
  if (inline !== undefined) return parseDeploymentConfig(inline, CONFIG_ENV);
  if (param === undefined)
    throw new ConfigError("environment", [
      `set ${CONFIG_ENV} (the configuration as JSON) or ${CONFIG_PARAM_ENV} (the name of an SSM parameter holding it)`,
    ]);
  const source = `SSM parameter ${param}`;
  let text: string;
  try {
    text = await readParameter(param);
  } catch (err) {
    throw new ConfigError(source, [`(document): could not be read (${(err as Error).message})`]);
  }
  return parseDeploymentConfig(text, source);
}

/**
 * A loader that reads the configuration once per cold start. A failure is not cached: the next invocation tries
 * again, so a transient SSM error or a fixed parameter heals without a redeploy.
 */
export function createConfigLoader(
  env: Readonly<Record<string, string | undefined>>,
  readParameter: ReadParameter,
): () => Promise<DeploymentConfig> {
  let cached: Promise<DeploymentConfig> | undefined;
  return () => {
    if (cached === undefined) {
      const attempt = loadDeploymentConfig(env, readParameter);
      cached = attempt;
      attempt.catch(() => {
        if (cached === attempt) cached = undefined;
      });
    }
    return cached;
  };
}
