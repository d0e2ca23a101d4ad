import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateDeploymentConfig } from "../../../shared/config/loader.ts";
import { deploymentConfigSchema } from "../../../shared/config/schema.ts";

const doc = readFileSync(new URL("../../../docs/configuration.md", import.meta.url), "utf8");

/** Dotted paths of every field the schema knows (input side), e.g. `clusters[].scaling.scaleIn.stabilisationSeconds`. */
function schemaFields(): string[] {
  const json = JSON.parse(JSON.stringify(deploymentConfigSchema.toJSONSchema({ io: "input" })));
  const out: string[] = [];
  const walk = (node: Record<string, unknown> | undefined, path: string): void => {
    if (!node || typeof node !== "object") return;
    for (const variant of (node.anyOf as Record<string, unknown>[] | undefined) ?? []) walk(variant, path);
    if (node.items) walk(node.items as Record<string, unknown>, `${path}[]`);
    const props = node.properties as Record<string, Record<string, unknown>> | undefined;
    if (!props || path.endsWith("dimensions")) return;
    for (const [k, v] of Object.entries(props)) {
      const p = path === "" ? k : `${path}.${k}`;
      out.push(p);
      walk(v, p);
    }
  };
  walk(json, "");
  return out;
}

describe("docs/configuration.md", () => {
  it("its example document is valid", () => {
    const block = /```json\n([\s\S]*?)\n```/.exec(doc);
    expect(block).not.toBeNull();
    const config = validateDeploymentConfig(JSON.parse(block![1]!), "docs/configuration.md");
    expect(config.clusters.map((c) => c.name)).toEqual(["prod", "staging"]);
  });

  it("mentions every field of the schema", () => {
    const missing = schemaFields()
      .map((p) => p.split(".").at(-1)!.replace("[]", ""))
      .filter((name) => !doc.includes(`${name}\``) && !doc.includes(`\`${name}`) && !doc.includes(`"${name}"`));
    expect([...new Set(missing)]).toEqual([]);
  });
});
