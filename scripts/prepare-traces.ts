/**
 * Rebuilds `data/traces/` from the traces as received (a directory laid out like the original drop: the NASA and WC98
 * per-minute CSVs, `autothrottle/*.txt`, their licences and terms):
 *
 *     npx tsx scripts/prepare-traces.ts /path/to/traces [data/traces]
 *
 * The CSVs are gzipped (deterministic: no name, no mtime), everything else is copied byte for byte: the WC98 terms must
 * travel unmodified. Before writing, each trace is checked against the figures its README publishes, so a truncated or
 * different download fails here instead of skewing benchmarks. `README.md` in the output is written by hand (it adapts
 * the source README) and is left alone.
 */
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { TRACE_NAMES, TRACES, type TraceName } from "../shared/sim/traffic/catalogue.ts";
import { parseSeriesText } from "../shared/sim/traffic/parse.ts";

interface Expected {
  rows: number;
  sum: number;
  max: number;
}

/** Figures from the source README (`/work/shared/traces/README.md`, kept in `data/traces/README.md`). */
const EXPECTED: Record<TraceName, Expected> = {
  "nasa-1995": { rows: 81_396, sum: 3_461_612, max: 405 },
  wc98: { rows: 125_300, sum: 1_352_804_107, max: 229_426 },
  "autothrottle-bursty": { rows: 3600, sum: Number.NaN, max: 397 },
  "autothrottle-diurnal": { rows: 3600, sum: Number.NaN, max: 387 },
  "autothrottle-noisy": { rows: 3600, sum: Number.NaN, max: 245 },
  "autothrottle-diurnal-2": { rows: 3600, sum: Number.NaN, max: 394 },
};

const VERBATIM = ["LICENSE-nasa-wc98-csv.txt", "WorldCup98-terms.html", "autothrottle/LICENSE"];

function main(argv: string[]): number {
  const [sourceDir, outDir = "data/traces"] = argv;
  if (sourceDir === undefined) {
    console.error("usage: npx tsx scripts/prepare-traces.ts SOURCE_DIR [OUT_DIR=data/traces]");
    return 2;
  }
  mkdirSync(join(outDir, "autothrottle"), { recursive: true });
  for (const name of TRACE_NAMES) {
    const info = TRACES[name];
    const sourceName = info.file.replace(/\.gz$/, "");
    const bytes = readFileSync(join(sourceDir, sourceName));
    check(name, bytes.toString("utf8"));
    const out = join(outDir, info.file);
    writeOutput(out, info.file.endsWith(".gz") ? gzipSync(bytes, { level: 9 }) : bytes);
    console.log(`${out}  sha256(source) ${createHash("sha256").update(bytes).digest("hex")}`);
  }
  for (const file of VERBATIM) {
    writeOutput(join(outDir, file), readFileSync(join(sourceDir, file)));
    console.log(join(outDir, file));
  }
  if (!existsSync(join(outDir, "README.md")))
    console.warn(`${outDir}/README.md is missing: write the provenance there`);
  return 0;
}

/** Writes with ordinary permissions: the source drop is read-only, and a second run must be able to overwrite. */
function writeOutput(path: string, bytes: Buffer): void {
  if (existsSync(path)) chmodSync(path, 0o644);
  writeFileSync(path, bytes, { mode: 0o644 });
  chmodSync(path, 0o644);
}

function check(name: TraceName, text: string): void {
  const info = TRACES[name];
  const parsed = parseSeriesText(text, { source: name, stepSeconds: info.stepSeconds, utcOffsetMinutes: 0 });
  let sum = 0;
  let max = 0;
  for (const v of parsed.values) {
    sum += v;
    if (v > max) max = v;
  }
  const expected = EXPECTED[name];
  const wrong: string[] = [];
  if (parsed.rows !== expected.rows) wrong.push(`rows ${parsed.rows} ≠ ${expected.rows}`);
  if (!Number.isNaN(expected.sum) && sum !== expected.sum) wrong.push(`sum ${sum} ≠ ${expected.sum}`);
  if (max !== expected.max) wrong.push(`max ${max} ≠ ${expected.max}`);
  if (wrong.length > 0) throw new Error(`${name}: not the published trace (${wrong.join(", ")})`);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  console.error(`prepare-traces: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
