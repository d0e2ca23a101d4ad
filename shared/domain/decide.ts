/**
 * The decision: what size a cluster should have now, and every reason why. Pure — the same inputs give the same
 * Decision, nothing is read from the outside world, nothing is mutated.
 *
 * 1. Each signal proposes a size (`signals/evaluate.ts`: freshness, look-ahead, proportional rule with tolerance),
 *    measured over the nodes in service.
 * 2. `recommended` = the largest proposal (no usable signal: the current size). It is compared with the group's
 *    desired size, which already includes the nodes launching — so a second alarm while nodes boot asks only for what
 *    is still missing.
 * 3. The guardrails apply in `GUARDRAIL_ORDER`, each one seeing the size the previous left; the firing ones are listed.
 * 4. The action compares the result with the current desired size.
 */
import type { ClusterConfig } from "../config/schema.ts";
import { countCapacity } from "./capacity.ts";
import type { Decision, GuardrailFiring, ScalingAction, SignalReason } from "./decision.ts";
import { GUARDRAIL_ORDER } from "./guardrails/order.ts";
import type { RuleContext } from "./guardrails/types.ts";
import type { Observation } from "./observation.ts";
import { absentSignal, evaluateSignal, type SignalEvaluation } from "./signals/evaluate.ts";
import { expectedSignals } from "./signals/expected.ts";

/**
 * Decides the desired size of `cluster` from `obs` at `now` (epoch ms).
 *
 * @example
 * const d = decide(cluster, observation, observation.observedAt);
 * if (d.action !== "hold") await fleet.setDesiredCapacity(cluster.autoScalingGroupName, d.desired);
 */
export function decide(cluster: ClusterConfig, obs: Observation, now: number): Decision {
  const current = obs.group.desired;
  const reasons: SignalReason[] = [];
  const missing: string[] = [];
  const rising: string[] = [];
  const saturated: string[] = [];
  let recommended = -1;
  let drivenBy = "";

  const consider = (e: SignalEvaluation): void => {
    reasons.push(e.reason);
    if (e.rising) rising.push(e.reason.signal);
    if (e.saturated) saturated.push(e.reason.signal);
    if (e.missing) missing.push(e.reason.signal);
    else if (e.reason.proposal! > recommended) {
      recommended = e.reason.proposal!;
      drivenBy = e.reason.signal;
    }
  };
  // The configured signals first, in configuration order; a configured signal the observation lacks is missing.
  const expected = expectedSignals(cluster);
  for (const want of expected) {
    const series = findSeries(obs, want.id);
    consider(
      series === undefined ? absentSignal(want.id, want.unit, want.target) : evaluateSignal(cluster, series, now),
    );
  }
  // Then any other series the observation carries (an observer may add signals the config does not list by id).
  for (const series of obs.signals) {
    if (!isExpected(expected, series.id)) consider(evaluateSignal(cluster, series, now));
  }
  if (recommended < 0) recommended = current;

  const ctx: RuleContext = {
    cluster,
    obs,
    now,
    current,
    recommended,
    signalCount: reasons.length,
    missing,
    rising,
    saturated,
    capacity: countCapacity(obs.group.instances, current),
  };
  let desired = recommended;
  const guardrails: GuardrailFiring[] = [];
  for (const rule of GUARDRAIL_ORDER) {
    const firing = rule.apply(ctx, desired);
    if (firing === null) continue;
    guardrails.push(firing);
    desired = firing.to;
    if (rule.freezes) break;
  }

  const action: ScalingAction = desired > current ? "scale-out" : desired < current ? "scale-in" : "hold";
  return {
    cluster: cluster.name,
    at: now,
    action,
    currentDesired: current,
    desired,
    recommended,
    reasons,
    guardrails,
    summary: summarise(cluster.name, action, current, desired, recommended, drivenBy, missing, guardrails),
  };
}

function findSeries(obs: Observation, id: string) {
  for (const s of obs.signals) if (s.id === id) return s;
  return undefined;
}

function isExpected(expected: readonly { id: string }[], id: string): boolean {
  for (const e of expected) if (e.id === id) return true;
  return false;
}

/** One line: "prod: scale-out 4 → 6 — signals ask for 7 (cpu); control-plane-capacity capped 7 → 6". */
function summarise(
  name: string,
  action: ScalingAction,
  current: number,
  desired: number,
  recommended: number,
  drivenBy: string,
  missing: readonly string[],
  guardrails: readonly GuardrailFiring[],
): string {
  let s = action === "hold" ? `${name}: hold at ${current}` : `${name}: ${action} ${current} → ${desired}`;
  s += drivenBy === "" ? " — no usable signal" : ` — signals ask for ${recommended} (${drivenBy})`;
  if (missing.length > 0) s += `; missing: ${missing.join(", ")}`;
  for (const g of guardrails) s += `; ${g.name} ${g.effect} ${g.from} → ${g.to}`;
  return s;
}
