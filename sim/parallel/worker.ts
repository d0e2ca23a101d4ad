/**
 * One worker thread of `runInParallel`: it runs one scenario × policy at a time, as the parent asks, and answers with
 * the run's result (or the error's message). Nothing is shared with the parent but the messages.
 */
import { parentPort } from "node:worker_threads";
import { runScenario } from "../run.ts";
import type { RunJob, WorkerAnswer } from "./runs.ts";

const port = parentPort;
if (port === null) throw new Error("sim/parallel/worker.ts runs only as a worker thread");

port.on("message", async ({ index, job }: { index: number; job: RunJob }) => {
  let answer: WorkerAnswer;
  try {
    const result = await runScenario(job.scenario, job.policy, { traffic: job.traffic, baseDir: job.baseDir });
    answer = { index, result };
  } catch (err) {
    answer = { index, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(answer);
});
