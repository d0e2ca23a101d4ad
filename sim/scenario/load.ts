/**
 * Finding and validating a scenario: a built-in by name, or a JSON or YAML file on disk (`sim/document.ts`). Every problem is reported with where
 * it is — the file and the path inside it (`scenarios/x.json: cluster.maxNodes: must be ≥ minNodes`) — so a user can
 * fix the document without reading the schema.
 */
import { statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { describeIssues } from "../../shared/config/errors.ts";
import { DocumentReadError, DocumentSyntaxError, parseDocumentText, readDocumentText } from "../document.ts";
import { BUILTIN_SCENARIOS } from "./builtins.ts";
import { applyOverrides, type Override } from "./overrides.ts";
import { type Scenario, scenarioSchema } from "./schema.ts";

/**
 * A scenario could not be found (`not-found`: no such built-in or file — a usage error for the CLI) or is invalid.
 * `problems` lists every problem, one line each.
 */
export class ScenarioError extends Error {
  override readonly name = "ScenarioError";
  constructor(
    /** A built-in's name or the file's path. */
    readonly source: string,
    readonly problems: string[],
    readonly kind: "not-found" | "invalid" = "invalid",
  ) {
    super(`${source}: ${problems.join("; ")}`);
  }
}

export interface LoadedScenario {
  scenario: Scenario;
  /** The folder relative traffic files are read from (the scenario file's; the working directory for built-ins). */
  baseDir: string;
  source: "builtin" | "file";
}

export function builtinNames(): string[] {
  return BUILTIN_SCENARIOS.map((s) => s.name);
}

/** A built-in scenario with `overrides` (`--set`) applied, validated. */
export function builtinScenario(name: string, overrides: readonly Override[] = []): Scenario {
  const input = BUILTIN_SCENARIOS.find((s) => s.name === name);
  if (!input)
    throw new ScenarioError(
      name,
      [`no built-in scenario of that name (built-ins: ${builtinNames().join(", ")})`],
      "not-found",
    );
  return validateScenario(applyOverrides(input, overrides), withOverrides(`built-in ${name}`, overrides));
}

/** Names the overrides in the source of error messages: the problem may be the override's. */
function withOverrides(source: string, overrides: readonly Override[]): string {
  return overrides.length === 0 ? source : `${source} with ${overrides.map((o) => o.origin).join(" ")}`;
}

/** Validates a scenario document; `source` names it in errors. */
export function validateScenario(document: unknown, source: string): Scenario {
  const parsed = scenarioSchema.safeParse(document);
  if (!parsed.success) throw new ScenarioError(source, describeIssues(parsed.error));
  return parsed.data;
}

/** A JSON or YAML scenario file, with `overrides` (`--set`) applied. */
export function scenarioFromFile(path: string, overrides: readonly Override[] = []): LoadedScenario {
  let document: unknown;
  try {
    document = parseDocumentText(readDocumentText(path), path);
  } catch (err) {
    if (err instanceof DocumentReadError)
      throw new ScenarioError(
        path,
        [err.code === "ENOENT" ? "no such file" : `cannot be read (${err.code})`],
        "not-found",
      );
    if (err instanceof DocumentSyntaxError)
      throw new ScenarioError(`${path}:${err.line}:${err.column}`, [
        `not valid ${err.format.toUpperCase()}: ${err.detail}`,
      ]);
    throw err;
  }
  return {
    scenario: validateScenario(applyOverrides(document, overrides), withOverrides(path, overrides)),
    baseDir: dirname(resolve(path)),
    source: "file",
  };
}

/** A built-in by name, else a file by path; `overrides` (`--set`) applied before validation. */
export function loadScenario(nameOrPath: string, overrides: readonly Override[] = []): LoadedScenario {
  if (builtinNames().includes(nameOrPath))
    return { scenario: builtinScenario(nameOrPath, overrides), baseDir: process.cwd(), source: "builtin" };
  if (isFile(nameOrPath) || /\.(json|ya?ml)$/i.test(nameOrPath)) return scenarioFromFile(nameOrPath, overrides);
  throw new ScenarioError(
    nameOrPath,
    [`neither a built-in scenario (${builtinNames().join(", ")}) nor a scenario file`],
    "not-found",
  );
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
