import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  SetDesiredCapacityCommand,
} from "@aws-sdk/client-auto-scaling";
import { CloudWatchClient, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import { mockClient } from "aws-sdk-client-mock";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { invoke } from "../../../cli/commands/invoke.ts";
import { systemClock } from "../../../shared/ports/clock.ts";
import { checkCallsAgainstAwsModels } from "../../aws-models/mock-calls.ts";

// The real composition (functions/scaler/handler.ts → scalerDeps → adapters), with the SDK mocked at the client level.
const tg = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef";
const saved = { ...process.env };
const asg = mockClient(AutoScalingClient);
const cw = mockClient(CloudWatchClient);
checkCallsAgainstAwsModels("autoscaling", asg);
checkCallsAgainstAwsModels("cloudwatch", cw);
const dir = mkdtempSync(join(tmpdir(), "invoke-scaler-"));
const eventFile = (name: string, event: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(event));
  return p;
};

beforeAll(() => {
  process.env.AWS_REGION = "us-east-1";
  process.env.AWS_ACCESS_KEY_ID = "test";
  process.env.AWS_SECRET_ACCESS_KEY = "test";
  process.env.AWS_ENDPOINT_URL = "http://127.0.0.1:9";
  process.env.POWERTOOLS_LOG_LEVEL = "SILENT";
  process.env.POWERTOOLS_METRICS_DISABLED = "true";
  delete process.env.DP_AUTOSCALER_CONFIG_PARAM;
  process.env.DP_AUTOSCALER_CONFIG = JSON.stringify({
    clusters: [
      {
        name: "prod",
        autoScalingGroupName: "dp-prod-asg",
        targetGroupArns: [tg],
        signals: { bandwidth: { enabled: false } },
      },
    ],
  });
});
afterAll(() => {
  process.env = saved;
  asg.restore();
  cw.restore();
});

describe("dp-autoscaler invoke scaler (real composition, mocked SDK)", () => {
  it("reconciles a cluster: describes the group, reads metrics once, sets the absolute desired size", async () => {
    const now = systemClock.now();
    asg.on(DescribeAutoScalingGroupsCommand).resolves({
      AutoScalingGroups: [
        {
          AutoScalingGroupName: "dp-prod-asg",
          DesiredCapacity: 4,
          MinSize: 2,
          MaxSize: 10,
          DefaultCooldown: 300,
          AvailabilityZones: ["us-east-1a"],
          HealthCheckType: "EC2",
          CreatedTime: new Date(0),
          Instances: [0, 1, 2, 3].map((i) => ({
            InstanceId: `i-${i}`,
            LifecycleState: "InService" as const,
            HealthStatus: "Healthy",
            AvailabilityZone: "us-east-1a",
            ProtectedFromScaleIn: false,
            InstanceType: "c6i.large",
          })),
          Tags: [],
        },
      ],
    });
    asg.on(SetDesiredCapacityCommand).resolves({});
    const minute = 60_000;
    const start = Math.floor(now / minute) * minute;
    cw.on(GetMetricDataCommand).callsFake((input: { MetricDataQueries: { Id: string }[] }) => ({
      MetricDataResults: input.MetricDataQueries.map((q) =>
        q.Id === "cpu"
          ? {
              Id: q.Id,
              StatusCode: "Complete",
              Timestamps: [1, 2, 3, 4, 5].map((k) => new Date(start - k * minute)),
              Values: [105, 105, 105, 105, 105],
            }
          : { Id: q.Id, StatusCode: "Complete", Timestamps: [], Values: [] },
      ),
    }));
    const out: string[] = [];
    const err: string[] = [];
    const code = await invoke(["scaler", "--event", eventFile("prod.json", { reconcile: "prod" })], {
      out: (t) => out.push(t),
      err: (l) => err.push(l),
    });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const result = JSON.parse(out.join("\n"));
    expect(result.decisions[0]).toMatchObject({ cluster: "prod", action: "scale-out", currentDesired: 4, desired: 6 });
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(1);
    expect(asg.commandCalls(SetDesiredCapacityCommand).map((c) => c.args[0].input)).toEqual([
      { AutoScalingGroupName: "dp-prod-asg", DesiredCapacity: 6, HonorCooldown: false },
    ]);
  });

  it("reconciles the alarm's cluster when a CloudWatch alarm names the scaler as its own action", async () => {
    asg.resetHistory();
    cw.resetHistory();
    const payload = readFileSync(
      new URL("../../fixtures/events/alarm-lambda-action-metric.json", import.meta.url),
      "utf8",
    );
    const out: string[] = [];
    const err: string[] = [];
    const code = await invoke(["scaler", "--event", eventFile("alarm-action.json", JSON.parse(payload))], {
      out: (t) => out.push(t),
      err: (l) => err.push(l),
    });
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(JSON.parse(out.join("\n"))).toMatchObject({ ok: true, trigger: "alarm", decisions: [{ cluster: "prod" }] });
    expect(asg.commandCalls(SetDesiredCapacityCommand).map((c) => c.args[0].input.DesiredCapacity)).toEqual([6]);
  });

  it("answers ok: false (exit 1) for an unknown cluster, touching nothing", async () => {
    asg.resetHistory();
    const out: string[] = [];
    const code = await invoke(["scaler", "--event", eventFile("nope.json", { reconcile: "nope" })], {
      out: (t) => out.push(t),
      err: vi.fn(),
    });
    expect(code).toBe(1);
    expect(JSON.parse(out.join("\n"))).toMatchObject({ ok: false, error: 'unknown cluster "nope" (configured: prod)' });
    expect(asg.calls()).toHaveLength(0);
  });
});
