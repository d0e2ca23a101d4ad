/**
 * Writes `docs/config.schema.json`: the JSON Schema of the configuration document as people write it (the zod
 * schema's input side: every defaulted field optional). A test fails when the committed file is stale.
 *
 *   npx tsx scripts/gen-config-schema.ts          # rewrite docs/config.schema.json
 *   npx tsx scripts/gen-config-schema.ts --check  # exit 1 when it is stale
 */
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { deploymentConfigSchema } from "../shared/config/schema.ts";

export const CONFIG_SCHEMA_PATH = join(dirname(fileURLToPath(import.meta.url)), "..", "docs", "config.schema.json");

/** The schema document's text, exactly as committed. */
export function configJsonSchemaText(): string {
  const schema = z.toJSONSchema(deploymentConfigSchema, { io: "input", target: "draft-2020-12" });
  const document = {
    $schema: schema.$schema,
    title: "dp-autoscaler configuration",
    description:
      "Every cluster one dp-autoscaler deployment manages. Loaded from DP_AUTOSCALER_CONFIG (JSON) or the SSM parameter named by DP_AUTOSCALER_CONFIG_PARAM; see docs/configuration.md.",
    ...schema,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

async function main(): Promise<number> {
  const text = configJsonSchemaText();
  if (process.argv.includes("--check")) {
    const current = await readFile(CONFIG_SCHEMA_PATH, "utf8").catch(() => "");
    if (current === text) return 0;
    console.error(`${CONFIG_SCHEMA_PATH} is stale: run npx tsx scripts/gen-config-schema.ts`);
    return 1;
  }
  await writeFile(CONFIG_SCHEMA_PATH, text);
  console.log(`wrote ${CONFIG_SCHEMA_PATH}`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await main();
