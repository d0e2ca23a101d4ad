/**
 * A deployment configuration file — the document the Lambdas load as JSON from `DP_AUTOSCALER_CONFIG` or SSM — read
 * here as JSON or YAML (`sim/document.ts`), for the simulator's `--config` and the CLI's `decide` and
 * `validate-config`. Throws `DocumentReadError` (no such file), `DocumentSyntaxError` (line:column) or `ConfigError`
 * (every problem with its path).
 */
import { validateDeploymentConfig } from "../shared/config/loader.ts";
import type { DeploymentConfig } from "../shared/config/schema.ts";
import { readDocument, sourceName } from "./document.ts";

export function readConfigFile(path: string): DeploymentConfig {
  return validateDeploymentConfig(readDocument(path), sourceName(path));
}
