/**
 * `dp-autoscaler bench [--quick] [--set KEY=VALUE …] [NAME …]`: runs the benchmarks in `bench/<name>.ts` (each exports
 * `run({ quick, overrides })` and prints its own figures). Figures go to docs/BENCHMARKS.md by hand, with the command
 * and date. `--set` changes every scenario a benchmark runs (`quality`: `--set cluster.signals.cpu.targetPercent=80`).
 */
import { readdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Override, parseOverride } from "../../sim/scenario/overrides.ts";
import { isUsageError, parseArgs } from "../args.ts";

const USAGE = "usage: dp-autoscaler bench [--quick] [--set KEY=VALUE …] [NAME …]";

interface BenchModule {
  run(options: { quick: boolean; overrides: Override[] }): Promise<void>;
  /** True when the benchmark runs scenarios that `--set` can change. */
  takesOverrides?: boolean;
}

const benchDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "bench");

export async function listBenchmarks(): Promise<string[]> {
  const files = await readdir(benchDir);
  return files
    .filter((f) => f.endsWith(".ts"))
    .map((f) => basename(f, ".ts"))
    .sort();
}

export async function run(args: string[]): Promise<number> {
  let quick: boolean;
  let wanted: string[];
  let overrides: Override[];
  try {
    const parsed = parseArgs(args, [], ["quick", "help"], ["set"]);
    if (parsed.flags.has("help")) {
      console.log(USAGE);
      return 0;
    }
    quick = parsed.flags.has("quick");
    wanted = parsed.positional;
    overrides = (parsed.lists.get("set") ?? []).map(parseOverride);
  } catch (err) {
    if (isUsageError(err)) {
      console.error(`dp-autoscaler bench: ${err.message}\n${USAGE}`);
      return 2;
    }
    throw err;
  }
  const all = await listBenchmarks();
  const unknown = wanted.filter((w) => !all.includes(w));
  if (unknown.length > 0) {
    console.error(`dp-autoscaler bench: unknown benchmark ${unknown.join(", ")} (have: ${all.join(", ")})`);
    return 2;
  }
  const names = wanted.length > 0 ? wanted : all;
  const modules = new Map<string, BenchModule>();
  for (const name of names) modules.set(name, (await import(join(benchDir, `${name}.ts`))) as BenchModule);
  const deaf = names.filter((n) => !modules.get(n)!.takesOverrides);
  if (overrides.length > 0 && deaf.length > 0) {
    // Silently measuring something else than asked would be worse than refusing.
    for (const name of all)
      if (!modules.has(name)) modules.set(name, (await import(join(benchDir, `${name}.ts`))) as BenchModule);
    const takers = all.filter((n) => modules.get(n)!.takesOverrides);
    console.error(
      `dp-autoscaler bench: --set changes scenarios; ${deaf.join(", ")} run${deaf.length === 1 ? "s" : ""} none (--set applies to ${takers.join(", ")})`,
    );
    return 2;
  }
  for (const name of names) {
    const sets = overrides.map((o) => ` --set ${o.key}=${JSON.stringify(o.value)}`).join("");
    console.log(`\n== bench/${name}.ts${quick ? " (quick)" : ""}${sets}`);
    await modules.get(name)!.run({ quick, overrides });
  }
  return 0;
}
