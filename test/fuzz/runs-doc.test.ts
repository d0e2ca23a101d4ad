/**
 * docs/reliability.md reports how many cases each fuzz target runs. The figures must be the constants the suite
 * really uses (`support/runs.ts`), and the total their sum.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FUZZ_RUNS } from "./support/runs.ts";

const DOC = readFileSync(new URL("../../docs/reliability.md", import.meta.url), "utf8");

/** "| `target` | what | 2 × 2500 |" → 5000 (properties × cases). */
function documentedCases(target: string): { properties: number; cases: number } | undefined {
  const row = DOC.split("\n").find((l) => l.startsWith(`| \`${target}\` |`));
  const cell = row?.split("|").at(-2)?.trim();
  const m = cell ? /^(?:(\d+) × )?(\d+)$/.exec(cell) : null;
  return m ? { properties: Number(m[1] ?? 1), cases: Number(m[2]) } : undefined;
}

describe("docs/reliability.md", () => {
  it("lists every fuzz target with the number of cases the suite runs", () => {
    for (const [target, runs] of Object.entries(FUZZ_RUNS))
      expect(documentedCases(target)?.cases, `row for ${target}`).toBe(runs);
  });

  it("states their total", () => {
    let total = 0;
    for (const target of Object.keys(FUZZ_RUNS)) {
      const d = documentedCases(target)!;
      total += d.properties * d.cases;
    }
    const stated = /Total: \*\*([\d ]+)\*\* cases per run/.exec(DOC)?.[1]?.replace(/ /g, "");
    expect(Number(stated)).toBe(total);
  });
});
