/**
 * Runs many scenario × policy runs on every core: a pool of worker threads, one run per worker at a time, results in
 * the order of the jobs. A run is deterministic (same scenario and seed → same figures), so the results are those of
 * a serial run — all but `summary.simulatedMinutesPerSecond`, a wall-clock figure (`test/sim/parallel-runs.test.ts`).
 * With one worker, or one job, everything runs in this thread.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { runScenario } from "../run.ts";
import type { Scenario } from "../scenario/schema.ts";
import type { TrafficSeries } from "../traffic/series.ts";
import type { PolicyName, RunResult } from "../types.ts";

export interface RunJob {
  scenario: Scenario;
  policy: PolicyName;
  /** The traffic, when already loaded (it is copied to the worker). */
  traffic?: TrafficSeries;
  /** Where relative traffic file paths are resolved. */
  baseDir?: string;
}

export type WorkerAnswer = { index: number; result: RunResult } | { index: number; error: string };

export interface ParallelOptions {
  /** Worker threads; default: every core (`os.availableParallelism()`). 1: run serially in this thread. */
  workers?: number;
  /** Called as each run finishes, with how many are done. */
  onDone?: (done: number, total: number, job: RunJob) => void;
}

/** The default number of workers: one per core. */
export function defaultWorkers(): number {
  return availableParallelism();
}

export async function runInParallel(jobs: readonly RunJob[], options: ParallelOptions = {}): Promise<RunResult[]> {
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkers(), jobs.length));
  if (workers <= 1) return runSerially(jobs, options);
  const results: RunResult[] = new Array(jobs.length);
  const pool = Array.from({ length: workers }, () => new Worker(new URL("./worker-entry.mjs", import.meta.url)));
  let next = 0;
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const give = (worker: Worker): void => {
        if (next >= jobs.length) return;
        const index = next++;
        worker.postMessage({ index, job: jobs[index] });
      };
      for (const worker of pool) {
        worker.on("message", (answer: WorkerAnswer) => {
          if ("error" in answer) {
            reject(new Error(`${describe(jobs[answer.index]!)}: ${answer.error}`));
            return;
          }
          results[answer.index] = answer.result;
          done++;
          options.onDone?.(done, jobs.length, jobs[answer.index]!);
          if (done === jobs.length) resolve();
          else give(worker);
        });
        worker.on("error", reject);
        worker.on("exit", (code) => {
          if (done < jobs.length) reject(new Error(`a simulation worker exited (code ${code}) before its run ended`));
        });
        give(worker);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return results;
}

async function runSerially(jobs: readonly RunJob[], options: ParallelOptions): Promise<RunResult[]> {
  const results: RunResult[] = [];
  for (const job of jobs) {
    results.push(await runScenario(job.scenario, job.policy, { traffic: job.traffic, baseDir: job.baseDir }));
    options.onDone?.(results.length, jobs.length, job);
  }
  return results;
}

function describe(job: RunJob): string {
  return `${job.scenario.name} / ${job.policy}`;
}
