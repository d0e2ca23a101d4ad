/**
 * The environment a function runs in, read and checked once at cold start. A wrong variable is a deployment mistake:
 * it fails the cold start with an `EnvError` naming the variable and what it should be. (Where the configuration
 * comes from — `DP_AUTOSCALER_CONFIG` / `DP_AUTOSCALER_CONFIG_PARAM` — is checked by the config loader on every
 * invocation instead, so that a missing configuration is reported and alerted, not just a crashed init.)
 */

export const LOG_LEVELS = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "SILENT", "CRITICAL"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class EnvError extends Error {
  override readonly name = "EnvError";
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

export interface RuntimeEnv {
  /** `AWS_REGION` (set by Lambda), else `AWS_DEFAULT_REGION`. */
  region: string;
  /** `POWERTOOLS_SERVICE_NAME`, default `dp-autoscaler`. */
  serviceName: string;
  /** `POWERTOOLS_LOG_LEVEL` (or Lambda's `AWS_LAMBDA_LOG_LEVEL`), default INFO. */
  logLevel: LogLevel;
}

type Env = Readonly<Record<string, string | undefined>>;

function nonEmpty(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === undefined || v === "" ? undefined : v;
}

export function readRuntimeEnv(env: Env): RuntimeEnv {
  const region = nonEmpty(env, "AWS_REGION") ?? nonEmpty(env, "AWS_DEFAULT_REGION");
  if (region === undefined)
    throw new EnvError("AWS_REGION", "not set (Lambda sets it; locally export AWS_REGION=us-east-1 or similar)");
  if (!/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/.test(region))
    throw new EnvError(
      env.AWS_REGION ? "AWS_REGION" : "AWS_DEFAULT_REGION",
      `"${region}" is not a region code like us-east-2`,
    );

  const levelVar = nonEmpty(env, "POWERTOOLS_LOG_LEVEL") ? "POWERTOOLS_LOG_LEVEL" : "AWS_LAMBDA_LOG_LEVEL";
  const rawLevel = (nonEmpty(env, levelVar) ?? "INFO").toUpperCase();
  if (!(LOG_LEVELS as readonly string[]).includes(rawLevel))
    throw new EnvError(levelVar, `"${env[levelVar]}" is not one of ${LOG_LEVELS.join(", ")}`);

  return {
    region,
    serviceName: nonEmpty(env, "POWERTOOLS_SERVICE_NAME") ?? "dp-autoscaler",
    logLevel: rawLevel as LogLevel,
  };
}
