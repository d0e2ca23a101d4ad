/**
 * Writes `docs/observation.schema.json` from the zod schema in `shared/domain/observation-schema.ts`.
 * Run: `npx tsx scripts/gen-observation-schema.ts` (a test fails when the committed file is stale).
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { observationJsonSchemaText } from "../shared/domain/observation-schema.ts";

export const OBSERVATION_SCHEMA_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "docs",
  "observation.schema.json",
);

/** Regenerates the committed JSON Schema; returns the path written. */
export function writeObservationSchema(path = OBSERVATION_SCHEMA_FILE): string {
  writeFileSync(path, observationJsonSchemaText());
  return path;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`wrote ${writeObservationSchema()}`);
}
