/**
 * Backtesting your own configuration: `--config FILE [--cluster NAME]` on `simulate` and `compare` replaces each
 * scenario's `cluster` with a cluster of a deployment configuration document, JSON or YAML (the document the Lambdas load; see
 * `docs/configuration.md`), so the built-in traces replay against the settings you run. The document is validated
 * first, every problem with its path; then the cluster goes into the scenario like a `--set cluster=…` would.
 */
import { readConfigFile } from "../config-file.ts";
import { DocumentReadError } from "../document.ts";
import { type Override, OverrideError } from "./overrides.ts";

/** The override that puts cluster `name` (or the document's only one) of the configuration at `path` in a scenario. */
export function clusterFromConfig(path: string, name?: string): Override {
  let config: ReturnType<typeof readConfigFile>;
  try {
    config = readConfigFile(path);
  } catch (err) {
    if (err instanceof DocumentReadError) throw new OverrideError(`--config ${path}: cannot be read (${err.code})`);
    throw err;
  }
  const names = config.clusters.map((c) => c.name);
  if (name === undefined && config.clusters.length !== 1)
    throw new OverrideError(
      `--config ${path} has ${config.clusters.length} clusters (${names.join(", ")}): name one with --cluster`,
    );
  const cluster = name === undefined ? config.clusters[0]! : config.clusters.find((c) => c.name === name);
  if (!cluster) throw new OverrideError(`--cluster ${name}: not in ${path} (its clusters: ${names.join(", ")})`);
  const origin = name === undefined ? `--config ${path}` : `--config ${path} --cluster ${name}`;
  return { key: "cluster", path: ["cluster"], value: cluster, origin };
}
