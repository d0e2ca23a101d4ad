/**
 * Reading the documents people write for the simulator and the CLI — scenarios, deployment configurations,
 * observations, events — as JSON or YAML, from a file or stdin (`-`). A syntax error names the line and column
 * (`prod.yaml:4:3: …`); a UTF-8 byte-order mark is ignored.
 *
 * YAML parsing lives here, outside `shared/`, on purpose: the Lambdas load their configuration as JSON (from
 * `DP_AUTOSCALER_CONFIG` or SSM) and must not carry a YAML parser in their bundles (`npm run deps` forbids `yaml` in
 * `functions/` and `shared/`). Files are YAML when named `.yaml`/`.yml`, JSON when named `.json`, and otherwise (stdin,
 * other names) JSON when they start with `{` or `[`, else YAML.
 */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { type ParseError, parse as parseJsonc, printParseErrorCode } from "jsonc-parser";
import { parseDocument as parseYamlDocument } from "yaml";

/** A file that cannot be read: missing, a folder, no permission. A usage error for the CLI (exit 2). */
export class DocumentReadError extends Error {
  override readonly name = "DocumentReadError";
  constructor(
    readonly source: string,
    /** `ENOENT`, `EISDIR`, … */
    readonly code: string,
  ) {
    super(`${source}: ${code === "ENOENT" ? "no such file" : `cannot be read (${code})`}`);
  }
}

/** A document that is not valid JSON or YAML; `line` and `column` count from 1. */
export class DocumentSyntaxError extends Error {
  override readonly name = "DocumentSyntaxError";
  constructor(
    readonly source: string,
    readonly format: DocumentFormat,
    readonly line: number,
    readonly column: number,
    readonly detail: string,
  ) {
    super(`${source}:${line}:${column}: not valid ${format === "json" ? "JSON" : "YAML"}: ${detail}`);
  }
}

export type DocumentFormat = "json" | "yaml";

/** What `-` reads. */
export const STDIN = "-";

const BOM = "\uFEFF";

export function formatOf(source: string, text: string): DocumentFormat {
  const ext = extname(source).toLowerCase();
  if (ext === ".yaml" || ext === ".yml") return "yaml";
  if (ext === ".json") return "json";
  return /^\s*[[{]/.test(text) ? "json" : "yaml";
}

/** The text of a file, or of stdin for `-`, without a byte-order mark. Throws a `DocumentReadError`. */
export function readDocumentText(path: string): string {
  try {
    const text = readFileSync(path === STDIN ? 0 : path, "utf8");
    return text.startsWith(BOM) ? text.slice(1) : text;
  } catch (err) {
    throw new DocumentReadError(sourceName(path), (err as NodeJS.ErrnoException).code ?? String(err));
  }
}

/** How a path is named in messages: `stdin` for `-`. */
export function sourceName(path: string): string {
  return path === STDIN ? "stdin" : path;
}

/** Parses JSON or YAML text (see `formatOf`); `source` names it in errors. Throws a `DocumentSyntaxError`. */
export function parseDocumentText(text: string, source: string): unknown {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  return formatOf(source, body) === "json" ? parseJson(body, source) : parseYaml(body, source);
}

/** Reads and parses a file (or stdin for `-`). */
export function readDocument(path: string): unknown {
  return parseDocumentText(readDocumentText(path), sourceName(path));
}

/** `CloseBraceExpected` → `close brace expected`. */
function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/** The line and column (from 1) of an offset in `text`. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // JSON.parse does not always say where ("Unexpected token '}', …"); jsonc-parser, strict as JSON, always does.
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const { line, column } = lineColumn(text, first?.offset ?? text.length);
    const detail = first === undefined ? "syntax error" : words(printParseErrorCode(first.error));
    throw new DocumentSyntaxError(source, "json", line, column, detail);
  }
}

function parseYaml(text: string, source: string): unknown {
  // prettyErrors gives each error its line and column (`linePos`); the message's own "at line …" copy is dropped.
  const document = parseYamlDocument(text, { prettyErrors: true, uniqueKeys: true });
  const error = document.errors[0];
  if (error !== undefined) {
    const at = error.linePos?.[0] ?? { line: 1, col: 1 };
    const detail = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
    throw new DocumentSyntaxError(source, "yaml", at.line, at.col, detail);
  }
  return document.toJS();
}
