/**
 * `--json` output of `simulate` and `compare`: one object per run (scenario × policy), the summary figures and the
 * invariant violations; the timeline stays out (it is what the HTML report is for).
 */
import type { PolicyName, RunResult, RunSummary, ScenarioReference } from "../types.ts";

export interface RunJsonSummary {
  scenario: string;
  policy: PolicyName;
  seed: number;
  summary: RunSummary;
  invariantViolations: string[];
  /** Provenance of the traffic (trace, window, scale, bytes per request). */
  notes: string[];
  /** The scenario's own reference figures (the same for every policy): see `ScenarioReference`. */
  reference: ScenarioReference;
}

export function toJsonSummary(runs: readonly RunResult[]): RunJsonSummary[] {
  return runs.map((run) => ({
    scenario: run.scenario,
    policy: run.policy,
    seed: run.seed,
    summary: { ...run.summary },
    invariantViolations: [...run.invariantViolations],
    notes: [...run.notes],
    reference: { ...run.reference },
  }));
}

/** Pretty-printed JSON array of `RunJsonSummary`, newline-terminated. */
export function renderJsonSummary(runs: readonly RunResult[]): string {
  return `${JSON.stringify(toJsonSummary(runs), null, 2)}\n`;
}
