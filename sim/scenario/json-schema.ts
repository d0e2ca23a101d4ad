/**
 * `docs/scenario.schema.json`: the JSON Schema of a scenario document as people write it (the zod schema's input
 * side: every defaulted field optional). A test fails when the committed file is stale.
 *
 *   npx tsx sim/scenario/json-schema.ts          # rewrite docs/scenario.schema.json
 *   npx tsx sim/scenario/json-schema.ts --check  # exit 1 when it is stale
 */
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { scenarioSchema } from "./schema.ts";

export const SCENARIO_SCHEMA_PATH = fileURLToPath(new URL("../../docs/scenario.schema.json", import.meta.url));

/** The schema document's text, exactly as committed. */
export function scenarioJsonSchemaText(): string {
  const schema = z.toJSONSchema(scenarioSchema, { io: "input", target: "draft-2020-12" });
  const document = {
    $schema: schema.$schema,
    title: "dp-autoscaler simulation scenario",
    description:
      "One scenario for `dp-autoscaler simulate FILE` / `compare FILE`: traffic, the cluster as deployed, and the simulated world around it. See docs/scenarios.md.",
    ...schema,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

async function main(): Promise<number> {
  const text = scenarioJsonSchemaText();
  if (process.argv.includes("--check")) {
    const current = await readFile(SCENARIO_SCHEMA_PATH, "utf8").catch(() => "");
    if (current === text) return 0;
    console.error(`${SCENARIO_SCHEMA_PATH} is stale: run npx tsx sim/scenario/json-schema.ts`);
    return 1;
  }
  await writeFile(SCENARIO_SCHEMA_PATH, text);
  console.log(`wrote ${SCENARIO_SCHEMA_PATH}`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await main();
