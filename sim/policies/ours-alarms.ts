/**
 * The alarms the deployment puts on a cluster so that the scaler wakes between its 1-minute ticks: the group's CPU
 * above the CPU target and the per-node NetworkOut above the bandwidth target (bytes per period at the instance type's
 * baseline), one datapoint of one period. They route to the cluster by their `AutoScalingGroupName` dimension.
 */
import { SimAlarm as Alarm, type SimAlarm } from "../cloud/alarms.ts";
import type { SimWorld } from "../world.ts";

export function oursAlarms(world: SimWorld): SimAlarm[] {
  const c = world.cluster;
  const period = c.scaling.metricPeriodSeconds;
  const dimensions = { AutoScalingGroupName: c.autoScalingGroupName };
  const now = world.clock.now();
  const alarms: SimAlarm[] = [];
  if (c.signals.cpu.enabled)
    alarms.push(
      new Alarm(
        {
          name: `${c.autoScalingGroupName}-cpu-high`,
          metric: {
            namespace: "AWS/EC2",
            metricName: "CPUUtilization",
            dimensions,
            stat: "Average",
            periodSeconds: period,
          },
          comparison: "GreaterThanThreshold",
          threshold: c.signals.cpu.targetPercent,
          evaluationPeriods: 1,
          datapointsToAlarm: 1,
        },
        now,
      ),
    );
  if (c.signals.bandwidth.enabled) {
    const baselineBps = (c.signals.bandwidth.baselineGbps ?? world.nodeBandwidthBps / 1e9) * 1e9;
    alarms.push(
      new Alarm(
        {
          name: `${c.autoScalingGroupName}-network-out-high`,
          metric: {
            namespace: "AWS/EC2",
            metricName: "NetworkOut",
            dimensions,
            stat: "Average",
            periodSeconds: period,
          },
          comparison: "GreaterThanThreshold",
          threshold: ((baselineBps / 8) * period * c.signals.bandwidth.targetPercent) / 100,
          evaluationPeriods: 1,
          datapointsToAlarm: 1,
        },
        now,
      ),
    );
  }
  return alarms;
}
