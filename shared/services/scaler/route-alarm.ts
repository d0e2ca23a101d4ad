/**
 * Which cluster an alarm belongs to, by configuration, most specific rule first: an exact name in a cluster's
 * `alarms.names`, then the longest matching `alarms.namePrefix`, then an `AutoScalingGroupName` dimension on one of
 * the alarm's metrics equal to a cluster's group (dimension names compared case-insensitively).
 */
import type { DeploymentConfig } from "../../config/schema.ts";
import { type AlarmChange, dimensionValue } from "../../events/alarm-change.ts";

export type AlarmRoute =
  | { matched: true; cluster: string; by: "name" | "prefix" | "dimension" }
  | { matched: false; alarmName: string };

export const ASG_DIMENSION = "AutoScalingGroupName";

export function routeAlarm(config: DeploymentConfig, alarm: AlarmChange): AlarmRoute {
  const byName = config.clusters.find((c) => c.alarms.names.includes(alarm.alarmName));
  if (byName) return { matched: true, cluster: byName.name, by: "name" };

  let best: { cluster: string; length: number } | undefined;
  for (const c of config.clusters) {
    const prefix = c.alarms.namePrefix;
    if (prefix && alarm.alarmName.startsWith(prefix) && prefix.length > (best?.length ?? -1))
      best = { cluster: c.name, length: prefix.length };
  }
  if (best) return { matched: true, cluster: best.cluster, by: "prefix" };

  for (const metric of alarm.metrics) {
    const group = dimensionValue(metric, ASG_DIMENSION);
    const owner = group === undefined ? undefined : config.clusters.find((c) => c.autoScalingGroupName === group);
    if (owner) return { matched: true, cluster: owner.name, by: "dimension" };
  }
  return { matched: false, alarmName: alarm.alarmName };
}
