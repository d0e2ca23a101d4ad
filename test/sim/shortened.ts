/**
 * Built-in scenarios cut to a short window around what makes them interesting, so whole runs stay fast in tests.
 */
import { BUILTIN_SCENARIOS } from "../../sim/scenario/builtins.ts";
import { validateScenario } from "../../sim/scenario/load.ts";
import type { Scenario, ScenarioInput } from "../../sim/scenario/schema.ts";

/** Per built-in: the traffic window the tests use (undefined: the whole scenario, already short). */
const WINDOWS: Record<string, (traffic: ScenarioInput["traffic"]) => ScenarioInput["traffic"]> = {
  "nasa-launch-day": (t) =>
    ({ ...t, window: { start: "1995-07-13T08:30", durationMinutes: 120 } }) as ScenarioInput["traffic"],
  "wc98-final-week": (t) =>
    ({ ...t, window: { start: "1998-07-07T20:00Z", durationMinutes: 150 } }) as ScenarioInput["traffic"],
  "bandwidth-bound": (t) => ({ ...t, durationMinutes: 240 }) as ScenarioInput["traffic"],
};

export function shortened(name: string): Scenario {
  const input = BUILTIN_SCENARIOS.find((s) => s.name === name);
  if (!input) throw new Error(`no built-in ${name}`);
  const cut = WINDOWS[name];
  return validateScenario(cut ? { ...input, traffic: cut(input.traffic) } : input, `shortened ${name}`);
}
