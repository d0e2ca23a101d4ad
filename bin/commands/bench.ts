/**
 * `dp-autoscaler bench [--quick] [NAME …]`: runs the benchmarks in `bench/<name>.ts` (each exports
 * `run({ quick })` and prints its own figures). Figures go to docs/BENCHMARKS.md by hand, with the command and date.
 */
import { readdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

interface BenchModule {
  run(options: { quick: boolean }): Promise<void>;
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
  const quick = args.includes("--quick");
  const wanted = args.filter((a) => !a.startsWith("--"));
  const all = await listBenchmarks();
  const unknown = wanted.filter((w) => !all.includes(w));
  if (unknown.length > 0) {
    console.error(`dp-autoscaler bench: unknown benchmark ${unknown.join(", ")} (have: ${all.join(", ")})`);
    return 2;
  }
  const names = wanted.length > 0 ? wanted : all;
  for (const name of names) {
    console.log(`\n== bench/${name}.ts${quick ? " (quick)" : ""}`);
    const mod = (await import(join(benchDir, `${name}.ts`))) as BenchModule;
    await mod.run({ quick });
  }
  return 0;
}
