import type { GuardrailFiring, GuardrailName } from "../decision.ts";
import type { RuleContext } from "./types.ts";

/**
 * A firing whose effect follows from where it leaves the size: back at the current size it `blocked` the change,
 * anywhere else it `capped` it (limited a step, or clamped to a bound).
 */
export function fire(name: GuardrailName, ctx: RuleContext, from: number, to: number, detail: string): GuardrailFiring {
  return { name, effect: to === ctx.current ? "blocked" : "capped", detail, from, to };
}
