/** The real AWS-format events in `test/fixtures/events/`, by file name without `.json`. */
import { readdirSync, readFileSync } from "node:fs";

const DIR = new URL("../../fixtures/events/", import.meta.url);

export function eventFixtures(filter: (name: string) => boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const file of readdirSync(DIR).sort()) {
    if (!file.endsWith(".json")) continue;
    const name = file.slice(0, -".json".length);
    if (filter(name)) out[name] = JSON.parse(readFileSync(new URL(file, DIR), "utf8"));
  }
  return out;
}

export function readJson(relativeToRepo: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../../${relativeToRepo}`, import.meta.url), "utf8"));
}
