import { describe, expect, it } from "vitest";
import { deploymentConfigSchema } from "../../../shared/config/schema.ts";
import type { AlarmChange } from "../../../shared/events/alarm-change.ts";
import { routeAlarm } from "../../../shared/services/scaler/route-alarm.ts";

const tg = "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/dp/0123456789abcdef";
const config = deploymentConfigSchema.parse({
  clusters: [
    { name: "prod", autoScalingGroupName: "dp-prod-asg", targetGroupArns: [tg], alarms: { namePrefix: "dp-prod-" } },
    {
      name: "prod-eu",
      autoScalingGroupName: "dp-prod-eu-asg",
      targetGroupArns: [tg],
      alarms: { names: ["dp-prod-cpu-high"], namePrefix: "dp-prod-eu-" },
    },
    { name: "staging", autoScalingGroupName: "dp-staging-asg", targetGroupArns: [tg] },
  ],
});

function alarm(alarmName: string, dimensions: Record<string, string> = {}): AlarmChange {
  return {
    alarmName,
    state: "ALARM",
    changedAt: 0,
    metrics: [{ namespace: "AWS/EC2", metricName: "CPUUtilization", dimensions }],
    via: "sns",
  };
}

describe("routeAlarm", () => {
  it("routes an exact name before any prefix", () => {
    expect(routeAlarm(config, alarm("dp-prod-cpu-high"))).toEqual({ matched: true, cluster: "prod-eu", by: "name" });
  });

  it("prefers the longest matching prefix", () => {
    expect(routeAlarm(config, alarm("dp-prod-eu-latency"))).toEqual({
      matched: true,
      cluster: "prod-eu",
      by: "prefix",
    });
    expect(routeAlarm(config, alarm("dp-prod-latency"))).toEqual({ matched: true, cluster: "prod", by: "prefix" });
  });

  it("routes by the AutoScalingGroupName dimension, whatever its case", () => {
    expect(routeAlarm(config, alarm("cpu", { AutoScalingGroupName: "dp-staging-asg" }))).toMatchObject({
      cluster: "staging",
      by: "dimension",
    });
    expect(routeAlarm(config, alarm("cpu", { autoscalinggroupname: "dp-staging-asg" }))).toMatchObject({
      cluster: "staging",
      by: "dimension",
    });
  });

  it("leaves an alarm of no managed cluster unmatched", () => {
    expect(routeAlarm(config, alarm("billing", { AutoScalingGroupName: "someone-else" }))).toEqual({
      matched: false,
      alarmName: "billing",
    });
    expect(routeAlarm(config, { ...alarm("composite"), metrics: [] }).matched).toBe(false);
  });
});
