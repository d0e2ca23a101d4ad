/**
 * Shell completion from the grammar. The bash script runs in a real bash (the completion function called the way
 * bash calls it); zsh is not installed on the test machine, so its script is checked for what it must declare.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { optionsOf } from "../../../cli/command.ts";
import { bashCompletion, zshCompletion } from "../../../cli/completion.ts";
import { GRAMMAR, VERBS } from "../../../cli/grammar.ts";

const script = join(mkdtempSync(join(tmpdir(), "completion-")), "dp-autoscaler.bash");
writeFileSync(script, bashCompletion(GRAMMAR));

/** What bash would offer after `dp-autoscaler <words…>`, the last word being the one completed. */
function complete(...words: string[]): string[] {
  const line = ["dp-autoscaler", ...words].map((w) => `'${w}'`).join(" ");
  const program = `source '${script}'; COMP_WORDS=(${line}); COMP_CWORD=${words.length}; _dp_autoscaler; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync("bash", ["-c", program], { encoding: "utf8" }).split("\n").filter(Boolean);
}

describe("bash completion", () => {
  it("offers the verbs, then a verb's options, then the values an option takes", () => {
    expect(complete("")).toEqual(expect.arrayContaining([...VERBS, "--help", "--version"]));
    expect(complete("va")).toEqual(["validate-config"]);
    expect(complete("simulate", "--po")).toEqual(["--policy"]);
    expect(complete("simulate", "--policy", "ta")).toEqual(["target-tracking"]);
    expect(complete("invoke", "--log-level", "")).toEqual(["debug", "info", "warn", "error", "silent"]);
    expect(complete("ctl", "st")).toEqual(["status"]);
    expect(complete("simulate", "nasa")).toEqual(["nasa-launch-day"]);
    expect(complete("bench", "quality")).toEqual(["quality", "quality-seeds"]);
  });

  it("offers every option of every verb", () => {
    for (const verb of VERBS)
      expect(complete(verb, "--")).toEqual(
        expect.arrayContaining(Object.keys(optionsOf(GRAMMAR[verb]!)).map((name) => `--${name}`)),
      );
  });
});

describe("zsh completion", () => {
  it("declares every verb with its summary and every option of each verb", () => {
    const text = zshCompletion(GRAMMAR);
    expect(text.startsWith("#compdef dp-autoscaler\n")).toBe(true);
    for (const verb of VERBS) {
      expect(text).toContain(`'${verb}:`);
      expect(text).toContain(`    ${verb})\n      _arguments -s`);
      for (const name of Object.keys(optionsOf(GRAMMAR[verb]!))) expect(text).toMatch(new RegExp(`--${name}[,'[]`));
    }
    expect(text).toContain("(ours target-tracking predictive step hpa static oracle)");
  });
});
