/**
 * stabilisation — scale in slowly and never against capacity that is still arriving:
 * 1. while nodes are on the way (launching, or requested and not started), no scale-in: the measured load does not
 *    include them yet, and target tracking blocks scale-in during warm-up for the same reason;
 * 2. while a signal's newest datapoint is saturated (CPU ≥ 95 %, `signals/saturation.ts`), no scale-in: it shows a
 *    floor of the load, not the load;
 * 3. while a signal's load rises beyond doubt (Mann–Kendall on its recent points, `signals/rise-test.ts`), no
 *    scale-in: a per-node value below the band then means the measurement is behind the load (nodes in service that
 *    the load balancer does not route to yet, a datapoint from before the ramp), not that nodes are idle — on
 *    faults-mix (an NLB ramp) the fleet was scaled in 7 → 6 a minute before it needed 12;
 * 4. otherwise scale in only down to the highest recommendation of the last `scaleIn.stabilisationSeconds`
 *    (`obs.recentRecommendations` plus the current one) — HPA's scale-down stabilisation window.
 * Never raises the size above the current one.
 */
import type { GuardrailFiring } from "../decision.ts";
import { nodes } from "../format.ts";
import { fire } from "./firing.ts";
import type { GuardrailRule, RuleContext } from "./types.ts";

export function stabilisation(ctx: RuleContext, desired: number): GuardrailFiring | null {
  if (desired >= ctx.current) return null;
  const hold = reasonToHold(ctx);
  if (hold !== null) return fire("stabilisation", ctx, desired, ctx.current, `${hold}, ${desired} → ${ctx.current}`);
  const windowS = ctx.cluster.scaling.scaleIn.stabilisationSeconds;
  let highest = ctx.recommended;
  if (windowS > 0) {
    const since = ctx.now - windowS * 1000;
    for (const r of ctx.obs.recentRecommendations) {
      if (r.t >= since && r.t <= ctx.now && r.v > highest) highest = r.v;
    }
  }
  const to = Math.min(ctx.current, Math.max(desired, highest));
  if (to === desired) return null;
  return fire(
    "stabilisation",
    ctx,
    desired,
    to,
    `highest recommendation in the last ${windowS} s is ${highest}: scale-in ${desired} → ${to}`,
  );
}

/** Why no scale-in may happen now at all (reasons 1–3 above), or null. */
function reasonToHold(ctx: RuleContext): string | null {
  const onTheWay = ctx.capacity.onTheWay;
  if (onTheWay > 0) return `${nodes(onTheWay)} still on the way: scale-in waits until they serve`;
  if (ctx.saturated.length > 0)
    return `${ctx.saturated.join(", ")} saturated (newest datapoint at its ceiling): the load is at least that, no scale-in`;
  if (ctx.rising.length > 0) return `${ctx.rising.join(", ")} load rising: no scale-in against a rising load`;
  return null;
}

export const stabilisationRule: GuardrailRule = { name: "stabilisation", freezes: false, apply: stabilisation };
