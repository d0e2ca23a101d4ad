/**
 * Every `dp-autoscaler` command shown in a code block of the README or docs/ is one the CLI accepts as written: the
 * verb exists, every option is known and has its value, and `ctl` lines pass the checks made before anything is sent.
 * (Running them is other tests' job: the decision-model example, the simulator's commands.)
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../../cli/command.ts";
import { planOf } from "../../../cli/ctl/args.ts";
import { GRAMMAR } from "../../../cli/grammar.ts";

const DOCS = [
  "README.md",
  ...readdirSync("docs")
    .filter((f) => f.endsWith(".md"))
    .map((f) => join("docs", f)),
];

/** Shell words of one command line: quotes grouped, a trailing `# comment` dropped. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|(#.*$)|(\S+)/g;
  for (const m of line.matchAll(pattern)) {
    if (m[3] !== undefined) break;
    words.push(m[1] ?? m[2] ?? m[4]!);
  }
  return words;
}

/** `[file, line, words after "dp-autoscaler"]` for every command in a fenced code block. */
function documentedCommands(): Array<[string, string, string[]]> {
  const found: Array<[string, string, string[]]> = [];
  for (const file of DOCS) {
    const blocks = readFileSync(file, "utf8").match(/```[a-z]*\n[\s\S]*?```/g) ?? [];
    for (const block of blocks) {
      // In a shell block every line is a command; elsewhere (```text) only a line with a `$ ` prompt, the rest is output.
      const shell = /^```(sh|bash|)\n/.test(block);
      for (const line of block.split("\n")) {
        if (!shell && !line.startsWith("$ ")) continue;
        const words = shellWords(line.replace(/^\$ /, ""));
        const at = words.findIndex(
          (w, i) => w === "dp-autoscaler" && (i === 0 || /^(npx|[A-Z_]+=.*)$/.test(words[i - 1]!)),
        );
        if (at < 0) continue;
        // Up to a pipe, a redirection or the next command: only what the CLI itself reads.
        const rest = words.slice(at + 1);
        const end = rest.findIndex((w) => /^(\||>|&&|;|\))/.test(w));
        found.push([file, line.trim(), end === -1 ? rest : rest.slice(0, end)]);
      }
    }
  }
  return found;
}

describe("commands in the docs", () => {
  const commands = documentedCommands();

  it("finds the documented commands", () => {
    expect(commands.length).toBeGreaterThan(20);
  });

  it.each(commands)("%s: %s", (_file, _line, [verb, ...args]) => {
    const spec = GRAMMAR[verb!];
    expect(spec, `"${verb}" is a verb`).toBeDefined();
    const line = parseCommandLine(spec!, args);
    if (verb === "ctl") expect(() => planOf(line, { DP_AUTOSCALER_OPERATOR_FUNCTION: "op" })).not.toThrow();
  });
});
