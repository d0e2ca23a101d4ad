// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub placeholders, not JS templates.
/**
 * infra/dp-cluster.yml, the example cluster stack: valid CloudFormation (every reference resolves), and shaped the
 * way the autoscaler needs (lifecycle hooks, EC2 health checks, no target groups on the group, the alarms it
 * listens to), with user data that renders to a script bash accepts.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { clusterConfigSchema, deploymentConfigSchema } from "../../shared/config/schema.ts";
import { GUARDRAIL_NAMES } from "../../shared/domain/decision.ts";
import { SIGNAL_IDS } from "../../shared/domain/signals/expected.ts";
import {
  guardrailBlocksMetric,
  OWN_METRICS,
  OWN_NAMESPACE,
  ownMetricNames,
  signalTargetMetric,
  signalValueMetric,
} from "../../shared/ports/metrics.ts";
import { LAMBDA_FUNCTIONS } from "../../shared/runtime/functions.ts";
import { parseCloudFormationYaml } from "../../test-kit/cloudformation-yaml.ts";
import { type EvaluationContext, evaluate, isTrue } from "./evaluate-intrinsics.ts";
import type { Untyped } from "./iam.ts";
import { stringLikeMatches } from "./string-like.ts";
import { findUnresolvedReferences, type Template } from "./template-references.ts";

const template = parseCloudFormationYaml(
  readFileSync(join(process.cwd(), "infra", "dp-cluster.yml"), "utf8"),
  "infra/dp-cluster.yml",
) as Template;

const props = (id: string) => {
  const r = template.Resources[id];
  if (r === undefined) throw new Error(`no resource ${id}`);
  return r.Properties as Record<string, Untyped>;
};
const ofType = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);

/** The group metrics the dashboard's fleet widget shows: desired, in service, launching (Pending), draining. */
const GROUP_METRICS = [
  "GroupDesiredCapacity",
  "GroupInServiceInstances",
  "GroupPendingInstances",
  "GroupTerminatingInstances",
];

const PARAMETERS = {
  ClusterName: "prod",
  ControlPlaneEndpoints: "https://etcd-1.internal:2379,https://etcd-2.internal:2379",
  ControlPlaneTlsSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dp-prod-tls-AbCdEf",
};
const context = (overrides: Record<string, string> = {}): EvaluationContext => ({
  template,
  parameters: { ...PARAMETERS, ...overrides },
  resources: {
    AutoScalingGroup: "dp-prod",
    NetworkTargetGroup: "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dp-prod-nlb/0123456789abcdef",
  },
});

describe("infra/dp-cluster.yml", () => {
  it("is CloudFormation whose every reference resolves", () => {
    expect(template.Resources).toBeDefined();
    expect(findUnresolvedReferences(template)).toEqual([]);
  });

  describe("the Auto Scaling group", () => {
    const group = props("AutoScalingGroup");

    it("replaces only broken instances (EC2 health checks), never the fleet on a control-plane outage", () => {
      expect(group.HealthCheckType).toBe("EC2");
    });

    it("has no target groups: the launch function registers nodes once they are ready", () => {
      expect(group.TargetGroupARNs).toBeUndefined();
      expect(group.LoadBalancerNames).toBeUndefined();
    });

    it("sets no DesiredCapacity, so a stack update never resets what the autoscaler chose", () => {
      expect(group.DesiredCapacity).toBeUndefined();
    });

    it("hands every launch and termination to a lifecycle hook that abandons by default", () => {
      const hooks = group.LifecycleHookSpecificationList as Record<string, unknown>[];
      expect(hooks.map((h) => h.LifecycleTransition).sort()).toEqual([
        "autoscaling:EC2_INSTANCE_LAUNCHING",
        "autoscaling:EC2_INSTANCE_TERMINATING",
      ]);
      for (const hook of hooks) expect(hook.DefaultResult).toBe("ABANDON");
      // The scaler's sweep recognises its own hooks by name when a group has several per transition.
      for (const hook of hooks) expect(hook.LifecycleHookName).toMatch(/dp-autoscaler/);
      const launch = hooks.find((h) => h.LifecycleTransition === "autoscaling:EC2_INSTANCE_LAUNCHING")!;
      expect(launch.HeartbeatTimeout).toEqual({ Ref: "LaunchHookHeartbeatSeconds" });
      expect(evaluate(launch.HeartbeatTimeout, context())).toBe(
        String(clusterConfigSchema.parse(minimalCluster()).lifecycle.heartbeatTimeoutSeconds),
      );
    });

    it("carries the managed-by tag the autoscaler's IAM roles require", () => {
      expect(group.Tags).toContainEqual({
        Key: "dp-autoscaler:managed-by",
        Value: { Ref: "DeploymentName" },
        PropagateAtLaunch: false,
      });
    });

    it("launches from a template with 1-minute EC2 metrics and IMDSv2", () => {
      const data = props("LaunchTemplate").LaunchTemplateData;
      expect(data.Monitoring).toEqual({ Enabled: true });
      expect(data.MetadataOptions.HttpTokens).toBe("required");
    });
  });

  describe("the load balancer's target groups", () => {
    it.each(["NetworkTargetGroup", "ApplicationTargetGroup"])(
      "%s checks /status on 7085 (the process), not /status/ready (the control plane)",
      (id) => {
        const tg = props(id);
        expect(tg).toMatchObject({ HealthCheckPort: "7085", HealthCheckPath: "/status", TargetType: "instance" });
        expect(tg.TargetGroupAttributes).toContainEqual({ Key: "deregistration_delay.timeout_seconds", Value: "60" });
      },
    );

    it("lets the autoscaler's probes reach the nodes on 7085 and 9091, and nothing else", () => {
      const egress = ofType("AWS::EC2::SecurityGroupEgress").map(([, r]) => r.Properties as Record<string, Untyped>);
      expect(egress.map((e) => e.FromPort).sort()).toEqual([7085, 9091]);
      for (const e of egress) expect(e.DestinationSecurityGroupId).toEqual({ Ref: "NodeSecurityGroup" });
      expect(props("ProbeSecurityGroup").SecurityGroupEgress).toEqual([
        expect.objectContaining({ FromPort: 443, ToPort: 443 }),
      ]);
    });
  });

  describe("the alarms the scaler listens to", () => {
    const alarms = Object.fromEntries(
      ofType("AWS::CloudWatch::Alarm").map(([id, r]) => [id, r.Properties as Record<string, Untyped>]),
    );

    it("are named with the deployment's prefix and the cluster's name, which the cluster config matches", () => {
      const names = Object.values(alarms).map((a) => evaluate(a.AlarmName, context()) as string);
      expect(names.sort()).toEqual([
        "dp-scaling-prod-bandwidth-high",
        "dp-scaling-prod-cpu-high",
        "dp-scaling-prod-cpu-low",
        "dp-scaling-prod-gateway-latency-high",
        "dp-scaling-prod-upstream-latency-high",
      ]);
      const config = clusterConfigSchema.parse(
        JSON.parse(evaluate((template.Outputs as Untyped).ClusterConfig.Value, context()) as string),
      );
      for (const name of names) expect(name.startsWith(config.alarms.namePrefix!)).toBe(true);
    });

    it("watch the fleet's CPU above and below target on the group's 1-minute metric", () => {
      expect(alarms.CpuHighAlarm).toMatchObject({
        Namespace: "AWS/EC2",
        MetricName: "CPUUtilization",
        Period: 60,
        ComparisonOperator: "GreaterThanThreshold",
        Dimensions: [{ Name: "AutoScalingGroupName", Value: { Ref: "AutoScalingGroup" } }],
      });
      expect(alarms.CpuLowAlarm).toMatchObject({
        MetricName: "CPUUtilization",
        ComparisonOperator: "LessThanThreshold",
      });
      expect(alarms.CpuLowAlarm!.EvaluationPeriods).toBeGreaterThan(alarms.CpuHighAlarm!.EvaluationPeriods);
    });

    it("watch per-node bandwidth in bits per second, the busier direction", () => {
      const expression = (alarms.BandwidthHighAlarm!.Metrics as { Expression?: string; ReturnData: boolean }[]).find(
        (m) => m.ReturnData,
      );
      expect(expression?.Expression).toBe("MAX([netin, netout]) * 8 / 60");
    });

    it("docs/examples/config.json points the upstream-latency guardrail at the latency the stack publishes", () => {
      const stack = JSON.parse(evaluate((template.Outputs as Untyped).ClusterConfig.Value, context()) as string);
      const example = deploymentConfigSchema.parse(
        JSON.parse(readFileSync(join(process.cwd(), "docs/examples/config.json"), "utf8")),
      ).clusters[0]!;
      // The example's cluster is this stack deployed with ClusterName=prod (group dp-prod).
      expect(example.autoScalingGroupName).toBe("dp-prod");
      const metric = (m: Record<string, unknown> | undefined) => ({
        namespace: m?.namespace,
        metricName: m?.metricName,
        dimensions: m?.dimensions,
      });
      for (const which of ["upstream", "gateway"] as const)
        expect(metric(example.guardrails.upstreamLatency?.[which])).toEqual(
          metric(stack.guardrails.upstreamLatency[which]),
        );
    });

    it("watch p95 upstream and gateway latency published by the nodes", () => {
      for (const [id, metric] of [
        ["UpstreamLatencyHighAlarm", "UpstreamLatency"],
        ["GatewayLatencyHighAlarm", "GatewayLatency"],
      ] as const)
        expect(alarms[id]).toMatchObject({ Namespace: "DPGateway", MetricName: metric, ExtendedStatistic: "p95" });
    });
  });

  describe("wiring the alarms to the scaler directly (ScalerFunctionArn)", () => {
    const alarms = ofType("AWS::CloudWatch::Alarm").map(
      ([id, r]) => [id, r.Properties as Record<string, Untyped>] as const,
    );
    const scaler = "arn:aws:lambda:eu-west-1:123456789012:function:dp-autoscaler-prod-scaler";
    const topic = "arn:aws:sns:eu-west-1:123456789012:dp-alarms";
    const actions = (a: Record<string, Untyped>, ctx: EvaluationContext) => ({
      alarm: evaluate(a.AlarmActions, ctx),
      ok: evaluate(a.OKActions, ctx),
      insufficientData: evaluate(a.InsufficientDataActions, ctx),
    });

    it("without it, the alarms name no function (the deployment's EventBridge rule carries them)", () => {
      for (const [id, a] of alarms)
        expect(actions(a, context()), id).toEqual({ alarm: undefined, ok: undefined, insufficientData: undefined });
      expect(isTrue(template.Resources.ScalerAlarmActionPermission!.Condition as string, context())).toBe(false);
    });

    it("with it, every alarm names the scaler for ALARM, OK and INSUFFICIENT_DATA (each state is a hint)", () => {
      for (const [id, a] of alarms)
        expect(actions(a, context({ ScalerFunctionArn: scaler })), id).toEqual({
          alarm: [scaler],
          ok: [scaler],
          insufficientData: [scaler],
        });
    });

    it("with a topic as well, the alarms notify both, the topic first", () => {
      for (const [id, a] of alarms)
        expect(actions(a, context({ ScalerFunctionArn: scaler, AlarmTopicArn: topic })), id).toEqual({
          alarm: [topic, scaler],
          ok: [topic, scaler],
          insufficientData: [scaler],
        });
    });

    it("accepts only a function ARN (latest, version or alias) or nothing", () => {
      const pattern = new RegExp(
        (template.Parameters as Record<string, { AllowedPattern: string }>).ScalerFunctionArn!.AllowedPattern,
      );
      for (const ok of ["", scaler, `${scaler}:7`, `${scaler}:live`]) expect(pattern.test(ok), ok).toBe(true);
      for (const bad of [topic, "dp-autoscaler-prod-scaler", `${scaler},${topic}`])
        expect(pattern.test(bad), bad).toBe(false);
    });

    it("lets only this cluster's alarms, in this account and region, invoke the scaler as CloudWatch alarms", () => {
      const ctx = context({ ScalerFunctionArn: scaler });
      const permission = template.Resources.ScalerAlarmActionPermission!;
      expect(isTrue(permission.Condition as string, ctx)).toBe(true);
      const p = permission.Properties as Record<string, Untyped>;
      expect(p).toMatchObject({
        FunctionName: { Ref: "ScalerFunctionArn" },
        Action: "lambda:InvokeFunction",
        Principal: "lambda.alarms.cloudwatch.amazonaws.com",
        SourceAccount: { Ref: "AWS::AccountId" },
      });
      const sourceArn = String(evaluate(p.SourceArn, ctx));
      const alarmArn = (name: string, account = "123456789012", region = "eu-west-1") =>
        `arn:aws:cloudwatch:${region}:${account}:alarm:${name}`;
      for (const [id, a] of alarms) {
        const name = String(evaluate(a.AlarmName, ctx));
        expect(stringLikeMatches(sourceArn, alarmArn(name)), id).toBe(true);
        expect(stringLikeMatches(sourceArn, alarmArn(name, "999999999999")), `${id} in another account`).toBe(false);
        expect(stringLikeMatches(sourceArn, alarmArn(name, undefined, "us-east-1")), `${id} elsewhere`).toBe(false);
      }
      for (const other of ["dp-scaling-edge-cpu-high", "dp-scaling-production-cpu-high", "prod-cpu-high"])
        expect(stringLikeMatches(sourceArn, alarmArn(other)), other).toBe(false);
    });
  });

  describe("the dashboard", () => {
    type MetricLine = [namespace: string, name: string, dimension: string, value: string, options?: { stat?: string }];
    interface Widget {
      type: string;
      x: number;
      y: number;
      width: number;
      height: number;
      properties: { title?: string; metrics?: MetricLine[]; region?: string };
    }
    const body = JSON.parse(
      evaluate(props("Dashboard").DashboardBody, context({ DeploymentName: "dp-autoscaler-prod" })) as string,
    ) as { widgets: Widget[] };
    const lines = body.widgets.flatMap((w) => w.properties.metrics ?? []);
    const titled = (words: RegExp) => body.widgets.filter((w) => words.test(w.properties.title ?? ""));
    const namesIn = (widgets: Widget[]) => widgets.flatMap((w) => (w.properties.metrics ?? []).map((m) => m[1]));

    it("names only own metrics the autoscaler publishes, of this cluster", () => {
      const own = lines.filter((m) => m[0] === OWN_NAMESPACE);
      const published = ownMetricNames(GUARDRAIL_NAMES, Object.values(SIGNAL_IDS));
      expect(own.length).toBeGreaterThan(20);
      for (const [, name, dimension, value] of own) {
        expect(published, name).toContain(name);
        expect([dimension, value]).toEqual(["Cluster", "prod"]);
      }
    });

    it("names the group's 1-minute metrics, which the group publishes, and the functions as serverless.yml names them", () => {
      expect(props("AutoScalingGroup").MetricsCollection).toEqual([{ Granularity: "1Minute" }]);
      const serverless = readFileSync(join(process.cwd(), "serverless.yml"), "utf8");
      for (const [namespace, name, dimension, value] of lines.filter((m) => m[0] !== OWN_NAMESPACE)) {
        if (namespace === "AWS/AutoScaling") {
          expect(GROUP_METRICS, name).toContain(name);
          expect([dimension, value]).toEqual(["AutoScalingGroupName", "dp-prod"]);
        } else {
          expect(namespace).toBe("AWS/Lambda");
          expect(["Errors", "Throttles", "Duration"]).toContain(name);
          expect(dimension).toBe("FunctionName");
          const fn = value.replace(/^dp-autoscaler-prod-/, "");
          expect(LAMBDA_FUNCTIONS).toContain(fn);
          expect(serverless).toContain(`name: \${self:service}-\${sls:stage}-${fn}\n`);
        }
      }
    });

    it("shows demand vs target per signal, the fleet, recommended vs applied, every guardrail, nodes, the breaker, errors and durations", () => {
      for (const id of Object.values(SIGNAL_IDS))
        expect(namesIn(titled(/^Demand/))).toEqual(
          expect.arrayContaining([signalValueMetric(id), signalTargetMetric(id)]),
        );
      expect(namesIn(titled(/^Fleet/))).toEqual(GROUP_METRICS);
      expect(namesIn(titled(/recommended vs applied/))).toEqual(
        expect.arrayContaining([OWN_METRICS.recommended, OWN_METRICS.desired]),
      );
      expect(namesIn(titled(/^Guardrail blocks/))).toEqual(GUARDRAIL_NAMES.map(guardrailBlocksMetric));
      expect(namesIn(titled(/^Nodes/))).toEqual(expect.arrayContaining([OWN_METRICS.secondsToReady]));
      expect(namesIn(titled(/breaker/))).toEqual([OWN_METRICS.launchesAbandoned, OWN_METRICS.breakerOpen]);
      const lambda = (title: RegExp, metric: string) =>
        titled(title)
          .flatMap((w) => w.properties.metrics ?? [])
          .filter((m) => m[1] === metric)
          .map((m) => m[3]);
      expect(lambda(/errors/, "Errors")).toEqual(LAMBDA_FUNCTIONS.map((f) => `dp-autoscaler-prod-${f}`));
      expect(lambda(/durations/, "Duration")).toEqual(LAMBDA_FUNCTIONS.map((f) => `dp-autoscaler-prod-${f}`));
      expect(namesIn(titled(/errors/))).toContain(OWN_METRICS.clusterErrors);
    });

    it("lays its widgets out on CloudWatch's 24-column grid without overlaps, each in the stack's region", () => {
      const cells = new Set<string>();
      for (const w of body.widgets) {
        expect(w.x + w.width).toBeLessThanOrEqual(24);
        if (w.type === "metric") expect(w.properties.region).toBe("eu-west-1");
        for (let x = w.x; x < w.x + w.width; x++)
          for (let y = w.y; y < w.y + w.height; y++) {
            expect(cells.has(`${x},${y}`), `${w.properties.title} overlaps at ${x},${y}`).toBe(false);
            cells.add(`${x},${y}`);
          }
      }
    });
  });

  describe("the nodes' user data", () => {
    const render = (gateway: "apisix" | "api7") =>
      evaluate(props("LaunchTemplate").LaunchTemplateData.UserData, context({ Gateway: gateway })) as string;

    it.each(["apisix", "api7"] as const)("renders to a script bash accepts (%s)", (gateway) => {
      const check = spawnSync("bash", ["-n"], { input: render(gateway), encoding: "utf8" });
      expect(check.stderr).toBe("");
      expect(check.status).toBe(0);
    });

    it.each(["apisix", "api7"] as const)("opens the status API and Prometheus to the VPC (%s)", (gateway) => {
      const config = render(gateway).split("<<'YAML'\n")[1]!.split("\nYAML\n")[0]!;
      expect(config).toMatch(/status:\n\s+ip: 0\.0\.0\.0\n\s+port: 7085/);
      expect(config).toMatch(/export_addr:\n\s+ip: 0\.0\.0\.0\n\s+port: 9091/);
    });

    it("points APISIX at every etcd endpoint over mTLS, and API7 at every DP Manager endpoint", () => {
      expect(render("apisix")).toContain('host: ["https://etcd-1.internal:2379", "https://etcd-2.internal:2379"]');
      expect(render("apisix")).toMatch(/role: data_plane/);
      expect(render("api7")).toContain(
        `API7_CONTROL_PLANE_ENDPOINTS='["https://etcd-1.internal:2379","https://etcd-2.internal:2379"]'`,
      );
    });

    it("fetches the control plane's certificates from Secrets Manager at boot, never from the template", () => {
      expect(render("apisix")).toContain(`--secret-id "${PARAMETERS.ControlPlaneTlsSecretArn}"`);
      expect(render("apisix")).not.toMatch(/BEGIN (CERTIFICATE|PRIVATE KEY)/);
    });

    it("configures the CloudWatch agent with an EMF listener for the latency publisher", () => {
      const agent = JSON.parse(evaluate(props("CloudWatchAgentConfig").Value, context()) as string);
      expect(agent.logs.metrics_collected.emf).toEqual({});
      expect(agent.metrics.append_dimensions.AutoScalingGroupName).toBe("${aws:AutoScalingGroupName}");
      expect(render("apisix")).toContain("apisix_http_latency_bucket");
      expect(render("apisix")).toContain('("127.0.0.1", 25888)');
    });
  });
});

function minimalCluster() {
  return {
    name: "prod",
    autoScalingGroupName: "dp-prod",
    targetGroupArns: ["arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dp-prod/0123456789abcdef"],
  };
}
