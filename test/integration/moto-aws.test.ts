/**
 * The real adapters, and the real scaler composition, over HTTP against moto — an implementation of the AWS APIs we
 * did not write (XML and JSON wire protocols, SigV4, the SDK's parsing and error mapping all run for real). Skipped,
 * with the reason in the test name, where moto is not installed: it is not on npm, so CI may lack it.
 *
 * moto 5.2.1 cannot check CompleteLifecycleAction / RecordLifecycleActionHeartbeat (not implemented),
 * DescribeScalingActivities (always empty), DeregisterTargets (InvalidTarget where AWS succeeds), draining target
 * health or Lambda invocation without Docker; docs/reliability.md says how those are checked instead.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AutoScalingClient,
  CreateAutoScalingGroupCommand,
  DescribeAutoScalingGroupsCommand,
  PutLifecycleHookCommand,
} from "@aws-sdk/client-auto-scaling";
import { CloudWatchClient, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import {
  CreateLaunchTemplateCommand,
  DescribeImagesCommand,
  DescribeSubnetsCommand,
  EC2Client,
} from "@aws-sdk/client-ec2";
import { CreateTargetGroupCommand, ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { PutParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invoke } from "../../cli/commands/invoke.ts";
import { AutoScalingFleet } from "../../shared/aws/auto-scaling.ts";
import { CloudWatchMetrics } from "../../shared/aws/cloudwatch.ts";
import { Ec2Instances } from "../../shared/aws/ec2.ts";
import { Elbv2Targets } from "../../shared/aws/elbv2.ts";
import { SecretReader } from "../../shared/aws/secrets.ts";
import { systemClock } from "../../shared/ports/clock.ts";
import { MotoServer, motoAvailability } from "../../test-kit/moto-server.ts";

const moto = motoAvailability();
const title = moto.available
  ? `AWS adapters over HTTP against ${moto.detail} (127.0.0.1)`
  : `AWS adapters over HTTP against moto — skipped: ${moto.detail}`;

// A skipped file shows no test names in the summary: say why, once, where the run's output shows it.
if (!moto.available) console.warn(title);

describe.skipIf(!moto.available)(title, () => {
  let server: MotoServer;
  let clients: {
    autoScaling: AutoScalingClient;
    ec2: EC2Client;
    elbv2: ElasticLoadBalancingV2Client;
    cloudWatch: CloudWatchClient;
    ssm: SSMClient;
    secretsManager: SecretsManagerClient;
  };
  let subnetId: string;
  let vpcId: string;

  /** A group of `desired` c5.large instances, InService at once (moto has no launch latency). */
  async function createGroup(name: string, desired: number): Promise<void> {
    await clients.autoScaling.send(
      new CreateAutoScalingGroupCommand({
        AutoScalingGroupName: name,
        LaunchTemplate: { LaunchTemplateName: "dp-node" },
        MinSize: 1,
        MaxSize: 10,
        DesiredCapacity: desired,
        VPCZoneIdentifier: subnetId,
      }),
    );
  }

  beforeAll(async () => {
    server = await MotoServer.start();
    const config = server.clientConfig();
    clients = {
      autoScaling: new AutoScalingClient(config),
      ec2: new EC2Client(config),
      elbv2: new ElasticLoadBalancingV2Client(config),
      cloudWatch: new CloudWatchClient(config),
      ssm: new SSMClient(config),
      secretsManager: new SecretsManagerClient(config),
    };
    const image = (await clients.ec2.send(new DescribeImagesCommand({}))).Images![0]!.ImageId!;
    const subnet = (await clients.ec2.send(new DescribeSubnetsCommand({}))).Subnets![0]!;
    subnetId = subnet.SubnetId!;
    vpcId = subnet.VpcId!;
    await clients.ec2.send(
      new CreateLaunchTemplateCommand({
        LaunchTemplateName: "dp-node",
        LaunchTemplateData: { ImageId: image, InstanceType: "c5.large" },
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("Auto Scaling: reads a group, sets its desired capacity, round-trips tags, lists its hooks", async () => {
    await createGroup("dp-fleet", 2);
    await clients.autoScaling.send(
      new PutLifecycleHookCommand({
        AutoScalingGroupName: "dp-fleet",
        LifecycleHookName: "dp-autoscaler-launch",
        LifecycleTransition: "autoscaling:EC2_INSTANCE_LAUNCHING",
        HeartbeatTimeout: 300,
        DefaultResult: "ABANDON",
      }),
    );
    const fleet = new AutoScalingFleet(clients.autoScaling);
    const group = await fleet.describeGroup("dp-fleet");
    expect(group).toMatchObject({ name: "dp-fleet", desired: 2, min: 1, max: 10 });
    expect(group!.instances.map((i) => [i.lifecycleState, i.instanceType])).toEqual([
      ["InService", "c5.large"],
      ["InService", "c5.large"],
    ]);
    expect(await fleet.describeGroup("no-such-group")).toBeUndefined();

    await fleet.setDesiredCapacity("dp-fleet", 3);
    expect((await fleet.describeGroup("dp-fleet"))!.desired).toBe(3);

    await fleet.putTags("dp-fleet", { "dp-autoscaler:paused": '{"s":1}', "dp-autoscaler:note": "a b" });
    await fleet.deleteTags("dp-fleet", ["dp-autoscaler:note"]);
    expect((await fleet.describeGroup("dp-fleet"))!.tags).toEqual({ "dp-autoscaler:paused": '{"s":1}' });

    expect(await fleet.describeLifecycleHooks("dp-fleet")).toEqual([
      { name: "dp-autoscaler-launch", transition: "launching", heartbeatTimeoutSeconds: 300, defaultResult: "ABANDON" },
    ]);
  });

  it("EC2: describes a group's instance (private address, type, group) and a type's baseline bandwidth", async () => {
    await createGroup("dp-instances", 1);
    const group = await new AutoScalingFleet(clients.autoScaling).describeGroup("dp-instances");
    const instances = new Ec2Instances(clients.ec2);
    const info = await instances.describeInstance(group!.instances[0]!.instanceId);
    expect(info).toMatchObject({ state: "running", instanceType: "c5.large", groupName: "dp-instances" });
    expect(info!.privateIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(await instances.describeInstance("i-0123456789abcdef0")).toBeUndefined();
    // c5.large: "Up to 10 Gigabit", 0.75 Gbit/s baseline (EC2's own figure, which moto carries).
    expect(await instances.baselineBandwidthBps("c5.large")).toBe(750_000_000);
  });

  it("ELBv2: registers an instance, reads its health and the group's deregistration delay", async () => {
    await createGroup("dp-targets", 1);
    const group = await new AutoScalingFleet(clients.autoScaling).describeGroup("dp-targets");
    const instanceId = group!.instances[0]!.instanceId;
    const tg = await clients.elbv2.send(
      new CreateTargetGroupCommand({
        Name: "dp-moto",
        Protocol: "HTTP",
        Port: 9080,
        VpcId: vpcId,
        TargetType: "instance",
      }),
    );
    const arn = tg.TargetGroups![0]!.TargetGroupArn!;
    const targets = new Elbv2Targets(clients.elbv2);
    await targets.register(arn, [instanceId]);
    expect(await targets.health(arn, [instanceId])).toEqual([
      expect.objectContaining({ instanceId, state: "healthy" }),
    ]);
    expect(await targets.deregistrationDelaySeconds(arn)).toBe(300);
  });

  it("CloudWatch: reads back what was put, per query, ascending", async () => {
    const minute = 60_000;
    const start = Math.floor(systemClock.now() / minute) * minute - 10 * minute;
    await clients.cloudWatch.send(
      new PutMetricDataCommand({
        Namespace: "DPGateway",
        MetricData: [3, 1, 2].map((k) => ({
          MetricName: "UpstreamLatency",
          Dimensions: [{ Name: "AutoScalingGroupName", Value: "dp-metrics" }],
          Timestamp: new Date(start + k * minute),
          Value: 100 * k,
          Unit: "Milliseconds",
        })),
      }),
    );
    const out = await new CloudWatchMetrics(clients.cloudWatch).fetch(
      [
        {
          id: "upstream",
          namespace: "DPGateway",
          metricName: "UpstreamLatency",
          dimensions: { AutoScalingGroupName: "dp-metrics" },
          stat: "Average",
          periodSeconds: 60,
        },
        {
          id: "none",
          namespace: "DPGateway",
          metricName: "GatewayLatency",
          dimensions: { AutoScalingGroupName: "dp-metrics" },
          stat: "Average",
          periodSeconds: 60,
        },
      ],
      start,
      start + 5 * minute,
    );
    expect(out).toEqual({
      upstream: [1, 2, 3].map((k) => ({ t: start + k * minute, v: 100 * k })),
      none: [],
    });
  });

  it("SSM and Secrets Manager: reads a SecureString parameter decrypted and a secret's string", async () => {
    await clients.ssm.send(
      new PutParameterCommand({
        Name: "/dp/slack",
        Type: "SecureString",
        Value: "https://hooks.example.invalid/T/B/x",
      }),
    );
    await clients.secretsManager.send(
      new CreateSecretCommand({ Name: "dp/slack", SecretString: "https://hooks.example.invalid/T/B/y" }),
    );
    const reader = new SecretReader({ clock: systemClock, ssm: clients.ssm, secretsManager: clients.secretsManager });
    expect(await reader.readParameter("/dp/slack")).toBe("https://hooks.example.invalid/T/B/x");
    expect(await reader.readSecret({ secretsManagerId: "dp/slack" })).toBe("https://hooks.example.invalid/T/B/y");
  });

  it("the real scaler composition, woken by an alarm's own Lambda action, sets the group's size in moto", async () => {
    await createGroup("dp-prod-asg", 4);
    const minute = 60_000;
    const start = Math.floor(systemClock.now() / minute) * minute;
    await clients.cloudWatch.send(
      new PutMetricDataCommand({
        Namespace: "AWS/EC2",
        // As EC2 publishes the by-group metric: one datapoint per instance per minute (SampleCount = 4 instances).
        MetricData: [1, 2, 3, 4, 5].flatMap((k) =>
          [1, 2, 3, 4].map(() => ({
            MetricName: "CPUUtilization",
            Dimensions: [{ Name: "AutoScalingGroupName", Value: "dp-prod-asg" }],
            Timestamp: new Date(start - k * minute),
            Value: 105,
            Unit: "Percent" as const,
          })),
        ),
      }),
    );
    const saved = { ...process.env };
    const dir = mkdtempSync(join(tmpdir(), "moto-scaler-"));
    const eventPath = join(dir, "alarm-action.json");
    writeFileSync(
      eventPath,
      readFileSync(new URL("../fixtures/events/alarm-lambda-action-metric.json", import.meta.url), "utf8"),
    );
    Object.assign(process.env, {
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "testing",
      AWS_SECRET_ACCESS_KEY: "testing",
      AWS_ENDPOINT_URL: server.endpoint,
      POWERTOOLS_LOG_LEVEL: "SILENT",
      POWERTOOLS_METRICS_DISABLED: "true",
      DP_AUTOSCALER_CONFIG: JSON.stringify({
        clusters: [
          {
            name: "prod",
            autoScalingGroupName: "dp-prod-asg",
            targetGroupArns: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef"],
            signals: { bandwidth: { enabled: false } },
          },
        ],
      }),
    });
    delete process.env.DP_AUTOSCALER_CONFIG_PARAM;
    try {
      const out: string[] = [];
      const err: string[] = [];
      const code = await invoke(["scaler", "--event", eventPath], { out: (t) => out.push(t), err: (l) => err.push(l) });
      expect(err).toEqual([]);
      expect(JSON.parse(out.join("\n"))).toMatchObject({
        ok: true,
        trigger: "alarm",
        decisions: [{ cluster: "prod", action: "scale-out", currentDesired: 4, desired: 6 }],
      });
      expect(code).toBe(0);
    } finally {
      process.env = saved;
    }
    const after = await clients.autoScaling.send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: ["dp-prod-asg"] }),
    );
    expect(after.AutoScalingGroups![0]!.DesiredCapacity).toBe(6);
  });
});
