/**
 * infra/esbuild-plugins.cjs: the plugins that keep the Lambda bundles lean. Each is shown to change the bundle, on
 * a small entry point built with and without it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, type Plugin } from "esbuild";
import { describe, expect, it } from "vitest";

interface SourceMap {
  version: 3;
  sources: string[];
  names: string[];
  mappings: string;
}
interface PluginsModule extends Array<Plugin> {
  literalSchemaKeys(source: string): string;
  zodNamespaceImports(source: string): string;
  trimSourceMap(map: SourceMap, keep: (source: string) => boolean): SourceMap;
  decodeMappings(mappings: string): number[][][];
  encodeMappings(lines: number[][][]): string;
  isOwnSource(source: string): boolean;
}

const plugins = createRequire(import.meta.url)("../../infra/esbuild-plugins.cjs") as PluginsModule;
const plugin = (name: string) => plugins.find((p) => p.name === name)!;

async function bundleSize(contents: string, withPlugins: Plugin[]): Promise<{ bytes: number; text: string }> {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    mainFields: ["module", "main"],
    write: false,
    logLevel: "silent",
    plugins: withPlugins,
  });
  const text = result.outputFiles[0]!.text;
  return { bytes: Buffer.byteLength(text), text };
}

describe("zod-english-only", () => {
  const entry = `import { z } from "zod"; console.log(Object.keys(z.locales), z.object({ a: z.string() }).safeParse({}));`;

  it("keeps zod's English messages and drops the other locales", async () => {
    const without = await bundleSize(entry, []);
    const withPlugin = await bundleSize(entry, [plugin("zod-english-only")]);
    // German messages ("… erwartet …") are in zod's de locale; the default English ones in en.
    expect(without.text.includes("erwartet")).toBe(true);
    expect(withPlugin.text.includes("erwartet")).toBe(false);
    expect(withPlugin.text.includes("Invalid input")).toBe(true);
    expect(withPlugin.bytes).toBeLessThan(without.bytes / 2);
  });
});

describe("zod-namespace-imports", () => {
  it("rewrites value imports of z into a namespace import, keeping the other names", () => {
    expect(plugins.zodNamespaceImports(`import { z } from "zod";\nconst a = z.string();`)).toBe(
      `import * as z from "zod";\nconst a = z.string();`,
    );
    expect(plugins.zodNamespaceImports(`import { type ZodType, z } from 'zod';`)).toBe(
      `import * as z from 'zod'; import { type ZodType } from 'zod';`,
    );
    expect(plugins.zodNamespaceImports(`import { ZodError } from "zod";`)).toBe(`import { ZodError } from "zod";`);
    expect(plugins.zodNamespaceImports(`import type { z } from "zod";`)).toBe(`import type { z } from "zod";`);
  });

  it("lets esbuild drop the parts of zod a module does not use", async () => {
    // The plugin applies to our sources (shared/, functions/): the entry is written under a shared/ folder.
    const dir = mkdtempSync(join(tmpdir(), "dp-autoscaler-zod-"));
    try {
      mkdirSync(join(dir, "shared"));
      const entry = join(dir, "shared", "entry.ts");
      writeFileSync(entry, `import { z } from "zod"; export const s = z.object({ a: z.string() });`);
      const size = async (withPlugins: Plugin[]) => {
        const result = await build({
          entryPoints: [entry],
          nodePaths: [join(process.cwd(), "node_modules")],
          bundle: true,
          minify: true,
          format: "esm",
          platform: "node",
          write: false,
          logLevel: "silent",
          plugins: withPlugins,
        });
        return result.outputFiles[0]!.text.length;
      };
      const without = await size([]);
      const withPlugin = await size([plugin("zod-namespace-imports")]);
      expect(withPlugin).toBeLessThan(without / 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("aws-sdk-literal-schema-keys", () => {
  it("turns computed keys naming string constants into literal keys, and nothing else", () => {
    const source = [
      'const _xN = "xmlName";',
      'const _eQN = "ec2QueryName";',
      "let other;",
      "export var A$ = [3, n0, _A, 0, [_B], [[() => B$, { [_eQN]: `B`, [_xN]: _b }]]];",
      "const computed = { [other]: 1 };",
    ].join("\n");
    const out = plugins.literalSchemaKeys(source);
    expect(out).toContain('{ "ec2QueryName": `B`, "xmlName": _b }');
    expect(out).toContain("{ [other]: 1 }");
  });

  it("lets esbuild drop the schemas of operations nobody calls", async () => {
    const entry = `import { EC2Client, DescribeInstancesCommand } from "@aws-sdk/client-ec2";
      export const f = () => new EC2Client({}).send(new DescribeInstancesCommand({}));`;
    const without = await bundleSize(entry, []);
    const withPlugin = await bundleSize(entry, [plugin("aws-sdk-literal-schema-keys")]);
    expect(without.text.includes("WithdrawByoipCidr")).toBe(true);
    expect(withPlugin.text.includes("WithdrawByoipCidr")).toBe(false);
    expect(withPlugin.text.includes("DescribeInstances")).toBe(true);
    expect(withPlugin.bytes).toBeLessThan(without.bytes - 300_000);
  });
});

describe("source-maps-of-own-code", () => {
  // One generated line: own code at columns 0 and 10, library code at 20 and 30, own code again at 40.
  // Segments: [generated column, source, line, column, name?].
  const segments = [
    [
      [0, 0, 0, 0, 0],
      [10, 0, 1, 0],
      [20, 1, 2, 0, 1],
      [30, 1, 2, 5],
      [40, 2, 4, 0],
    ],
  ];
  const map: SourceMap = {
    version: 3,
    sources: ["../../shared/a.ts", "../../node_modules/lib/index.js", "../../functions/x/handler.ts"],
    names: ["keep", "drop"],
    mappings: plugins.encodeMappings(segments),
  };

  it("encodes and decodes mappings losslessly", () => {
    expect(plugins.decodeMappings(map.mappings)).toEqual(segments);
  });

  it("keeps the mappings into our sources and unmaps each run of library code", () => {
    const trimmed = plugins.trimSourceMap(map, plugins.isOwnSource);
    expect(trimmed.sources).toEqual(["../../shared/a.ts", "../../functions/x/handler.ts"]);
    expect(trimmed.names).toEqual(["keep"]);
    // Own segments keep their original line and column (sources renumbered); the two library segments became one
    // unmapped segment, so a position in the library is not attributed to the own code before it.
    expect(plugins.decodeMappings(trimmed.mappings)).toEqual([[[0, 0, 0, 0, 0], [10, 0, 1, 0], [20], [40, 1, 4, 0]]]);
  });

  it("recognises dependencies by their node_modules path", () => {
    expect(plugins.isOwnSource(join("..", "..", "shared", "a.ts"))).toBe(true);
    expect(plugins.isOwnSource("../../node_modules/@aws-sdk/core/dist-es/index.js")).toBe(false);
  });
});
