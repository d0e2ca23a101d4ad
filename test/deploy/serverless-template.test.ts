// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation's Fn::Sub placeholders, not JS templates.
/**
 * The deployment as CloudFormation will see it: `npm run package` (osls + serverless-esbuild, stage `ci`, offline)
 * runs once, then every assertion reads `.serverless/cloudformation-template-update-stack.json` and the zips.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  artifactPath,
  bundledSdkClients,
  readBundle,
  readZip,
  runPackage,
  type SdkClientPackage,
} from "../../scripts/package-artifacts.ts";
import { continuationVariable } from "../../shared/aws/lambda-invoke.ts";
import { CONFIG_PARAM_ENV } from "../../shared/config/loader.ts";
import { OWN_NAMESPACE } from "../../shared/ports/metrics.ts";
import {
  LAMBDA_FUNCTIONS as FUNCTION_NAMES,
  type LambdaFunction as FunctionName,
} from "../../shared/runtime/functions.ts";
import { type EvaluationContext, evaluate, isTrue } from "./evaluate-intrinsics.ts";
import {
  actionsOf,
  isWildcardResource,
  roleStatements,
  SENSITIVE_ACTIONS,
  type Statement,
  type Untyped,
  VPC_ENI_ACTIONS,
} from "./iam.ts";
import { normalizedPackagedTemplate } from "./packaged-template.ts";
import { stringLikeMatches } from "./string-like.ts";
import { findUnresolvedReferences, type Template } from "./template-references.ts";

const root = process.cwd();
let template: Template;

beforeAll(() => {
  runPackage(root);
  template = normalizedPackagedTemplate(root);
}, 300_000);

type Resource = Template["Resources"][string] & { DependsOn?: string[] };

const sdk = (client: string) => `@aws-sdk/client-${client}` as SdkClientPackage;
const capitalised = (fn: FunctionName) => fn[0]!.toUpperCase() + fn.slice(1);
const functionId = (fn: FunctionName) => `${capitalised(fn)}LambdaFunction`;
const resource = (id: string): Resource => {
  const r = template.Resources[id];
  if (r === undefined) throw new Error(`no resource ${id}`);
  return r;
};
const props = (id: string) => resource(id).Properties as Record<string, Untyped>;
const ofType = (type: string) => Object.entries(template.Resources).filter(([, r]) => r.Type === type);
const parameterDefault = (name: string) => (template.Parameters as Record<string, { Default: string }>)[name]!.Default;

/** The EventBridge rules whose targets include the function. */
function rulesTargeting(fn: FunctionName): Record<string, Untyped>[] {
  return ofType("AWS::Events::Rule")
    .map(([, r]) => r.Properties as Record<string, Untyped>)
    .filter((p) => p.Targets.some((t: { Arn: unknown }) => isGetAttArn(t.Arn, functionId(fn))));
}

function isGetAttArn(value: unknown, id: string): boolean {
  const getAtt = (value as { "Fn::GetAtt"?: string[] })["Fn::GetAtt"];
  return getAtt?.[0] === id && getAtt[1] === "Arn";
}

describe("packaging", () => {
  it("needs no AWS look-up: no ${ssm:}, ${aws:}, ${cf:} or ${s3:} variables in serverless.yml", () => {
    // Packaging itself ran with every AWS endpoint pointing at a closed port (scripts/package-artifacts.ts).
    const withoutComments = readFileSync(join(root, "serverless.yml"), "utf8").replace(/(^|\s)#.*$/gm, "$1");
    expect(withoutComments).not.toMatch(/\$\{(ssm|aws|cf|s3):/);
    expect(withoutComments).toMatch(/\$\{param:configParameterName\}/);
  });

  it("leaves no reference unresolved", () => {
    expect(findUnresolvedReferences(template)).toEqual([]);
  });

  it.each(FUNCTION_NAMES)("bundles %s as one minified ESM file with its source map", (fn) => {
    const entries = readZip(readFileSync(artifactPath(root, fn)));
    expect(entries.map((e) => e.name).sort()).toEqual([
      `functions/${fn}/handler.mjs`,
      `functions/${fn}/handler.mjs.map`,
    ]);
    const bundle = entries
      .find((e) => e.name.endsWith(".mjs"))!
      .read()
      .toString("utf8");
    expect(bundle).toMatch(
      /export\s*\{[^}]*\bas handler\b[^}]*\}\s*;?\s*(\/\/# sourceMappingURL=handler\.mjs\.map)?\s*$/,
    );
    // Minified: long lines (the few line breaks left are inside the dependencies' template literals).
    expect(bundle.length / bundle.split("\n").length).toBeGreaterThan(2000);
    // The source map maps our own TypeScript only (infra/esbuild-plugins.cjs trims the dependencies' part).
    const map = JSON.parse(
      entries
        .find((e) => e.name.endsWith(".map"))!
        .read()
        .toString("utf8"),
    ) as {
      sources: string[];
    };
    expect(map.sources.some((s) => s.endsWith(`functions/${fn}/handler.ts`))).toBe(true);
    expect(map.sources.filter((s) => s.includes("node_modules"))).toEqual([]);
  });

  // Each function is composed from the adapters it calls (functions/<function>/handler.ts); every one reads its
  // config (SSM) and Slack secret (SSM or Secrets Manager).
  const clientsOf: Record<FunctionName, SdkClientPackage[]> = {
    scaler: ["auto-scaling", "cloudwatch", "ec2", "lambda", "secrets-manager", "ssm"].map(sdk),
    launch: ["auto-scaling", "ec2", "elastic-load-balancing-v2", "lambda", "secrets-manager", "ssm"].map(sdk),
    drain: ["auto-scaling", "elastic-load-balancing-v2", "lambda", "secrets-manager", "ssm"].map(sdk),
    operator: ["auto-scaling", "cloudwatch", "ec2", "elastic-load-balancing-v2", "secrets-manager", "ssm"].map(sdk),
  };
  it.each(FUNCTION_NAMES)("bundles only the AWS SDK clients %s uses", (fn) => {
    expect(bundledSdkClients(readBundle(root, fn))).toEqual(clientsOf[fn]);
  });

  // The other side of least privilege: a role allows calls to exactly the services its function has a client for
  // (Lambda's own needs aside: logs, the VPC's network interfaces, KMS for the secrets, the dead-letter queue).
  const clientOfIamPrefix: Record<string, SdkClientPackage> = {
    autoscaling: sdk("auto-scaling"),
    cloudwatch: sdk("cloudwatch"),
    ec2: sdk("ec2"),
    elasticloadbalancing: sdk("elastic-load-balancing-v2"),
    lambda: sdk("lambda"),
    secretsmanager: sdk("secrets-manager"),
    ssm: sdk("ssm"),
  };
  it.each(FUNCTION_NAMES)("gives %s's role permissions on the services of its bundle's clients only", (fn) => {
    const actions = roleStatements(template, `${capitalised(fn)}Role`)
      .filter((st) => st.Effect === "Allow")
      .flatMap(actionsOf)
      .filter((a) => !VPC_ENI_ACTIONS.includes(a));
    const clients = new Set(actions.map((a) => clientOfIamPrefix[a.split(":")[0]!]).filter((c) => c !== undefined));
    expect([...clients].sort()).toEqual(clientsOf[fn]);
  });
});

describe("functions", () => {
  it.each(FUNCTION_NAMES)("%s runs nodejs22.x on arm64 from its own artifact", (fn) => {
    const p = props(functionId(fn));
    expect(p.Runtime).toBe("nodejs22.x");
    expect(p.Architectures).toEqual(["arm64"]);
    expect(p.Handler).toBe(`functions/${fn}/handler.handler`);
    expect(p.Code.S3Key).toBe(`${fn}.zip`);
    expect(p.FunctionName).toBe(`dp-autoscaler-ci-${fn}`);
  });

  it("gives launch and drain Lambda's longest timeout, the scaler at most a minute, the operator 30 s", () => {
    expect(props(functionId("launch")).Timeout).toBe(900);
    expect(props(functionId("drain")).Timeout).toBe(900);
    expect(props(functionId("scaler")).Timeout).toBeLessThanOrEqual(60);
    expect(props(functionId("operator")).Timeout).toBe(30);
  });

  it("serialises the scaler (reserved concurrency 1) and no other function", () => {
    expect(props(functionId("scaler")).ReservedConcurrentExecutions).toBe(1);
    for (const fn of ["launch", "drain", "operator"] as const)
      expect(props(functionId(fn)).ReservedConcurrentExecutions).toBeUndefined();
  });

  it.each(FUNCTION_NAMES)("%s logs to its own log group, kept 30 days", (fn) => {
    const group = props(`${capitalised(fn)}LogGroup`);
    expect(group.LogGroupName).toBe(`/aws/lambda/dp-autoscaler-ci-${fn}`);
    expect(group.RetentionInDays).toBe(30);
  });
});

describe("environment", () => {
  it.each(FUNCTION_NAMES)("%s reads its config from the SSM parameter the stage names", (fn) => {
    const env = props(functionId(fn)).Environment.Variables;
    expect(env[CONFIG_PARAM_ENV]).toEqual({ Ref: "ConfigParameterName" });
    expect(parameterDefault("ConfigParameterName")).toBe("/dp-autoscaler/ci/config");
  });

  it.each(FUNCTION_NAMES)("%s knows the launch and drain functions by their deployed names", (fn) => {
    const env = props(functionId(fn)).Environment.Variables;
    expect(env[continuationVariable("launch")]).toBe(props(functionId("launch")).FunctionName);
    expect(env[continuationVariable("drain")]).toBe(props(functionId("drain")).FunctionName);
  });

  it.each(FUNCTION_NAMES)("%s publishes its metrics in the autoscaler's namespace and maps stack traces", (fn) => {
    const env = props(functionId(fn)).Environment.Variables;
    expect(env.POWERTOOLS_METRICS_NAMESPACE).toBe(OWN_NAMESPACE);
    expect(env.POWERTOOLS_SERVICE_NAME).toBe("dp-autoscaler");
    expect(env.POWERTOOLS_LOG_LEVEL).toBe("INFO");
    expect(env.NODE_OPTIONS).toBe("--enable-source-maps");
  });

  it("carries the secrets' names, never their values, in the stage parameters", () => {
    expect(parameterDefault("SlackWebhookSsmParameterArns")).toBe(
      "arn:aws:ssm:eu-west-1:123456789012:parameter/dp-autoscaler/ci/slack-webhook",
    );
    expect(parameterDefault("SlackWebhookSecretArns")).toMatch(/^arn:aws:secretsmanager:.*:secret:dp-autoscaler\/ci\//);
    expect(JSON.stringify(template)).not.toMatch(/hooks\.slack\.com/);
  });
});

describe("events", () => {
  it("runs the scaler every minute", () => {
    const schedules = rulesTargeting("scaler").filter((r) => r.ScheduleExpression !== undefined);
    expect(schedules.map((r) => r.ScheduleExpression)).toEqual(["rate(1 minute)"]);
  });

  it("wakes the scaler on state changes of the managed alarms only (name prefix)", () => {
    const [rule, ...others] = rulesTargeting("scaler").filter((r) => r.EventPattern !== undefined);
    expect(others).toEqual([]);
    expect(rule!.EventPattern).toEqual({
      source: ["aws.cloudwatch"],
      "detail-type": ["CloudWatch Alarm State Change"],
      detail: { alarmName: [{ prefix: { Ref: "AlarmNamePrefix" } }] },
    });
    expect(parameterDefault("AlarmNamePrefix")).toBe("dp-scaling-");
  });

  it.each([
    ["launch", "EC2 Instance-launch Lifecycle Action"],
    ["drain", "EC2 Instance-terminate Lifecycle Action"],
  ] as const)("hands %s the lifecycle actions of the managed groups only", (fn, detailType) => {
    const rules = rulesTargeting(fn);
    expect(rules).toHaveLength(1);
    expect(rules[0]!.EventPattern).toEqual({
      source: ["aws.autoscaling"],
      "detail-type": [detailType],
      detail: { AutoScalingGroupName: { "Fn::Split": [",", { Ref: "ManagedAutoScalingGroupNames" }] } },
    });
    expect(parameterDefault("ManagedAutoScalingGroupNames")).toBe("dp-ci-gateway,dp-ci-gateway-canary");
  });

  it("gives the operator no event source: it is invoked directly", () => {
    expect(rulesTargeting("operator")).toEqual([]);
  });

  it.each(["scaler", "launch", "drain"] as const)("lets EventBridge invoke %s once per rule", (fn) => {
    const permissions = ofType("AWS::Lambda::Permission")
      .map(([, r]) => r.Properties as Record<string, Untyped>)
      .filter((p) => p.Principal === "events.amazonaws.com" && isGetAttArn(p.FunctionName, functionId(fn)));
    expect(permissions).toHaveLength(rulesTargeting(fn).length);
  });

  it("sends events EventBridge could not deliver to the dead-letter queue", () => {
    for (const fn of ["scaler", "launch", "drain"] as const)
      for (const rule of rulesTargeting(fn).filter((r) => r.EventPattern !== undefined))
        expect(rule.Targets[0].DeadLetterConfig).toEqual({
          Arn: { "Fn::GetAtt": ["AutoscalerDeadLetterQueue", "Arn"] },
        });
  });

  describe("how alarms reach the scaler (param alarmDelivery)", () => {
    const deployed = (alarmDelivery: string): EvaluationContext => ({
      template,
      parameters: { AlarmDelivery: alarmDelivery },
      region: "eu-west-1",
      accountId: "123456789012",
    });
    const conditionOf = (id: string) => resource(id).Condition as string;

    it("defaults to the EventBridge rule, and allows only the two documented forms", () => {
      expect(parameterDefault("AlarmDelivery")).toBe("eventbridge");
      expect((template.Parameters as Record<string, { AllowedValues: string[] }>).AlarmDelivery!.AllowedValues).toEqual(
        ["eventbridge", "lambda-action"],
      );
    });

    it.each([
      ["eventbridge", ["ScalerAlarmStateRule", "ScalerAlarmStateRulePermission"]],
      ["lambda-action", ["ScalerAlarmActionPermission"]],
    ])("%s: deploys exactly its own resources", (mode, ids) => {
      const all = ["ScalerAlarmStateRule", "ScalerAlarmStateRulePermission", "ScalerAlarmActionPermission"];
      const deployedIds = all.filter((id) => isTrue(conditionOf(id), deployed(mode)));
      expect(deployedIds).toEqual(ids);
    });

    it("lambda-action: lets CloudWatch alarms invoke the scaler only as lambda.alarms.cloudwatch.amazonaws.com, from this account", () => {
      const p = props("ScalerAlarmActionPermission");
      expect(p.FunctionName).toEqual({ "Fn::GetAtt": ["ScalerLambdaFunction", "Arn"] });
      expect(p.Action).toBe("lambda:InvokeFunction");
      expect(p.Principal).toBe("lambda.alarms.cloudwatch.amazonaws.com");
      // Without SourceAccount any account's alarm could invoke it (AWS: "vulnerable to confused deputy issues").
      expect(p.SourceAccount).toEqual({ Ref: "AWS::AccountId" });
      expect(p.SourceArn).toBeDefined();
    });

    it("lambda-action: the permission's SourceArn admits this account's prefixed alarms in this region, nothing else", () => {
      const sourceArn = String(evaluate(props("ScalerAlarmActionPermission").SourceArn, deployed("lambda-action")));
      const admits = (arn: string) => stringLikeMatches(sourceArn, arn);
      // The alarms infra/dp-cluster.yml creates for the clusters of this deployment (prefix dp-scaling-).
      for (const name of ["dp-scaling-prod-cpu-high", "dp-scaling-prod-bandwidth-high", "dp-scaling-edge-cpu-low"])
        expect(admits(`arn:aws:cloudwatch:eu-west-1:123456789012:alarm:${name}`), name).toBe(true);
      for (const arn of [
        "arn:aws:cloudwatch:eu-west-1:999999999999:alarm:dp-scaling-prod-cpu-high", // another account
        "arn:aws:cloudwatch:us-east-1:123456789012:alarm:dp-scaling-prod-cpu-high", // another region
        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:billing-high", // not a managed alarm
        "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:dp-autoscaler-ci-scaler-errors", // the autoscaler's own
        "arn:aws:events:eu-west-1:123456789012:rule/dp-scaling-anything", // not an alarm
      ])
        expect(admits(arn), arn).toBe(false);
    });

    it("eventbridge: the rule is this deployment's, on the prefixed alarms, with the dead-letter queue", () => {
      const rule = props("ScalerAlarmStateRule");
      expect(evaluate(rule.Name, deployed("eventbridge"))).toBe("dp-autoscaler-ci-alarm-state");
      expect(props("ScalerAlarmStateRulePermission")).toMatchObject({
        Principal: "events.amazonaws.com",
        SourceArn: { "Fn::GetAtt": ["ScalerAlarmStateRule", "Arn"] },
      });
    });
  });

  it("optionally subscribes the scaler to an SNS topic of alarm notifications, filtered like the rule", () => {
    const sub = resource("ScalerAlarmTopicSubscription");
    expect(sub.Condition).toBe("HasAlarmTopic");
    expect(sub.Properties).toMatchObject({
      Protocol: "lambda",
      TopicArn: { Ref: "AlarmTopicArn" },
      Endpoint: { "Fn::GetAtt": ["ScalerLambdaFunction", "Arn"] },
      FilterPolicyScope: "MessageBody",
      FilterPolicy: { AlarmName: [{ prefix: { Ref: "AlarmNamePrefix" } }] },
    });
    const permission = resource("ScalerAlarmTopicPermission");
    expect(permission.Condition).toBe("HasAlarmTopic");
    expect(permission.Properties).toMatchObject({
      Principal: "sns.amazonaws.com",
      SourceArn: { Ref: "AlarmTopicArn" },
    });
  });
});

describe("asynchronous failures", () => {
  it.each([
    ["scaler", 0],
    ["launch", 2],
    ["drain", 2],
    ["operator", 0],
  ] as const)("%s: %i retries, then the dead-letter queue", (fn, retries) => {
    const config = props(`${capitalised(fn)}LambdaEvConf`);
    expect(config.FunctionName).toEqual({ Ref: functionId(fn) });
    expect(config.MaximumRetryAttempts).toBe(retries);
    expect(config.DestinationConfig).toEqual({
      OnFailure: { Destination: { "Fn::GetAtt": ["AutoscalerDeadLetterQueue", "Arn"] } },
    });
  });

  it("drops scaler events older than five minutes (the next tick has reconciled since)", () => {
    expect(props("ScalerLambdaEvConf").MaximumEventAgeInSeconds).toBe(300);
  });

  it("lets only this deployment's rules send to the dead-letter queue, over TLS only", () => {
    const [allow, deny] = props("AutoscalerDeadLetterQueuePolicy").PolicyDocument.Statement;
    expect(allow.Principal).toEqual({ Service: "events.amazonaws.com" });
    expect(allow.Condition.ArnLike["aws:SourceArn"]).toEqual({
      "Fn::Sub": "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:rule/${DeploymentName}-*",
    });
    expect(deny).toMatchObject({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
    for (const [, rule] of ofType("AWS::Events::Rule"))
      expect(evaluate((rule.Properties as { Name: unknown }).Name, { template, parameters: {} })).toMatch(
        /^dp-autoscaler-ci-/,
      );
  });
});

describe("alarms on the autoscaler itself", () => {
  it.each(FUNCTION_NAMES)("alarms on any error of %s", (fn) => {
    const alarm = props(`${capitalised(fn)}ErrorsAlarm`);
    expect(alarm).toMatchObject({ Namespace: "AWS/Lambda", MetricName: "Errors", Threshold: 1 });
    expect(alarm.Dimensions).toEqual([{ Name: "FunctionName", Value: { "Fn::Sub": `\${DeploymentName}-${fn}` } }]);
  });

  it("alarms on any message in the dead-letter queue and on a scaler that stopped running", () => {
    expect(props("DeadLetterQueueAlarm")).toMatchObject({
      Namespace: "AWS/SQS",
      MetricName: "ApproximateNumberOfMessagesVisible",
      Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": ["AutoscalerDeadLetterQueue", "QueueName"] } }],
      Threshold: 1,
    });
    expect(props("ScalerSilentAlarm")).toMatchObject({
      MetricName: "Invocations",
      ComparisonOperator: "LessThanThreshold",
      TreatMissingData: "breaching",
    });
  });

  it("names them so that they never wake the scaler", () => {
    for (const [, alarm] of ofType("AWS::CloudWatch::Alarm")) {
      const name = (alarm.Properties as { AlarmName: { "Fn::Sub": string } }).AlarmName["Fn::Sub"];
      const deployed = name.replace("${DeploymentName}", parameterDefault("DeploymentName"));
      expect(deployed).toMatch(/^dp-autoscaler-ci-/);
      expect(deployed.startsWith(parameterDefault("AlarmNamePrefix"))).toBe(false);
    }
  });
});

describe("network placement", () => {
  const probeVpc = {
    SubnetIds: { "Fn::Split": [",", { Ref: "ProbeSubnetIds" }] },
    SecurityGroupIds: { "Fn::Split": [",", { Ref: "ProbeSecurityGroupIds" }] },
  };

  it.each(["launch", "drain"] as const)("puts %s in the VPC, where the nodes' status API is", (fn) => {
    expect(props(functionId(fn)).VpcConfig).toEqual(probeVpc);
  });

  it.each(["scaler", "operator"] as const)("keeps %s out of the VPC unless AllFunctionsInVpc is true", (fn) => {
    expect(props(functionId(fn)).VpcConfig).toEqual({
      "Fn::If": ["RunAllFunctionsInVpc", probeVpc, { Ref: "AWS::NoValue" }],
    });
    expect(parameterDefault("AllFunctionsInVpc")).toBe("false");
  });

  it("grants VPC network interfaces to launch and drain always, to the others only with AllFunctionsInVpc", () => {
    const eni = (fn: FunctionName) =>
      roleStatements(template, `${capitalised(fn)}Role`).filter((s) =>
        actionsOf(s).includes("ec2:CreateNetworkInterface"),
      );
    expect(eni("launch").map((s) => s.onlyIf)).toEqual([undefined]);
    expect(eni("drain").map((s) => s.onlyIf)).toEqual([undefined]);
    expect(eni("scaler").map((s) => s.onlyIf)).toEqual(["RunAllFunctionsInVpc"]);
    expect(eni("operator").map((s) => s.onlyIf)).toEqual(["RunAllFunctionsInVpc"]);
  });
});

describe("IAM: one least-privilege role per function", () => {
  const roleOf = (fn: FunctionName) => props(functionId(fn)).Role["Fn::GetAtt"][0] as string;

  it("gives each function its own role, assumable by Lambda only", () => {
    const roles = FUNCTION_NAMES.map(roleOf);
    expect(roles).toEqual(["ScalerRole", "LaunchRole", "DrainRole", "OperatorRole"]);
    expect(
      ofType("AWS::IAM::Role")
        .map(([id]) => id)
        .sort(),
    ).toEqual([...roles].sort());
    for (const role of roles)
      expect(props(role).AssumeRolePolicyDocument.Statement).toEqual([
        { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
      ]);
  });

  it.each(FUNCTION_NAMES)("%s: no action that changes something or reads a secret on Resource *", (fn) => {
    for (const statement of roleStatements(template, roleOf(fn))) {
      if (!isWildcardResource(statement)) continue;
      const sensitive = actionsOf(statement).filter((a) => SENSITIVE_ACTIONS.includes(a));
      expect(sensitive, statement.Sid).toEqual([]);
      // What remains on "*" is read-only, or what a VPC attachment needs (no ARN exists before the interface).
      for (const action of actionsOf(statement))
        expect(
          /^[a-z0-9-]+:(Describe|Get|List)[A-Za-z]+$/.test(action) || VPC_ENI_ACTIONS.includes(action),
          action,
        ).toBe(true);
    }
  });

  // Port method → action (infra/autoscaler-roles.yml); what each function's services call, from shared/services/.
  const expectedActions: Record<FunctionName, string[]> = {
    scaler: [
      "autoscaling:DescribeAutoScalingGroups",
      "ec2:DescribeInstanceTypes",
      "cloudwatch:GetMetricData",
      "autoscaling:SetDesiredCapacity",
      // The sweep of lifecycle actions whose event was lost (shared/services/lifecycle/sweep.ts).
      "autoscaling:DescribeLifecycleHooks",
      "autoscaling:DescribeScalingActivities",
      "ec2:DescribeInstances",
      "lambda:InvokeFunction",
    ],
    launch: [
      "autoscaling:DescribeAutoScalingGroups",
      "autoscaling:DescribeLifecycleHooks",
      "ec2:DescribeInstances",
      "elasticloadbalancing:DescribeTargetHealth",
      "autoscaling:CompleteLifecycleAction",
      "autoscaling:RecordLifecycleActionHeartbeat",
      "autoscaling:CreateOrUpdateTags",
      "autoscaling:DeleteTags",
      "elasticloadbalancing:RegisterTargets",
      "elasticloadbalancing:DeregisterTargets",
      "lambda:InvokeFunction",
    ],
    drain: [
      "autoscaling:DescribeAutoScalingGroups",
      "autoscaling:DescribeLifecycleHooks",
      "elasticloadbalancing:DescribeTargetHealth",
      "elasticloadbalancing:DescribeTargetGroupAttributes",
      "autoscaling:CompleteLifecycleAction",
      "autoscaling:RecordLifecycleActionHeartbeat",
      "elasticloadbalancing:DeregisterTargets",
      "lambda:InvokeFunction",
    ],
    operator: [
      "autoscaling:DescribeAutoScalingGroups",
      "autoscaling:DescribeScalingActivities",
      "ec2:DescribeInstanceTypes",
      "elasticloadbalancing:DescribeTargetHealth",
      "cloudwatch:GetMetricData",
      "autoscaling:SetDesiredCapacity",
      "autoscaling:CreateOrUpdateTags",
      "autoscaling:DeleteTags",
    ],
  };
  const common = [
    "logs:CreateLogStream",
    "logs:PutLogEvents",
    "ssm:GetParameter",
    "secretsmanager:GetSecretValue",
    "kms:Decrypt",
    "sqs:SendMessage",
  ];

  it.each(FUNCTION_NAMES)("%s may call exactly what its code calls", (fn) => {
    const granted = new Set(
      roleStatements(template, roleOf(fn))
        .filter((s) => s.Effect === "Allow")
        .flatMap(actionsOf)
        .filter((a) => !common.includes(a) && !VPC_ENI_ACTIONS.includes(a)),
    );
    expect([...granted].sort()).toEqual([...expectedActions[fn]].sort());
  });

  const autoScalingWrites = (s: Statement) => actionsOf(s).some((a) => /^autoscaling:(?!Describe)/.test(a));

  const groupArn = (name: string) => `arn:aws:autoscaling:*:*:autoScalingGroup:*:autoScalingGroupName/${name}`;
  const resourcesFor = (s: Statement, parameters: Record<string, string> = {}) =>
    evaluate(s.Resource, { template, parameters, region: "eu-west-1" });

  it.each(FUNCTION_NAMES)(
    "%s changes only the configured Auto Scaling groups, tagged as managed by this deployment, in its region",
    (fn) => {
      const writes = roleStatements(template, roleOf(fn)).filter(autoScalingWrites);
      expect(writes.length).toBeGreaterThan(0);
      for (const s of writes) {
        // The stage's names (deploy parameter ManagedAutoScalingGroupNames), each one group's ARN: no wildcard name.
        expect(resourcesFor(s), s.Sid).toEqual([groupArn("dp-ci-gateway"), groupArn("dp-ci-gateway-canary")]);
        expect(s.Condition?.StringEquals?.["autoscaling:ResourceTag/dp-autoscaler:managed-by"]).toEqual({
          Ref: "DeploymentName",
        });
        expect(s.Condition?.StringEquals?.["aws:RequestedRegion"]).toEqual({ Ref: "AWS::Region" });
      }
    },
  );

  it("follows the group names given at deploy time, one ARN per name, and refuses a name holding an IAM wildcard", () => {
    const writes = roleStatements(template, "OperatorRole").filter(autoScalingWrites);
    for (const s of writes) {
      expect(resourcesFor(s, { ManagedAutoScalingGroupNames: "dp-prod-asg" })).toEqual([groupArn("dp-prod-asg")]);
      expect(resourcesFor(s, { ManagedAutoScalingGroupNames: "a,b,c" })).toEqual(["a", "b", "c"].map(groupArn));
    }
    const pattern = new RegExp(
      (template.Parameters as Record<string, { AllowedPattern: string }>).ManagedAutoScalingGroupNames!.AllowedPattern,
    );
    expect(pattern.test("dp-prod-asg,dp-canary")).toBe(true);
    for (const widening of ["*", "dp-*", "dp-prod-as?", "dp-prod,*"])
      expect(pattern.test(widening), widening).toBe(false);
  });

  it.each([
    // The breaker's view and one record per abandoned launch (docs/lifecycle.md), nothing else.
    ["launch", "ForAllValues:StringLike", ["dp-autoscaler:cp-breaker", "dp-autoscaler:cp-abandon:i-*"]],
    ["operator", "ForAllValues:StringEquals", ["dp-autoscaler:paused"]],
  ] as const)("%s writes only its own state tags", (fn, operator, keys) => {
    const tagWrites = roleStatements(template, roleOf(fn)).filter((s) =>
      actionsOf(s).includes("autoscaling:CreateOrUpdateTags"),
    );
    expect(tagWrites).toHaveLength(1);
    expect(tagWrites[0]!.Condition?.[operator]?.["aws:TagKeys"]).toEqual(keys);
  });

  it.each(["launch", "drain"] as const)("%s registers and deregisters only in the configured target groups", (fn) => {
    const elb = roleStatements(template, roleOf(fn)).filter((s) =>
      actionsOf(s).some((a) => /^elasticloadbalancing:(Register|Deregister)Targets$/.test(a)),
    );
    expect(elb).toHaveLength(1);
    expect(elb[0]!.Resource).toEqual({ "Fn::Split": [",", { Ref: "TargetGroupArns" }] });
  });

  const invokedBy = (fn: FunctionName) =>
    roleStatements(template, roleOf(fn))
      .filter((s) => actionsOf(s).includes("lambda:InvokeFunction"))
      .flatMap((s) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]));
  const functionArn = (fn: FunctionName) => ({
    "Fn::Sub": `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:\${DeploymentName}-${fn}`,
  });

  it.each(["launch", "drain"] as const)("%s may invoke only itself (the hand-over of a long wait)", (fn) => {
    expect(invokedBy(fn)).toEqual([functionArn(fn)]);
    expect(props(functionId(fn)).FunctionName).toBe(`${parameterDefault("DeploymentName")}-${fn}`);
  });

  it("lets the scaler invoke launch and drain (lost lifecycle actions) and the operator nothing", () => {
    expect(invokedBy("scaler")).toEqual([functionArn("launch"), functionArn("drain")]);
    expect(invokedBy("operator")).toEqual([]);
  });

  it.each(FUNCTION_NAMES)("%s writes logs only to its own log group", (fn) => {
    const logs = roleStatements(template, roleOf(fn)).filter((s) => actionsOf(s).some((a) => a.startsWith("logs:")));
    expect(logs.map((s) => s.Resource)).toEqual([
      {
        "Fn::Sub": `arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/aws/lambda/\${DeploymentName}-${fn}:*`,
      },
    ]);
  });

  it("reads the config and the Slack secrets by their configured names only", () => {
    const statements = roleStatements(template, "ScalerRole");
    const resourcesFor = (action: string) =>
      statements.filter((s) => actionsOf(s).includes(action)).map((s) => ({ resource: s.Resource, onlyIf: s.onlyIf }));
    expect(resourcesFor("ssm:GetParameter")).toEqual([
      {
        resource: {
          "Fn::Sub": "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter${ConfigParameterName}",
        },
        onlyIf: undefined,
      },
      {
        resource: { "Fn::Split": [",", { Ref: "SlackWebhookSsmParameterArns" }] },
        onlyIf: "HasSlackWebhookSsmParameters",
      },
    ]);
    expect(resourcesFor("secretsmanager:GetSecretValue")).toEqual([
      { resource: { "Fn::Split": [",", { Ref: "SlackWebhookSecretArns" }] }, onlyIf: "HasSlackWebhookSecrets" },
    ]);
    const [decrypt, ...more] = statements.filter((s) => actionsOf(s).includes("kms:Decrypt"));
    expect(more).toEqual([]);
    expect(decrypt!.Resource).toEqual({ Ref: "SecretsKmsKeyArn" });
    expect(decrypt!.Condition?.StringEquals?.["kms:ViaService"]).toEqual([
      { "Fn::Sub": "ssm.${AWS::Region}.amazonaws.com" },
      { "Fn::Sub": "secretsmanager.${AWS::Region}.amazonaws.com" },
    ]);
  });

  it("shares the config/secrets/dead-letter policy between the four roles and nothing else", () => {
    for (const fn of FUNCTION_NAMES)
      expect(props(roleOf(fn)).ManagedPolicyArns).toEqual([{ Ref: "AutoscalerCommonPolicy" }]);
  });
});
