/**
 * The cost of keeping the configured targets with no delay at all: every minute of the window, exactly the nodes the
 * minute's peak demand needs at the CPU and bandwidth targets (`SimWorld.nodesAtTarget`), within the cluster's bounds
 * — no boot, no sync, no registration, no metric lag, no noise to guess. No real policy can keep its target for less
 * without running hotter than the target; a policy that costs less than this ran its nodes above the target (and,
 * usually, into overload). It ignores the upstream: it is the price of the target, not of the best goodput.
 *
 * The benchmarks set it beside the oracle (which fills nodes to 100 % with perfect foresight) to show which aims the
 * configured target allows: at a 70 % CPU target it is ≈ 1/0.7 of the oracle at steady load.
 */
import type { SimWorld } from "./world.ts";

const MINUTE = 60_000;

/** Instance-hours of the zero-delay follower at the configured targets over the measured window. */
export function atTargetInstanceHours(world: SimWorld): number {
  const { rps, stepSeconds } = world.traffic;
  const stepMs = stepSeconds * 1000;
  let nodeMinutes = 0;
  for (let t = world.originMs; t < world.endMs; t += MINUTE) {
    const first = Math.floor((t - world.originMs) / stepMs);
    const last = Math.min(rps.length, Math.ceil((t + MINUTE - world.originMs) / stepMs));
    let peak = 0;
    for (let i = first; i < last; i++) if (rps[i]! > peak) peak = rps[i]!;
    const minutes = Math.min(MINUTE, world.endMs - t) / MINUTE;
    nodeMinutes += Math.max(world.cluster.minNodes, Math.min(world.ceiling, world.nodesAtTarget(peak))) * minutes;
  }
  return nodeMinutes / 60;
}
