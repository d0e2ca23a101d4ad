/**
 * `predictive`: EC2 Auto Scaling predictive scaling in ForecastAndScale mode **together with** target tracking, as AWS
 * documents the pair (`docs/baselines.md`, sources in `docs/reference/aws.md`):
 * - one predictive policy per signal the cluster configures (AWS's predefined metric pairs ASGCPUUtilization and
 *   ASGNetworkOut at the same targets as target tracking); each reads its load metric — the group's total
 *   CPUUtilization or NetworkOut, hourly `Sum` — through the metrics port, history included, for up to 14 days;
 * - no forecast until the load metric has 24 hours of data; the forecast (hourly, 48 hours ahead) is renewed every
 *   6 hours; the model is a documented stand-in (`forecast.ts`), AWS's is not published;
 * - an hour's capacity = ⌈forecast load per minute ÷ the per-node target⌉ (AWS's "inferred required capacity"), the
 *   largest over the policies, applied `SchedulingBufferTime` (300 s) before the hour: the group is raised to it,
 *   never lowered (predictive scaling does not scale in); HonorMaxCapacity: never above the group's MaxSize;
 * - target tracking runs beside it unchanged, and its scale-in stops at the current hour's forecast capacity (the
 *   group's desired capacity is the largest any policy asks for).
 * Registration is ASG-native, like target tracking.
 */
import type { MetricQuery } from "../../shared/ports/metrics.ts";
import { historyAwareMetrics } from "../history/history-metrics.ts";
import type { PolicySetup, SimPolicy, SimWorld } from "../world.ts";
import { forecastHour } from "./forecast.ts";
import { type FleetMetric, fleetMetrics } from "./native-signals.ts";
import { startTargetTracking } from "./target-tracking.ts";

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const REFRESH_MS = 6 * HOUR;
const FORECAST_HOURS = 48;
const MIN_HISTORY_HOURS = 24;

export function predictivePolicy(): SimPolicy {
  let stopped = false;
  return {
    name: "predictive",
    setup: (world: SimWorld): PolicySetup => ({ hooks: [], attachTargetGroups: true, maxSize: world.ceiling }),
    async start(world: SimWorld) {
      const params = world.scenario.policies.predictive;
      const bufferMs = params.schedulingBufferSeconds * 1000;
      const metrics = fleetMetrics(world);
      /** Forecast capacity per hour start, from the latest forecast. */
      let capacity = new Map<number, number>();
      /** The capacity of the hour whose scheduled action has passed: target tracking does not scale in below it. */
      let floor = 0;
      startTargetTracking(world, { stopped: () => stopped, floor: () => floor, label: "predictive" });

      const refresh = async (): Promise<void> => {
        if (stopped) return;
        const now = world.clock.now();
        world.clock.after(REFRESH_MS, refresh);
        const next = new Map<number, number>();
        let hours = Number.POSITIVE_INFINITY;
        for (const metric of metrics) {
          const observed = await hourlyLoad(world, metric, now, params.lookbackDays);
          hours = Math.min(hours, observed.size);
          if (observed.size < MIN_HISTORY_HOURS) continue;
          const from = floorHour(now) - params.lookbackDays * DAY;
          for (let h = floorHour(now); h < now + FORECAST_HOURS * HOUR; h += HOUR) {
            const load = forecastHour(observed, h, params.forecast, from, floorHour(now));
            if (load === undefined) continue;
            const n = Math.ceil(load / perNodeTarget(world, metric) - 1e-9);
            next.set(h, Math.max(next.get(h) ?? 0, n));
          }
        }
        capacity = next;
        const ahead = [...next.entries()].filter(([h]) => h >= floorHour(now)).slice(0, 6);
        world.recorder.event(
          now,
          "decision",
          hours >= MIN_HISTORY_HOURS
            ? `predictive: forecast (${params.forecast}) from ${hours} hours of load history — the next hours need ${ahead.map(([, n]) => n).join(", ")} nodes`
            : `predictive: ${Number.isFinite(hours) ? hours : 0} hours of load history, fewer than 24 — no forecast; target tracking alone`,
        );
      };

      const applyHour = (hourMs: number): void => {
        if (stopped) return;
        world.clock.at(hourMs + HOUR - bufferMs, () => applyHour(hourMs + HOUR));
        const wanted = capacity.get(hourMs);
        floor = wanted ?? 0;
        if (wanted === undefined) return;
        const desired = world.asg.desired;
        const want = world.clampToBounds(wanted);
        if (want > desired) {
          world.asg.setDesired(want, "predictive");
          world.recorder.event(
            world.clock.now(),
            "decision",
            `predictive: scale-out ${desired} → ${want} — the forecast for ${new Date(hourMs).toISOString().slice(11, 16)} UTC needs ${wanted}`,
          );
        }
      };

      await refresh();
      applyHour(floorHour(world.clock.now() + bufferMs));
    },
    stop() {
      stopped = true;
    },
    busy: () => false,
  };
}

/** A node's share of the load metric at the target: CPU % points, or NetworkOut bytes per minute. */
function perNodeTarget(world: SimWorld, metric: FleetMetric): number {
  return metric.id === "cpu" ? metric.target : (metric.target / 100) * (world.nodeBandwidthBps / 8) * 60;
}

/**
 * The load metric's complete hours in the look-back, as the group's total per minute: hourly `Sum` of the per-node
 * datapoints ÷ 60 (AWS's ASGTotalCPUUtilization / ASGTotalNetworkOut).
 */
async function hourlyLoad(
  world: SimWorld,
  metric: FleetMetric,
  nowMs: number,
  lookbackDays: number,
): Promise<Map<number, number>> {
  const query: MetricQuery = {
    id: "load",
    namespace: "AWS/EC2",
    metricName: metric.id === "cpu" ? "CPUUtilization" : "NetworkOut",
    dimensions: { AutoScalingGroupName: world.cluster.autoScalingGroupName },
    stat: "Sum",
    periodSeconds: 3600,
  };
  const end = floorHour(nowMs);
  const points = (await historyAwareMetrics(world).fetch([query], end - lookbackDays * DAY, end)).load ?? [];
  return new Map(points.map((p) => [p.t, p.v / 60]));
}

function floorHour(ms: number): number {
  return Math.floor(ms / HOUR) * HOUR;
}
