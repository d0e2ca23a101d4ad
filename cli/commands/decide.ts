/**
 * `dp-autoscaler decide --config FILE --observation FILE [--cluster NAME] [--json]`: "what would it do?", offline.
 * Reads both documents (JSON or YAML, `-` for stdin), validates them (every problem printed with its path, exit 1),
 * refuses an observation no real cluster can produce (exit 1, each impossibility named), picks the cluster
 * (`--cluster`, else the observation's `cluster`), decides at the observation's `observedAt`, and prints the decision
 * in plain words or as JSON. Usage errors and missing files exit 2. Options: `cli/grammar.ts`.
 */
import { ConfigError, describeIssues } from "../../shared/config/errors.ts";
import type { DeploymentConfig } from "../../shared/config/schema.ts";
import { decide } from "../../shared/domain/decide.ts";
import { formatDecision } from "../../shared/domain/explain.ts";
import type { Observation } from "../../shared/domain/observation.ts";
import { observationSchema } from "../../shared/domain/observation-schema.ts";
import { readConfigFile } from "../../sim/config-file.ts";
import { DocumentSyntaxError, readDocument, STDIN, sourceName } from "../../sim/document.ts";
import { type CommandLine, EXIT, UsageError } from "../command.ts";
import { GRAMMAR } from "../grammar.ts";
import { impossibleObservation } from "../impossible-observation.ts";
import { type CommandIo, consoleIo, runCommand } from "../run-command.ts";
import { didYouMean } from "../suggest.ts";

const SPEC = GRAMMAR.decide!;

export function decideCommand(args: readonly string[], io: CommandIo = consoleIo): Promise<number> {
  return runCommand(SPEC, args, (line) => decideFrom(line, io), io);
}

export function run(args: string[]): Promise<number> {
  return decideCommand(args);
}

function required(line: CommandLine, name: string): string {
  const value = line.string(name);
  if (value === undefined) throw new UsageError(`--${name} FILE is required`);
  return value;
}

async function decideFrom(line: CommandLine, io: CommandIo): Promise<number> {
  const configPath = required(line, "config");
  const observationPath = required(line, "observation");
  if (configPath === STDIN && observationPath === STDIN)
    throw new UsageError("only one of --config and --observation can read stdin (-)");

  // Both documents are checked before either verdict, so one run shows every problem.
  const config = problemsOf(io, sourceName(configPath), () => readConfigFile(configPath));
  const observation = problemsOf(io, sourceName(observationPath), () => parseObservation(observationPath));
  if (config === undefined || observation === undefined) return EXIT.failed;

  const impossible = impossibleObservation(observation);
  if (impossible.length > 0) {
    io.err(`${sourceName(observationPath)}: no real cluster reports this; not deciding from it`);
    for (const p of impossible) io.err(`  warning: ${p}`);
    return EXIT.failed;
  }

  const name = line.string("cluster") ?? observation.cluster;
  const cluster = config.clusters.find((c) => c.name === name);
  if (cluster === undefined) {
    const have = config.clusters.map((c) => c.name);
    io.err(
      `dp-autoscaler decide: cluster "${name}" is not in ${sourceName(configPath)} (clusters: ${have.join(", ")})${didYouMean(name, have)}`,
    );
    return EXIT.failed;
  }
  const decision = decide(cluster, observation, observation.observedAt);
  io.out(line.flag("json") ? JSON.stringify(decision, null, 2) : formatDecision(decision));
  return EXIT.ok;
}

function parseObservation(path: string): Observation {
  const result = observationSchema.safeParse(readDocument(path));
  if (!result.success) throw new ConfigError(sourceName(path), describeIssues(result.error));
  return result.data;
}

/** Runs a read; an invalid document's problems are printed and give `undefined` (a missing file stays a throw). */
function problemsOf<T extends DeploymentConfig | Observation>(
  io: CommandIo,
  source: string,
  read: () => T,
): T | undefined {
  try {
    return read();
  } catch (err) {
    if (err instanceof DocumentSyntaxError) {
      io.err(err.message);
      return undefined;
    }
    if (!(err instanceof ConfigError)) throw err;
    io.err(`${source}: ${err.problems.length} problem${err.problems.length === 1 ? "" : "s"}`);
    for (const p of err.problems) io.err(`  ${p}`);
    return undefined;
  }
}
