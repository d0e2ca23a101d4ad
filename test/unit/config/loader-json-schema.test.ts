import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIG_SCHEMA_PATH, configJsonSchemaText } from "../../../scripts/gen-config-schema.ts";

describe("docs/config.schema.json", () => {
  it("is what scripts/gen-config-schema.ts generates from the zod schema (run it when this fails)", () => {
    expect(readFileSync(CONFIG_SCHEMA_PATH, "utf8")).toBe(configJsonSchemaText());
  });

  it("describes the input side: defaulted fields are optional, required ones are listed", () => {
    const schema = JSON.parse(configJsonSchemaText());
    const cluster = schema.properties.clusters.items;
    expect(cluster.required.sort()).toEqual(["autoScalingGroupName", "name", "targetGroupArns"]);
    expect(cluster.properties.minNodes.default).toBe(2);
    expect(cluster.additionalProperties).toBe(false);
  });
});
