/**
 * Arguments of `simulate`, `compare` and `bench`: positional scenarios (built-in names or JSON files) and a few flags,
 * each either `--flag value` or `--flag=value`. Unknown flags are an error naming the flag, never silently ignored.
 */
import { clusterFromConfig } from "../sim/scenario/cluster-from-config.ts";
import { type Override, OverrideError, parseOverride } from "../sim/scenario/overrides.ts";

export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** A mistake in the command line: a bad flag here, or a scenario override (`--set`, `--config`) that cannot be read. */
export function isUsageError(err: unknown): err is UsageError | OverrideError {
  return err instanceof UsageError || err instanceof OverrideError;
}

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
  /** Every value of each repeatable flag, in order (`--set a=1 --set b=2`). */
  lists: Map<string, string[]>;
}

/** `valueFlags` take a value; `booleanFlags` do not; `repeatableFlags` take a value and may be given many times. */
export function parseArgs(
  args: readonly string[],
  valueFlags: readonly string[],
  booleanFlags: readonly string[],
  repeatableFlags: readonly string[] = [],
): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const lists = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (booleanFlags.includes(name)) {
      if (eq !== -1) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
    } else if (valueFlags.includes(name) || repeatableFlags.includes(name)) {
      const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
      if (value === undefined || value === "" || (eq === -1 && value.startsWith("--")))
        throw new UsageError(`--${name} needs a value`);
      if (repeatableFlags.includes(name)) lists.set(name, [...(lists.get(name) ?? []), value]);
      else flags.set(name, value);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positional, flags, lists };
}

export function stringFlag(parsed: ParsedArgs, name: string): string | undefined {
  const v = parsed.flags.get(name);
  return typeof v === "string" ? v : undefined;
}

/**
 * What `simulate` and `compare` change in every scenario: the cluster of `--config FILE [--cluster NAME]` first, then
 * each `--set` in order (so `--set` can adjust the configuration's cluster).
 */
export function scenarioOverrides(parsed: ParsedArgs): Override[] {
  const config = stringFlag(parsed, "config");
  const cluster = stringFlag(parsed, "cluster");
  if (cluster !== undefined && config === undefined) throw new UsageError("--cluster names a cluster of --config FILE");
  const fromConfig = config === undefined ? [] : [clusterFromConfig(config, cluster)];
  return [...fromConfig, ...(parsed.lists.get("set") ?? []).map(parseOverride)];
}
