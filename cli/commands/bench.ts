/**
 * `dp-autoscaler bench [--quick] [--set KEY=VALUE …] [NAME …]`: runs the benchmarks in `bench/<name>.ts` (each exports
 * `run({ quick, overrides })` and prints its own figures). Figures go to docs/BENCHMARKS.md by hand, with the command
 * and date. `--set` changes every scenario a benchmark runs (`quality`: `--set cluster.signals.cpu.targetPercent=80`).
 */
import { join } from "node:path";
import { type Override, parseOverride } from "../../sim/scenario/overrides.ts";
import { EXIT, UsageError } from "../command.ts";
import { BENCH_DIR, benchmarkNames, GRAMMAR } from "../grammar.ts";
import { runCommand } from "../run-command.ts";
import { didYouMean } from "../suggest.ts";

interface BenchModule {
  run(options: { quick: boolean; overrides: Override[] }): Promise<void>;
  /** True when the benchmark runs scenarios that `--set` can change. */
  takesOverrides?: boolean;
}

export function run(args: string[]): Promise<number> {
  return runCommand(GRAMMAR.bench!, args, (line) =>
    runBenchmarks(line.positionals, line.flag("quick"), line.list("set")),
  );
}

async function runBenchmarks(wanted: string[], quick: boolean, sets: string[]): Promise<number> {
  const overrides = sets.map(parseOverride);
  const all = benchmarkNames();
  const unknown = wanted.filter((w) => !all.includes(w));
  if (unknown.length > 0)
    throw new UsageError(
      `unknown benchmark ${unknown.join(", ")} (have: ${all.join(", ")})${didYouMean(unknown[0]!, all)}`,
    );
  const names = wanted.length > 0 ? wanted : all;
  const modules = new Map<string, BenchModule>();
  for (const name of names) modules.set(name, (await import(join(BENCH_DIR, `${name}.ts`))) as BenchModule);
  const deaf = names.filter((n) => !modules.get(n)!.takesOverrides);
  if (overrides.length > 0 && deaf.length > 0) {
    // Silently measuring something else than asked would be worse than refusing.
    for (const name of all)
      if (!modules.has(name)) modules.set(name, (await import(join(BENCH_DIR, `${name}.ts`))) as BenchModule);
    const takers = all.filter((n) => modules.get(n)!.takesOverrides);
    throw new UsageError(
      `--set changes scenarios; ${deaf.join(", ")} run${deaf.length === 1 ? "s" : ""} none (--set applies to ${takers.join(", ")})`,
    );
  }
  for (const name of names) {
    const shown = overrides.map((o) => ` --set ${o.key}=${JSON.stringify(o.value)}`).join("");
    console.log(`\n== bench/${name}.ts${quick ? " (quick)" : ""}${shown}`);
    await modules.get(name)!.run({ quick, overrides });
  }
  return EXIT.ok;
}
