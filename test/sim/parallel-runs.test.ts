/**
 * `compare` and `bench quality` run on every core (`sim/parallel/runs.ts`): a pool of worker threads, one run per
 * worker. Their results must be those of a serial run, in the order of the jobs — every figure, the timeline, the
 * events and the invariant checks; only the wall-clock speed (`simulatedMinutesPerSecond`) may differ.
 */
import { describe, expect, it } from "vitest";
import { runInParallel } from "../../sim/parallel/runs.ts";
import { loadTraffic } from "../../sim/traffic/load.ts";
import type { RunResult } from "../../sim/types.ts";
import { shortened } from "./shortened.ts";

function withoutWallClock(r: RunResult) {
  return { ...r, summary: { ...r.summary, simulatedMinutesPerSecond: 0 } };
}

describe("runs on worker threads", () => {
  it("give what a serial run gives, in the order of the jobs", async () => {
    const jobs = (["flash-crowd", "cp-outage"] as const).flatMap((name) => {
      const scenario = shortened(name);
      const traffic = loadTraffic(scenario.traffic, scenario.seed);
      return (["ours", "target-tracking", "oracle"] as const).map((policy) => ({ scenario, policy, traffic }));
    });
    const progress: number[] = [];
    const parallel = await runInParallel(jobs, { workers: 3, onDone: (done) => progress.push(done) });
    const serial = await runInParallel(jobs, { workers: 1 });
    expect(parallel.map((r) => `${r.scenario}/${r.policy}`)).toEqual(jobs.map((j) => `${j.scenario.name}/${j.policy}`));
    expect(parallel.map(withoutWallClock)).toEqual(serial.map(withoutWallClock));
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
  }, 120_000);

  it("fails with the run's name when a run fails in a worker", async () => {
    const scenario = shortened("flash-crowd");
    const broken = { ...scenario, name: "broken-run", traffic: { source: "file", path: "no-such-file.csv" } };
    await expect(
      runInParallel(
        [
          { scenario, policy: "static" },
          { scenario: broken as typeof scenario, policy: "static" },
        ],
        { workers: 2 },
      ),
    ).rejects.toThrow(/^broken-run \/ static: traffic/);
  }, 60_000);
});
