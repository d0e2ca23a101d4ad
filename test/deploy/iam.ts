/** The IAM statements a role of a CloudFormation template grants: its inline policies and its managed policies. */
import type { Template } from "./template-references.ts";

/** A template's resource properties, read by path in assertions (the template is untyped JSON). */
// biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON has no static shape; assertions check it.
export type Untyped = any;

export interface Statement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** Actions that change something, or read a secret: never allowed on Resource "*". */
export const SENSITIVE_ACTIONS = [
  "autoscaling:SetDesiredCapacity",
  "autoscaling:CompleteLifecycleAction",
  "autoscaling:RecordLifecycleActionHeartbeat",
  "autoscaling:CreateOrUpdateTags",
  "autoscaling:DeleteTags",
  "elasticloadbalancing:RegisterTargets",
  "elasticloadbalancing:DeregisterTargets",
  "lambda:InvokeFunction",
  "sqs:SendMessage",
  "ssm:GetParameter",
  "secretsmanager:GetSecretValue",
  "kms:Decrypt",
  "logs:CreateLogStream",
  "logs:PutLogEvents",
];

/** What Lambda needs to attach a function to a VPC; AWS offers no ARN for interfaces that do not exist yet. */
export const VPC_ENI_ACTIONS = [
  "ec2:CreateNetworkInterface",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeSubnets",
  "ec2:DeleteNetworkInterface",
  "ec2:AssignPrivateIpAddresses",
  "ec2:UnassignPrivateIpAddresses",
];

export function actionsOf(statement: Statement): string[] {
  return Array.isArray(statement.Action) ? statement.Action : [statement.Action];
}

/**
 * Every Allow/Deny statement the role grants. A statement behind `Fn::If` counts as granted (the worst case: the
 * option is switched on), together with the condition's name in `onlyIf`.
 */
export function roleStatements(template: Template, roleId: string): (Statement & { onlyIf?: string })[] {
  const role = template.Resources[roleId];
  if (role?.Type !== "AWS::IAM::Role") throw new Error(`${roleId} is not an AWS::IAM::Role`);
  const props = role.Properties as {
    Policies?: { PolicyDocument: { Statement: unknown[] } }[];
    ManagedPolicyArns?: unknown[];
  };
  const documents = (props.Policies ?? []).map((p) => p.PolicyDocument);
  for (const arn of props.ManagedPolicyArns ?? []) {
    const id = (arn as { Ref?: string }).Ref;
    if (id === undefined) throw new Error(`${roleId}: managed policy ${JSON.stringify(arn)} is not in the template`);
    const policy = template.Resources[id];
    if (policy?.Type !== "AWS::IAM::ManagedPolicy") throw new Error(`${roleId}: ${id} is not a managed policy`);
    documents.push((policy.Properties as { PolicyDocument: { Statement: unknown[] } }).PolicyDocument);
  }
  return documents.flatMap((d) => d.Statement.flatMap(unwrapIf));
}

function unwrapIf(node: unknown): (Statement & { onlyIf?: string })[] {
  const fnIf = (node as { "Fn::If"?: [string, unknown, unknown] })["Fn::If"];
  if (fnIf === undefined) return [node as Statement];
  const [condition, whenTrue, whenFalse] = fnIf;
  return [whenTrue, whenFalse]
    .filter((b) => (b as { Ref?: string }).Ref !== "AWS::NoValue")
    .map((b) => ({ ...(b as Statement), onlyIf: condition }));
}

/** True when the statement's Resource is "*" or a list holding "*". */
export function isWildcardResource(statement: Statement): boolean {
  const r = statement.Resource;
  return r === "*" || (Array.isArray(r) && r.includes("*"));
}
