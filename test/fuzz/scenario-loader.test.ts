/**
 * Fuzzing the simulator's scenario loader: the built-in scenarios mutated as documents and as JSON text, through
 * `validateScenario` (what `scenarioFromFile` runs after JSON.parse). Every input gives a scenario that keeps its
 * cross-field rules — and whose synthetic or inline traffic loads into finite, non-negative rates — or one
 * `ScenarioError` listing its problems. Nothing else is thrown.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { BUILTIN_SCENARIOS } from "../../sim/scenario/builtins.ts";
import { ScenarioError, validateScenario } from "../../sim/scenario/load.ts";
import type { Scenario } from "../../sim/scenario/schema.ts";
import { TrafficSpecError } from "../../sim/traffic/errors.ts";
import { loadTraffic } from "../../sim/traffic/load.ts";
import { ensure } from "./support/ensure.ts";
import { mutatedFrom, prototypePolluted } from "./support/mutate.ts";
import { fuzzParams } from "./support/runs.ts";

const SEEDS: Record<string, unknown> = Object.fromEntries(BUILTIN_SCENARIOS.map((s) => [s.name, s]));

function checkScenario(s: Scenario): void {
  const c = s.cluster;
  ensure(0 <= c.minNodes && c.minNodes <= c.maxNodes, `cluster bounds [${c.minNodes}, ${c.maxNodes}]`);
  for (const rate of [
    s.faults.lostEventRate,
    s.faults.duplicatedEventRate,
    s.faults.apiThrottlingRate,
    s.faults.neverReadyFraction,
    s.faults.bootFailureFraction,
  ])
    ensure(rate >= 0 && rate <= 1, `a fault rate of ${rate}`);
  for (const d of [s.nodes.bootSeconds, s.nodes.cpSyncSeconds])
    ensure(d.p95Seconds >= d.medianSeconds && d.medianSeconds >= 0, "a duration's p95 ≥ its median");
  for (const w of [...s.controlPlane.outages, ...s.faults.metricGaps])
    ensure(w.atMinute >= 0 && w.durationMinutes > 0, "a fault window starts at or after 0 and lasts");
  ensure(Number.isSafeInteger(s.seed) && s.seed >= 0, `seed ${s.seed}`);
}

/** Synthetic and inline traffic (no trace file to read) loads into a usable series, or one TrafficSpecError. */
function checkTraffic(s: Scenario): void {
  if (s.traffic.source !== "synthetic" && s.traffic.source !== "inline") return;
  try {
    const series = loadTraffic(s.traffic, s.seed);
    ensure(series.rps.length > 0 && series.stepSeconds > 0, "a non-empty series");
    for (const v of series.rps) ensure(Number.isFinite(v) && v >= 0, `a rate of ${v} req/s`);
  } catch (err) {
    ensure(err instanceof TrafficSpecError, `loadTraffic threw ${(err as Error)?.name}: ${(err as Error)?.message}`);
  }
}

afterAll(() => {
  expect(prototypePolluted()).toBe(false);
});

describe("fuzz: scenario loader", () => {
  it("the seeds are the valid built-ins", () => {
    for (const [name, doc] of Object.entries(SEEDS)) expect(() => validateScenario(doc, name), name).not.toThrow();
  });

  it("mutated scenarios give a valid scenario (with loadable traffic) or one ScenarioError", () => {
    const seen = { valid: 0, invalid: 0 };
    const damagedText = fc
      .tuple(fc.constantFrom(...Object.values(SEEDS).map((d) => JSON.stringify(d))), fc.nat())
      .map(([t, cut]) => t.slice(0, cut % t.length));
    fc.assert(
      fc.property(
        fc.oneof(
          { weight: 5, arbitrary: mutatedFrom(SEEDS, 4).map((c) => ({ doc: c.value })) },
          damagedText.map((t) => ({ text: t })),
        ),
        (input) => {
          let doc: unknown;
          if ("text" in input) {
            try {
              doc = JSON.parse(input.text);
            } catch {
              return; // scenarioFromFile reports unparsable JSON itself, before validation
            }
          } else doc = input.doc;
          let scenario: Scenario;
          try {
            scenario = validateScenario(doc, "fuzz.json");
          } catch (err) {
            ensure(err instanceof ScenarioError, `threw ${(err as Error)?.name}: ${(err as Error)?.message}`);
            ensure(err.problems.length > 0 && err.source === "fuzz.json", "problems named with their source");
            seen.invalid++;
            return;
          }
          seen.valid++;
          checkScenario(scenario);
          checkTraffic(scenario);
        },
      ),
      fuzzParams("scenarioDocuments"),
    );
    expect(seen.valid).toBeGreaterThan(50);
    expect(seen.invalid).toBeGreaterThan(50);
  });
});
