/**
 * How lean are the Lambda bundles? Per function: the packaged zip (what `npm run package` uploads), its unzipped
 * size, and the cold-start module initialisation — the median over fresh `node` processes of `performance.now()`
 * around `await import(handler)`, and the CPU time the import took (less sensitive to a busy machine than the wall
 * clock) — side by side, in the same run, with:
 * - the same bundle without `--enable-source-maps` (what the source map costs at cold start),
 * - the same handler unbundled: TypeScript sources through tsx, dependencies from node_modules,
 * - a bundle that leaves the AWS SDK out and loads it from node_modules instead, as relying on the Lambda runtime's
 *   SDK would (the runtime ships the SDK's CommonJS builds, as node_modules does; its versions differ from ours).
 * Aim: each function ≤ 500 KB zipped and ≤ 100 ms to initialise on this machine.
 *
 * `--quick` reuses existing `.serverless/` artifacts and runs fewer processes.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type BuildOptions, build, type Plugin } from "esbuild";
import { artifactPath, readZip, runPackage } from "../scripts/package-artifacts.ts";
import { LAMBDA_FUNCTIONS, type LambdaFunction } from "../shared/runtime/functions.ts";
import { parseCloudFormationYaml } from "../test-kit/cloudformation-yaml.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const ZIP_AIM_BYTES = 500 * 1024;
const INIT_AIM_MS = 100;

type Variant = "bundle" | "bundle-no-maps" | "unbundled" | "sdk-external";
const VARIANTS: Variant[] = ["bundle", "bundle-no-maps", "unbundled", "sdk-external"];

interface Sizes {
  zipBytes: number;
  unzippedBytes: number;
  codeBytes: number;
  mapBytes: number;
}

export async function run(options: { quick: boolean }): Promise<void> {
  const runs = options.quick ? 5 : 15;
  const reuse = options.quick && LAMBDA_FUNCTIONS.every((fn) => existsSync(artifactPath(ROOT, fn)));
  if (!reuse) {
    console.log("packaging (npm run package) …");
    runPackage(ROOT);
  }
  const work = mkdtempSync(join(tmpdir(), "dp-autoscaler-bundles-"));
  try {
    const sizes = {} as Record<LambdaFunction, Sizes>;
    const entries = {} as Record<LambdaFunction, Record<Variant, string>>;
    const sdkExternalZip = {} as Record<LambdaFunction, number>;
    for (const fn of LAMBDA_FUNCTIONS) {
      const { sizes: s, bundlePath } = extract(fn, work);
      sizes[fn] = s;
      const external = await buildSdkExternal(fn);
      sdkExternalZip[fn] = external.zipBytes;
      entries[fn] = {
        bundle: bundlePath,
        "bundle-no-maps": bundlePath,
        unbundled: join(ROOT, "functions", fn, "handler.ts"),
        "sdk-external": external.path,
      };
    }
    const init = measureInit(entries, runs);
    printTable(sizes, sdkExternalZip, init, runs, reuse);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Unzips the packaged artifact into `work` and returns its sizes and the bundle's path. */
function extract(fn: LambdaFunction, work: string): { sizes: Sizes; bundlePath: string } {
  const zip = artifactPath(ROOT, fn);
  const files = readZip(readFileSync(zip));
  let bundlePath = "";
  for (const file of files) {
    const target = join(work, fn, file.name);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.read());
    if (file.name.endsWith(".mjs")) bundlePath = target;
  }
  const sum = (filter: (name: string) => boolean) =>
    files.filter((f) => filter(f.name)).reduce((total, f) => total + f.size, 0);
  return {
    bundlePath,
    sizes: {
      zipBytes: statSync(zip).size,
      unzippedBytes: sum(() => true),
      codeBytes: sum((n) => n.endsWith(".mjs")),
      mapBytes: sum((n) => n.endsWith(".map")),
    },
  };
}

/**
 * The deployed esbuild options (serverless.yml, custom.esbuild), with the AWS SDK left out. Written under `.bench/`
 * in the repository (ignored by git) so that Node resolves `@aws-sdk/*` from node_modules, as the runtime would.
 */
async function buildSdkExternal(fn: LambdaFunction): Promise<{ path: string; zipBytes: number }> {
  const out = join(ROOT, ".bench", "bundles", fn, "handler.mjs");
  await build({
    ...deployedEsbuildOptions(),
    entryPoints: [join(ROOT, "functions", fn, "handler.ts")],
    outfile: out,
    external: ["@aws-sdk/*"],
    sourcemap: false,
    logLevel: "error",
  });
  // What the zip would hold: the bundle alone, deflated like osls does.
  const { deflateRawSync } = await import("node:zlib");
  return { path: out, zipBytes: deflateRawSync(readFileSync(out), { level: 9 }).length + 150 };
}

function deployedEsbuildOptions(): BuildOptions {
  const config = parseCloudFormationYaml(readFileSync(join(ROOT, "serverless.yml"), "utf8")) as {
    custom: { esbuild: Record<string, unknown> };
  };
  const {
    exclude: _exclude,
    packager: _packager,
    outputFileExtension: _extension,
    plugins,
    ...options
  } = config.custom.esbuild;
  const loaded = createRequire(import.meta.url)(join(ROOT, String(plugins))) as Plugin[];
  return { ...(options as BuildOptions), plugins: loaded };
}

/** Medians of `await import()` in fresh processes, the variants interleaved so machine load hits them alike. */
interface Init {
  wallMs: number;
  cpuMs: number;
}

function measureInit(
  entries: Record<LambdaFunction, Record<Variant, string>>,
  runs: number,
): Record<LambdaFunction, Record<Variant, Init>> {
  const samples = {} as Record<LambdaFunction, Record<Variant, Init[]>>;
  for (const fn of LAMBDA_FUNCTIONS)
    samples[fn] = { bundle: [], "bundle-no-maps": [], unbundled: [], "sdk-external": [] };
  // One discarded round warms the file system cache and tsx's transpile cache.
  for (let round = -1; round < runs; round++)
    for (const fn of LAMBDA_FUNCTIONS)
      for (const variant of VARIANTS) {
        const sample = importOnce(entries[fn][variant], variant);
        if (round >= 0) samples[fn][variant].push(sample);
      }
  const result = {} as Record<LambdaFunction, Record<Variant, Init>>;
  for (const fn of LAMBDA_FUNCTIONS)
    result[fn] = Object.fromEntries(
      VARIANTS.map((v) => [
        v,
        { wallMs: median(samples[fn][v].map((x) => x.wallMs)), cpuMs: median(samples[fn][v].map((x) => x.cpuMs)) },
      ]),
    ) as Record<Variant, Init>;
  return result;
}

function importOnce(entry: string, variant: Variant): Init {
  const script = [
    "const c0 = process.cpuUsage(); const t0 = performance.now();",
    `await import(${JSON.stringify(pathToFileURL(entry).href)});`,
    "const wallMs = performance.now() - t0; const c = process.cpuUsage(c0);",
    "process.stdout.write(JSON.stringify({ wallMs, cpuMs: (c.user + c.system) / 1000 }));",
  ].join(" ");
  const flags = ["--no-warnings"];
  if (variant === "bundle" || variant === "sdk-external") flags.push("--enable-source-maps");
  if (variant === "unbundled") flags.push("--import", "tsx");
  const child = spawnSync(process.execPath, [...flags, "--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    // What Lambda sets and the composition reads at import time; nothing is called.
    env: { ...process.env, AWS_REGION: "eu-west-1", NODE_OPTIONS: "" },
  });
  if (child.status !== 0) throw new Error(`importing ${entry} (${variant}) failed: ${child.stderr.slice(0, 2000)}`);
  return JSON.parse(child.stdout) as Init;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function printTable(
  sizes: Record<LambdaFunction, Sizes>,
  sdkExternalZip: Record<LambdaFunction, number>,
  init: Record<LambdaFunction, Record<Variant, Init>>,
  runs: number,
  reused: boolean,
): void {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  const ms = (value: Init) => `${value.wallMs.toFixed(0)} ms (${value.cpuMs.toFixed(0)})`;
  const header = [
    "function",
    "zip",
    "unzipped (code + map)",
    "init bundle",
    "no maps",
    "unbundled",
    "bundle/unbundled",
    "SDK from node_modules: zip, init",
  ];
  const rows = LAMBDA_FUNCTIONS.map((fn) => {
    const s = sizes[fn];
    const i = init[fn];
    return [
      fn,
      `${kb(s.zipBytes)}${s.zipBytes <= ZIP_AIM_BYTES ? "" : " (!)"}`,
      `${kb(s.unzippedBytes)} (${kb(s.codeBytes)} + ${kb(s.mapBytes)})`,
      `${ms(i.bundle)}${i.bundle.wallMs <= INIT_AIM_MS ? "" : " (!)"}`,
      ms(i["bundle-no-maps"]),
      ms(i.unbundled),
      `${(i.bundle.wallMs / i.unbundled.wallMs).toFixed(2)}`,
      `≈${kb(sdkExternalZip[fn])}, ${ms(i["sdk-external"])}`,
    ];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => cell.padEnd(widths[c]!)).join("  ");
  console.log(
    `node ${process.version}, ${runs} fresh processes per cell (median), artifacts ${reused ? "reused" : "packaged now"}`,
  );
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of rows) console.log(line(row));
  console.log(
    `aim: zip <= ${ZIP_AIM_BYTES / 1024} KB, init <= ${INIT_AIM_MS} ms ((!) marks a miss). init = wall ms (CPU ms) of await import() of the handler module, which also builds its AWS clients (no call is made).`,
  );
}
