/**
 * esbuild plugins for the Lambda bundles: serverless.yml (custom.esbuild.plugins) and bench/bundles.ts use this file,
 * so what is measured is what is deployed.
 *
 * zod-english-only: `import { z } from "zod"` (in our code and in Powertools parser's built-in schemas) makes esbuild
 * keep zod's whole `z` namespace, and with it `z.locales`: about forty locale modules, ~300 KB minified, of error
 * messages in other languages. The functions use zod's default English messages only (zod registers `en` itself), so
 * the locale index is replaced by one exporting `en` alone.
 *
 * zod-namespace-imports: the same cause from the other side. `import { z } from "zod"` binds a namespace that zod
 * re-exports as a named export, which esbuild cannot see through: it keeps all of zod (JSON Schema conversion, the
 * compiler, every check) although the functions use a fraction. `import * as z from "zod"` names the same members
 * (zod's index re-exports them all) and esbuild shakes it; zod's docs recommend that form. The plugin rewrites the
 * former into the latter, in our sources and in Powertools parser's schemas, at load time.
 *
 * aws-sdk-literal-schema-keys: since v3.930 each AWS SDK client keeps its operations' schemas in one module
 * (`dist-es/schemas/schemas_0.js`) whose trait objects use computed keys (`{ [_xN]: "…" }` with `const _xN = "xmlName"`).
 * esbuild must assume a computed key can run code, so it keeps every schema of the service: ~550 KB for EC2 when we
 * call two of its operations (aws/aws-sdk-js-v3#7607; the generator fix is smithy-lang/smithy-typescript#1889). The
 * plugin applies that fix at load time - each computed key naming a module-level string constant becomes the string
 * literal itself - so unused schemas are tree-shaken again. Same values, same semantics.
 *
 * source-maps-of-own-code: the bundles ship their source map so that Lambda's stack traces (NODE_OPTIONS=
 * --enable-source-maps) name our TypeScript files and lines. The dependencies' part of the map - nine tenths of it -
 * only ever maps into minified-away library internals; it is cut, and every run of library code is marked "unmapped"
 * so that a frame inside the SDK is printed as the bundle's position instead of being attributed to the nearest
 * line of ours. Smaller zip, less for Node to parse at cold start.
 *
 * Measured: see docs/deploy.md, "Bundles".
 */
const path = require("node:path");

/** @type {import("esbuild").Plugin} */
const zodEnglishOnly = {
  name: "zod-english-only",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)) return undefined;
      return { path: path.resolve(args.resolveDir, "../locales/en.js"), namespace: "zod-english-only" };
    });
    build.onLoad({ filter: /.*/, namespace: "zod-english-only" }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
      loader: "js",
    }));
  },
};

/** Modules whose `import { z } from "zod"` the namespace rewrite applies to: ours, and Powertools parser's. */
const ZOD_IMPORTERS = /([\\/](shared|functions)[\\/].*\.ts|[\\/]@aws-lambda-powertools[\\/]parser[\\/].*\.js)$/;

/** `import { a, z, type B } from "zod"` → `import * as z from "zod"; import { a, type B } from "zod";` */
function zodNamespaceImports(source) {
  return source.replace(/import\s*\{([^}]*)\}\s*from\s*(["'])zod\2;?/g, (whole, specifiers, quote) => {
    const names = specifiers
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
    if (!names.includes("z")) return whole;
    const rest = names.filter((s) => s !== "z");
    const namespace = `import * as z from ${quote}zod${quote};`;
    return rest.length === 0 ? namespace : `${namespace} import { ${rest.join(", ")} } from ${quote}zod${quote};`;
  });
}

/** @type {import("esbuild").Plugin} */
const zodNamespaceImportsPlugin = {
  name: "zod-namespace-imports",
  setup(build) {
    build.onLoad({ filter: ZOD_IMPORTERS }, async (args) => {
      const source = await require("node:fs/promises").readFile(args.path, "utf8");
      if (!/from\s*["']zod["']/.test(source)) return undefined;
      return { contents: zodNamespaceImports(source), loader: args.path.endsWith(".ts") ? "ts" : "js" };
    });
  },
};

const SCHEMA_MODULE =
  /[\\/]@aws-sdk[\\/][^\\/]+[\\/]dist-es[\\/](submodules[\\/][^\\/]+[\\/])?schemas[\\/]schemas_\d+\.js$/;

/** `const _xN = "xmlName";` → the module's string constants by name. */
function stringConstants(source) {
  const constants = new Map();
  for (const m of source.matchAll(/^const (_[A-Za-z0-9_$]+) = "([^"\\]*)";$/gm)) constants.set(m[1], m[2]);
  return constants;
}

/** Rewrites `[_name]:` object keys whose name is a string constant of the module into `"value":`. */
function literalSchemaKeys(source) {
  const constants = stringConstants(source);
  return source.replace(/\[(_[A-Za-z0-9_$]+)\]:/g, (whole, name) =>
    constants.has(name) ? `${JSON.stringify(constants.get(name))}:` : whole,
  );
}

/** @type {import("esbuild").Plugin} */
const awsSdkLiteralSchemaKeys = {
  name: "aws-sdk-literal-schema-keys",
  setup(build) {
    build.onLoad({ filter: SCHEMA_MODULE }, async (args) => {
      const source = await require("node:fs/promises").readFile(args.path, "utf8");
      return { contents: literalSchemaKeys(source), loader: "js" };
    });
  },
};

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64_INDEX = new Map([...BASE64].map((c, i) => [c, i]));

/** One mappings segment's base64 VLQ fields. */
function decodeVlq(text) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = BASE64_INDEX.get(ch);
    if (digit === undefined) throw new Error(`invalid base64 VLQ character ${ch}`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function encodeVlq(values) {
  let out = "";
  for (const v of values) {
    let rest = v < 0 ? -v * 2 + 1 : v * 2;
    do {
      let digit = rest % 32;
      rest = Math.floor(rest / 32);
      if (rest > 0) digit |= 32;
      out += BASE64[digit];
    } while (rest > 0);
  }
  return out;
}

/** Source map v3 `mappings` → lines of segments with absolute fields [column, source, line, sourceColumn, name?]. */
function decodeMappings(mappings) {
  const state = [0, 0, 0, 0];
  return mappings.split(";").map((line) => {
    let column = 0;
    return line
      .split(",")
      .filter((segment) => segment !== "")
      .map((segment) => {
        const fields = decodeVlq(segment);
        column += fields[0];
        if (fields.length === 1) return [column];
        state[0] += fields[1];
        state[1] += fields[2];
        state[2] += fields[3];
        if (fields.length === 4) return [column, state[0], state[1], state[2]];
        state[3] += fields[4];
        return [column, state[0], state[1], state[2], state[3]];
      });
  });
}

function encodeMappings(lines) {
  const state = [0, 0, 0, 0];
  return lines
    .map((segments) => {
      let column = 0;
      return segments
        .map((segment) => {
          const fields = [segment[0] - column];
          column = segment[0];
          for (let i = 1; i < segment.length; i++) {
            fields.push(segment[i] - state[i - 1]);
            state[i - 1] = segment[i];
          }
          return encodeVlq(fields);
        })
        .join(",");
    })
    .join(";");
}

/**
 * Keeps the mappings into sources `keep` accepts; each run of segments into other sources becomes one unmapped
 * segment. Sources and names nobody maps to any more are dropped.
 */
function trimSourceMap(map, keep) {
  const sourceIndex = new Map();
  const nameIndex = new Map();
  const sources = [];
  const names = [];
  const lines = decodeMappings(map.mappings).map((segments) => {
    const out = [];
    let inDropped = false;
    for (const segment of segments) {
      if (segment.length === 1) {
        out.push(segment);
        inDropped = false;
      } else if (keep(map.sources[segment[1]])) {
        if (!sourceIndex.has(segment[1])) {
          sourceIndex.set(segment[1], sources.length);
          sources.push(map.sources[segment[1]]);
        }
        const kept = [segment[0], sourceIndex.get(segment[1]), segment[2], segment[3]];
        if (segment.length === 5) {
          if (!nameIndex.has(segment[4])) {
            nameIndex.set(segment[4], names.length);
            names.push(map.names[segment[4]]);
          }
          kept.push(nameIndex.get(segment[4]));
        }
        out.push(kept);
        inDropped = false;
      } else if (!inDropped) {
        out.push([segment[0]]);
        inDropped = true;
      }
    }
    return out;
  });
  const trimmed = { version: 3, sources, names, mappings: encodeMappings(lines) };
  if (map.file !== undefined) trimmed.file = map.file;
  if (map.sourceRoot !== undefined) trimmed.sourceRoot = map.sourceRoot;
  if (Array.isArray(map.sourcesContent))
    trimmed.sourcesContent = sources.map((s) => map.sourcesContent[map.sources.indexOf(s)]);
  return trimmed;
}

const isOwnSource = (source) => !/(^|[\\/])node_modules[\\/]/.test(source);

/** @type {import("esbuild").Plugin} */
const sourceMapsOfOwnCode = {
  name: "source-maps-of-own-code",
  setup(build) {
    if (!build.initialOptions.sourcemap) return;
    // The outputs' names come from the metafile.
    build.initialOptions.metafile = true;
    build.onEnd(async (result) => {
      if (result.errors.length > 0 || !result.metafile) return;
      const fs = require("node:fs/promises");
      const cwd = build.initialOptions.absWorkingDir ?? process.cwd();
      for (const output of Object.keys(result.metafile.outputs).filter((f) => f.endsWith(".map"))) {
        const file = path.resolve(cwd, output);
        const map = JSON.parse(await fs.readFile(file, "utf8"));
        await fs.writeFile(file, JSON.stringify(trimSourceMap(map, isOwnSource)));
      }
    });
  },
};

module.exports = [zodNamespaceImportsPlugin, zodEnglishOnly, awsSdkLiteralSchemaKeys, sourceMapsOfOwnCode];
// For the tests (test/deploy/esbuild-plugins.test.ts).
module.exports.literalSchemaKeys = literalSchemaKeys;
module.exports.zodNamespaceImports = zodNamespaceImports;
module.exports.trimSourceMap = trimSourceMap;
module.exports.decodeMappings = decodeMappings;
module.exports.encodeMappings = encodeMappings;
module.exports.isOwnSource = isOwnSource;
