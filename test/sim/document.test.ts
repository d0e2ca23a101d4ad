/**
 * The documents people write for the simulator and the CLI (`sim/document.ts`): JSON or YAML, a syntax error at its
 * line and column, a byte-order mark ignored; a missing file is its own error (a usage error for the CLI).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readConfigFile } from "../../sim/config-file.ts";
import {
  DocumentReadError,
  DocumentSyntaxError,
  formatOf,
  parseDocumentText,
  readDocument,
} from "../../sim/document.ts";

const dir = mkdtempSync(join(tmpdir(), "document-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

function syntaxError(text: string, source: string): DocumentSyntaxError {
  try {
    parseDocumentText(text, source);
  } catch (err) {
    if (err instanceof DocumentSyntaxError) return err;
    throw err;
  }
  throw new Error("parsed");
}

describe("reading JSON and YAML documents", () => {
  it("reads YAML and JSON to the same value; the format comes from the name, else from the first character", () => {
    const yaml = "clusters:\n  - name: prod\n    maxNodes: 8\n    tags: [a, b]\n";
    const json = '{"clusters":[{"name":"prod","maxNodes":8,"tags":["a","b"]}]}';
    expect(parseDocumentText(yaml, "c.yaml")).toEqual(JSON.parse(json));
    expect(parseDocumentText(json, "stdin")).toEqual(JSON.parse(json));
    expect([
      formatOf("a.yml", "{"),
      formatOf("a.json", "x: 1"),
      formatOf("stdin", " [1]"),
      formatOf("x", "a: 1"),
    ]).toEqual(["yaml", "json", "json", "yaml"]);
  });

  it.each([
    ['{\n  "clusters": \n}', "c.json", 3, 1, "not valid JSON: value expected"],
    ['{"a": 1,}', "c.json", 1, 9, "not valid JSON: property name expected"],
    ['{"a": 1}\n{"b": 2}', "c.json", 2, 1, "not valid JSON: end of file expected"],
    ["a: 1\na: 2\n", "c.yaml", 2, 1, "not valid YAML: Map keys must be unique"],
    ["a:\n  - 1\n b: 2\n", "c.yml", 3, 1, "not valid YAML"],
  ])("%j (%s) → line %i, column %i: %s", (text, source, line, column, message) => {
    const err = syntaxError(text, source);
    expect([err.line, err.column]).toEqual([line, column]);
    expect(err.message).toContain(`${source}:${line}:${column}: ${message}`);
  });

  it("ignores a UTF-8 byte-order mark, in JSON and YAML", () => {
    expect(readDocument(file("bom.json", '\uFEFF{"a": 1}'))).toEqual({ a: 1 });
    expect(readDocument(file("bom.yaml", "\uFEFFa: 1\n"))).toEqual({ a: 1 });
  });

  it("a missing file is a DocumentReadError naming it", () => {
    expect(() => readDocument(join(dir, "nope.yaml"))).toThrow(new DocumentReadError(join(dir, "nope.yaml"), "ENOENT"));
  });

  it("a configuration in YAML with a $schema key validates like its JSON", () => {
    const path = file(
      "prod.yaml",
      [
        "$schema: ../docs/config.schema.json",
        "clusters:",
        "  - name: prod",
        "    autoScalingGroupName: dp-prod",
        "    targetGroupArns:",
        "      - arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef",
        "",
      ].join("\n"),
    );
    const config = readConfigFile(path);
    expect(config.clusters.map((c) => [c.name, c.minNodes, c.maxNodes])).toEqual([["prod", 2, 10]]);
  });
});
