/**
 * `dp-autoscaler decide --config FILE --observation FILE [--cluster NAME] [--json]`: "what would it do?", offline.
 * Validates both files (every problem printed with its path, exit 1), picks the cluster (`--cluster`, else the
 * observation's `cluster`), decides at the observation's `observedAt`, and prints the decision in plain words or as
 * JSON. Usage errors and unreadable files exit 2.
 */
import { readFile } from "node:fs/promises";
import { ConfigError, describeIssues } from "../../shared/config/errors.ts";
import { parseDeploymentConfig } from "../../shared/config/loader.ts";
import type { DeploymentConfig } from "../../shared/config/schema.ts";
import { decide } from "../../shared/domain/decide.ts";
import { formatDecision } from "../../shared/domain/explain.ts";
import type { Observation } from "../../shared/domain/observation.ts";
import { observationSchema } from "../../shared/domain/observation-schema.ts";

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleOutput: Output = { out: (l) => console.log(l), err: (l) => console.error(l) };
const USAGE = "usage: dp-autoscaler decide --config FILE --observation FILE [--cluster NAME] [--json]";

interface DecideArgs {
  config: string;
  observation: string;
  cluster?: string;
  json: boolean;
}

/** Parses the flags; a string is the usage problem. */
export function parseDecideArgs(args: readonly string[]): DecideArgs | string {
  const values: Record<string, string> = {};
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--json") json = true;
    else if (a === "--config" || a === "--observation" || a === "--cluster") {
      const v = args[++i];
      if (v === undefined || v.startsWith("--")) return `${a} needs a value`;
      values[a.slice(2)] = v;
    } else return `unexpected argument "${a}"`;
  }
  if (values.config === undefined) return "--config FILE is required";
  if (values.observation === undefined) return "--observation FILE is required";
  return { config: values.config, observation: values.observation, cluster: values.cluster, json };
}

export async function decideCommand(args: readonly string[], io: Output = consoleOutput): Promise<number> {
  const parsed = parseDecideArgs(args);
  if (typeof parsed === "string") {
    io.err(`dp-autoscaler decide: ${parsed}\n${USAGE}`);
    return 2;
  }
  const configText = await readText(parsed.config, io);
  const observationText = await readText(parsed.observation, io);
  if (configText === undefined || observationText === undefined) return 2;

  let config: DeploymentConfig | undefined;
  try {
    config = parseDeploymentConfig(configText, parsed.config);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    reportProblems(io, parsed.config, err.problems);
  }
  const observation = parseObservation(observationText, parsed.observation, io);
  if (config === undefined || observation === undefined) return 1;

  const name = parsed.cluster ?? observation.cluster;
  const cluster = config.clusters.find((c) => c.name === name);
  if (cluster === undefined) {
    const have = config.clusters.map((c) => c.name).join(", ");
    io.err(`dp-autoscaler decide: cluster "${name}" is not in ${parsed.config} (clusters: ${have})`);
    return 1;
  }
  const decision = decide(cluster, observation, observation.observedAt);
  io.out(parsed.json ? JSON.stringify(decision, null, 2) : formatDecision(decision));
  return 0;
}

export function run(args: string[]): Promise<number> {
  return decideCommand(args);
}

async function readText(file: string, io: Output): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    io.err(
      `dp-autoscaler decide: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
    return undefined;
  }
}

function parseObservation(text: string, file: string, io: Output): Observation | undefined {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (err) {
    reportProblems(io, file, [`(document): not valid JSON (${(err as Error).message})`]);
    return undefined;
  }
  const result = observationSchema.safeParse(document);
  if (result.success) return result.data;
  reportProblems(io, file, describeIssues(result.error));
  return undefined;
}

function reportProblems(io: Output, file: string, problems: readonly string[]): void {
  io.err(`${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
  for (const p of problems) io.err(`  ${p}`);
}
