/**
 * `runScenario`: one scenario under one policy, start to finish — build the world, run the warm-up and the measured
 * window on the virtual clock, let work in flight finish (lifecycle actions, Lambda invocations), check the end-of-run
 * invariants, and summarise.
 *
 * @example
 * const result = await runScenario(builtinScenario("flash-crowd"), "ours");
 * console.log(result.summary.overloadMinutes, result.invariantViolations);
 */
import { attachAccounting } from "./accounting.ts";
import { atTargetInstanceHours } from "./at-target-cost.ts";
import { historyNote } from "./history/history-metrics.ts";
import { createPolicy } from "./policies/index.ts";
import { percentile } from "./recorder.ts";
import type { Scenario } from "./scenario/schema.ts";
import { loadTraffic } from "./traffic/load.ts";
import type { TrafficSeries } from "./traffic/series.ts";
import type { PolicyName, RunResult, RunSummary } from "./types.ts";
import { SimWorld } from "./world.ts";

const MINUTE = 60_000;
/** After the window, work in flight gets at most this long to finish. */
const SETTLE_LIMIT_MS = 2 * 3600_000;

export interface RunScenarioOptions {
  /** Called now and then with the fraction of the run done (0–1). */
  onProgress?: (fraction: number) => void;
  /** The traffic, when already loaded (compare loads it once for every policy). */
  traffic?: TrafficSeries;
  /** Where relative traffic file paths are resolved (the scenario file's folder). */
  baseDir?: string;
}

export async function runScenario(
  scenario: Scenario,
  policyName: PolicyName,
  options: RunScenarioOptions = {},
): Promise<RunResult> {
  const traffic = options.traffic ?? loadTraffic(scenario.traffic, scenario.seed, { baseDir: options.baseDir });
  const wallStart = performance.now();
  const world = new SimWorld(scenario, traffic, createPolicy(policyName));
  attachAccounting(world);
  await world.start();
  const span = world.endMs - world.warmupStartMs;
  const onProgress = options.onProgress;
  await world.clock.runUntil(world.endMs, {
    progressEveryMs: Math.max(MINUTE, Math.round(span / 100)),
    onProgress: onProgress ? (now) => onProgress(Math.min(1, (now - world.warmupStartMs) / span)) : undefined,
  });
  await settleAfterWindow(world);
  const wallSeconds = (performance.now() - wallStart) / 1000;
  return result(world, policyName, wallSeconds);
}

/** Lets lifecycle actions started in the window, and work in flight, finish; then checks that they did. */
async function settleAfterWindow(world: SimWorld): Promise<void> {
  const clock = world.clock;
  const limit = world.endMs + SETTLE_LIMIT_MS;
  const startedInWindow = () => world.asg.pendingActions().filter((a) => a.startedAt < world.endMs);
  while ((startedInWindow().length > 0 || world.policy.busy()) && clock.now() < limit)
    await clock.runUntil(clock.now() + MINUTE);
  world.stop();
  while (world.policy.busy() && clock.now() < limit) await clock.runUntil(clock.now() + MINUTE);
  for (const a of startedInWindow())
    world.recorder.violation(
      `${a.instanceId}: ${a.hook.transition} lifecycle action started at ${new Date(a.startedAt).toISOString()} was never completed`,
    );
}

function result(world: SimWorld, policy: PolicyName, wallSeconds: number): RunResult {
  const rec = world.recorder;
  const simulatedMinutes = (world.clock.now() - world.warmupStartMs) / MINUTE;
  const summary: RunSummary = {
    instanceHours: round(instanceHours(world), 3),
    overloadMinutes: rec.overloadMinutes,
    unservedRequestsPct:
      rec.demandRequests > 0 ? round(((rec.demandRequests - rec.servedRequests) / rec.demandRequests) * 100, 4) : 0,
    peakNodes: rec.peakNodes,
    minNodes: Number.isFinite(rec.minNodes) ? rec.minNodes : 0,
    scaleOutActions: rec.scaleOutActions,
    scaleInActions: rec.scaleInActions,
    abandonedLaunches: rec.abandonedLaunches,
    registeredBeforeReady: rec.registeredBeforeReady,
    lifecycleTimeouts: rec.lifecycleTimeouts,
    readyToRegisteredP99Seconds: round(percentile(rec.readyToRegisteredSeconds, 99), 1),
    notifications: rec.notifications,
    slackMessages: rec.slackMessages,
    simulatedMinutesPerSecond: Math.round(simulatedMinutes / Math.max(wallSeconds, 1e-6)),
  };
  const s = world.scenario;
  const notes = [
    ...world.traffic.notes,
    `nodes: ${s.nodes.instanceType}, ${round(world.nodeCapacityRps, 0)} req/s each at most (CPU ${s.nodes.capacityRps} req/s, baseline ${round(world.nodeBandwidthBps / 1e9, 3)} Gbps per direction)`,
    `load balancer: ${s.loadBalancer.type.toUpperCase()}; cluster ${world.cluster.minNodes}..${world.cluster.maxNodes} nodes${world.cpCapacity ? `, CP serves ${world.cpCapacity}` : ""}; readiness ${world.cluster.readiness.mode}`,
    `seed ${s.seed}; warm-up ${s.warmupMinutes} min on the first minute's demand before the window`,
  ];
  if (rec.staleReads > 0) notes.push(`${rec.staleReads} DescribeAutoScalingGroups answered stale (fault)`);
  const history = historyNote(world);
  if (history) notes.push(history);
  if (rec.droppedEvents > 0) notes.push(`${rec.droppedEvents} events beyond the first ${rec.events.length} not kept`);
  return {
    scenario: s.name,
    policy,
    seed: s.seed,
    startMs: world.originMs,
    endMs: world.endMs,
    summary,
    timeline: rec.timeline,
    events: rec.events,
    invariantViolations: rec.violations,
    notes,
    reference: { atTargetInstanceHours: round(atTargetInstanceHours(world), 3) },
  };
}

/** Node-hours paid for inside the window: every instance from launch to termination. */
function instanceHours(world: SimWorld): number {
  let ms = 0;
  for (const i of world.ec2.instances.values()) {
    const from = Math.max(i.launchTime, world.originMs);
    const to = Math.min(i.terminatedAt ?? world.endMs, world.endMs);
    if (to > from) ms += to - from;
  }
  return ms / 3600_000;
}

function round(v: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
