/**
 * One grammar for every verb. Each verb declares its options, positionals and examples once (`cli/grammar.ts`); from
 * that declaration come the parsing, `--help`, the usage line and the shell completion.
 *
 * The parser is `node:util.parseArgs`: it ships with Node (no dependency to keep up to date or audit), it is maintained
 * with Node itself, and it already does what the grammar needs — `--flag=value` and `--flag value`, short aliases,
 * repeatable options, and a strict mode that rejects unknown options. commander, yargs or citty would bring help
 * generation we would still have to bend to our exit codes and "did you mean", at the price of a dependency; the
 * little parseArgs lacks (help text, suggestions, messages in our words) is the rest of this file.
 *
 * Exit codes, one rule for every verb: 0 success; 1 the work failed or found problems (an invalid configuration, a
 * refused event, a failed AWS call); 2 a usage error (an unknown verb, option, scenario or policy; a missing file).
 */
import { parseArgs } from "node:util";
import { didYouMean } from "./suggest.ts";

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A mistake in the command line (exit 2). The message names what is wrong, with a suggestion when one is close. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** May be given several times; every value is kept in order. */
  multiple?: boolean;
  /** The placeholder in help: `FILE`, `N`, `KEY=VALUE`. */
  value?: string;
  description: string;
  /** The values it takes, for completion and "did you mean" (policies, log levels). */
  choices?: readonly string[];
  /** Completion offers file names. */
  file?: boolean;
}

export interface PositionalSpec {
  name: string;
  description: string;
  /** Completion offers these (and, when `file`, file names too). */
  choices?: () => readonly string[];
  file?: boolean;
}

export interface CommandSpec {
  name: string;
  /** One line, for the list of verbs. */
  summary: string;
  /** The arguments part of the usage line: `[SCENARIO|FILE] [--policy P] …`. */
  synopsis: string;
  positionals: PositionalSpec[];
  options: Record<string, OptionSpec>;
  /** Whole command lines, each run as written from the repository's root. */
  examples: string[];
  /** Sentences after the options: defaults, exit codes, where to read more. */
  notes?: string[];
}

const HELP_OPTION: OptionSpec = { type: "boolean", short: "h", description: "show this help and exit" };

/** Every option of a verb, `--help` included. */
export function optionsOf(spec: CommandSpec): Record<string, OptionSpec> {
  return { ...spec.options, help: HELP_OPTION };
}

export function usageLine(spec: CommandSpec): string {
  return `dp-autoscaler ${spec.name}${spec.synopsis === "" ? "" : ` ${spec.synopsis}`}`;
}

/** The text of `dp-autoscaler <verb> --help`. */
export function renderHelp(spec: CommandSpec): string {
  const lines = [`usage: ${usageLine(spec)}`, "", spec.summary];
  if (spec.positionals.length > 0) {
    lines.push("", "arguments:");
    const width = Math.max(...spec.positionals.map((p) => p.name.length));
    for (const p of spec.positionals) lines.push(`  ${p.name.padEnd(width)}  ${p.description}`);
  }
  lines.push("", "options:");
  const entries = Object.entries(optionsOf(spec)).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : "    "}--${name}${o.value ? ` ${o.value}` : ""}`;
    const more = [o.multiple ? "(repeatable)" : "", o.choices ? `(one of: ${o.choices.join(", ")})` : ""].filter(
      Boolean,
    );
    return [flag, [o.description, ...more].join(" ")] as const;
  });
  const width = Math.max(...entries.map(([flag]) => flag.length));
  for (const [flag, text] of entries) lines.push(`  ${flag.padEnd(width)}  ${text}`);
  if (spec.notes && spec.notes.length > 0) lines.push("", ...spec.notes);
  lines.push("", spec.examples.length === 1 ? "example:" : "examples:", ...spec.examples.map((e) => `  ${e}`));
  return lines.join("\n");
}

/** A parsed command line, read through typed accessors. */
export interface CommandLine {
  /** `--help` or `-h` was given: print the help, do nothing else. */
  help: boolean;
  positionals: string[];
  string(name: string): string | undefined;
  flag(name: string): boolean;
  list(name: string): string[];
}

function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

/** The option a parseArgs message is about: `Unknown option '--bogus'` → `--bogus`; `'-c, --config <value>'` → `--config`. */
function quotedOption(message: string): string {
  return /'(?:-\w, )?(-{1,2}[^' ]+)/.exec(message)?.[1] ?? message;
}

/** parseArgs' error in our words: what is wrong, and the option meant when one is close. */
function usageErrorOf(err: unknown, spec: CommandSpec): UsageError {
  const code = (err as NodeJS.ErrnoException).code;
  const message = err instanceof Error ? err.message : String(err);
  const option = quotedOption(message);
  const known = Object.entries(optionsOf(spec)).map(([name]) => `--${name}`);
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION")
    return new UsageError(`unknown option ${option}${didYouMean(option.replace(/=.*$/, ""), known)}`);
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    if (/does not take an argument/.test(message)) return new UsageError(`${option} takes no value`);
    const dash = /ambiguous/.test(message) ? ` (a value starting with "-" goes as ${option}=VALUE)` : "";
    return new UsageError(`${option} needs a value${dash}`);
  }
  return new UsageError(message);
}

/** Parses `args` against the verb's grammar. Throws a `UsageError` for anything the grammar does not allow. */
export function parseCommandLine(spec: CommandSpec, args: readonly string[]): CommandLine {
  const options = optionsOf(spec);
  if (wantsHelp(args))
    return { help: true, positionals: [], string: () => undefined, flag: () => false, list: () => [] };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...args],
      options: Object.fromEntries(
        Object.entries(options).map(([name, o]) => [
          name,
          { type: o.type, multiple: o.multiple ?? false, ...(o.short ? { short: o.short } : {}) },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw usageErrorOf(err, spec);
  }
  const variadic = spec.positionals.at(-1)?.name.endsWith("…") ?? false;
  const extra = parsed.positionals[spec.positionals.length];
  if (!variadic && extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  for (const [name, o] of Object.entries(options)) {
    const v = values[name];
    if (typeof v === "string" && v === "") throw new UsageError(`--${name} needs a value`);
    if (Array.isArray(v) && v.includes("")) throw new UsageError(`--${name} needs a value`);
    if (o.choices && !o.multiple && typeof v === "string" && !o.choices.includes(v))
      throw new UsageError(`--${name}: "${v}" is not one of ${o.choices.join(", ")}${didYouMean(v, o.choices)}`);
    if (!o.multiple && o.type === "string" && countOf(args, name, o.short) > 1)
      throw new UsageError(`--${name} given twice`);
  }
  return {
    help: false,
    positionals: parsed.positionals,
    string: (name) => (typeof values[name] === "string" ? (values[name] as string) : undefined),
    flag: (name) => values[name] === true,
    list: (name) => (Array.isArray(values[name]) ? (values[name] as string[]) : []),
  };
}

/** How often an option appears (parseArgs keeps only the last of a repeated single-value option). */
function countOf(args: readonly string[], name: string, short?: string): number {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).filter(
    (a) => a === `--${name}` || a.startsWith(`--${name}=`) || (short !== undefined && a === `-${short}`),
  ).length;
}

/** Prints a usage error the same way for every verb and returns its exit code. */
export function reportUsageError(spec: CommandSpec, err: UsageError, write: (line: string) => void): number {
  write(`dp-autoscaler ${spec.name}: ${err.message}`);
  write(`usage: ${usageLine(spec)}`);
  write(`(dp-autoscaler ${spec.name} --help describes every option)`);
  return EXIT.usage;
}
