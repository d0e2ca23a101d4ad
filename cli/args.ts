/**
 * What `simulate`, `compare` and `bench` read from their command lines beyond the grammar: the scenario overrides
 * (`--config FILE [--cluster NAME]`, `--set KEY=VALUE`) and the policies (`--policies a,b`).
 */
import { clusterFromConfig } from "../sim/scenario/cluster-from-config.ts";
import { type Override, parseOverride } from "../sim/scenario/overrides.ts";
import { POLICY_NAMES, type PolicyName } from "../sim/types.ts";
import { type CommandLine, UsageError } from "./command.ts";
import { didYouMean } from "./suggest.ts";

/**
 * What `simulate` and `compare` change in every scenario: the cluster of `--config FILE [--cluster NAME]` first, then
 * each `--set` in order (so `--set` can adjust the configuration's cluster).
 */
export function scenarioOverrides(line: CommandLine): Override[] {
  const config = line.string("config");
  const cluster = line.string("cluster");
  if (cluster !== undefined && config === undefined) throw new UsageError("--cluster names a cluster of --config FILE");
  const fromConfig = config === undefined ? [] : [clusterFromConfig(config, cluster)];
  return [...fromConfig, ...line.list("set").map(parseOverride)];
}

/** One policy name, checked (a typo gets the closest name). */
export function policyNamed(name: string): PolicyName {
  if ((POLICY_NAMES as readonly string[]).includes(name)) return name as PolicyName;
  throw new UsageError(`unknown policy "${name}" (known: ${POLICY_NAMES.join(", ")})${didYouMean(name, POLICY_NAMES)}`);
}

/** `--policies ours,step`: each checked, duplicates dropped; every policy when absent. */
export function parsePolicies(text: string | undefined): PolicyName[] {
  if (text === undefined) return [...POLICY_NAMES];
  const wanted = text
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  if (wanted.length === 0) throw new UsageError("--policies names no policy");
  return [...new Set(wanted.map(policyNamed))];
}
