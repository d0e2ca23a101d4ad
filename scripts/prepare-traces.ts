/**
 * Rebuilds `data/traces/` from the traces as received (a directory laid out like the original drop: the NASA and WC98
 * per-minute CSVs, `autothrottle/*.txt`, their licences and terms):
 *
 *     npx tsx scripts/prepare-traces.ts /path/to/traces [data/traces]
 *
 * Each source is first checked against the figures its README publishes, so a truncated or different download fails
 * here instead of skewing benchmarks. The per-minute CSVs are then written as one count per line on the full minute
 * grid (the NASA CSV omits minutes without requests: they become 0), with `# start:` / `# step:` directives, gzipped
 * deterministically: no timestamps to parse makes a cold load several times faster, and the file half the size.
 * Everything else is copied byte for byte (the WC98 terms must travel unmodified). `README.md` in the output is
 * written by hand (it adapts the source README) and is left alone.
 */
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { TRACE_NAMES, TRACES, type TraceName } from "../sim/traffic/catalogue.ts";
import { type ParsedSeries, parseSeriesText } from "../sim/traffic/parse.ts";
import { formatIsoWithOffset } from "../sim/traffic/time.ts";

interface Expected {
  rows: number;
  sum: number;
  max: number;
}

/** Figures from the source README (kept in `data/traces/README.md`). NaN: not published. */
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
  for (const name of TRACE_NAMES) {
    const info = TRACES[name];
    const bytes = readFileSync(join(sourceDir, info.sourceFile));
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const parsed = parseSeriesText(bytes.toString("utf8"), {
      source: info.sourceFile,
      stepSeconds: info.stepSeconds,
      utcOffsetMinutes: info.utcOffsetMinutes,
    });
    check(name, parsed);
    const out = join(outDir, info.file);
    if (info.file === info.sourceFile) writeOutput(out, bytes);
    else writeOutput(out, gzipSync(denseText(name, parsed, sha256), { level: 9 }));
    console.log(`${out}  ← ${info.sourceFile} (sha256 ${sha256})`);
  }
  for (const file of VERBATIM) {
    writeOutput(join(outDir, file), readFileSync(join(sourceDir, file)));
    console.log(`${join(outDir, file)}  ← ${file} (verbatim)`);
  }
  if (!existsSync(join(outDir, "README.md")))
    console.warn(`${outDir}/README.md is missing: write the provenance there`);
  return 0;
}

function check(name: TraceName, parsed: ParsedSeries): void {
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

/** One count per line on the full grid, preceded by what a reader needs to place it in time. */
function denseText(name: TraceName, parsed: ParsedSeries, sha256: string): Buffer {
  const info = TRACES[name];
  const header = [
    `# ${name}: requests per ${info.stepSeconds}-second step; ${info.title}. Provenance and terms: README.md`,
    `# built by scripts/prepare-traces.ts from ${info.sourceFile} (sha256 ${sha256}); steps absent there are 0`,
    `# start: ${formatIsoWithOffset(parsed.startMs!, info.utcOffsetMinutes)}`,
    `# step: ${info.stepSeconds}`,
  ];
  return Buffer.from(`${header.join("\n")}\n${Array.from(parsed.values).join("\n")}\n`, "utf8");
}

/** Writes with ordinary permissions: the source drop is read-only, and a second run must be able to overwrite. */
function writeOutput(path: string, bytes: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  if (existsSync(path)) chmodSync(path, 0o644);
  writeFileSync(path, bytes, { mode: 0o644 });
  chmodSync(path, 0o644);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  console.error(`prepare-traces: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
