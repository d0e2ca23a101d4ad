/**
 * Evaluates the intrinsic functions a template's strings are built from (Ref to parameters and pseudo parameters,
 * Sub, Join, Split, Select, If, Equals, Not, And, Or, Base64) for given parameter values, the way CloudFormation
 * would at deploy time — enough to render user data and check it as the instance will run it (`AWS::NoValue` is
 * `undefined`). References to
 * resources render as `resource-Name` / `resource-Name.Attribute` placeholders (shell-safe words).
 */
import type { Template } from "./template-references.ts";

export interface EvaluationContext {
  template: Template;
  parameters: Record<string, string>;
  region?: string;
  accountId?: string;
  /** What `Ref` of a resource returns (a name, an ARN); unlisted resources render as `resource-Name`. */
  resources?: Record<string, string>;
}

export function evaluate(node: unknown, ctx: EvaluationContext): unknown {
  if (Array.isArray(node)) return node.map((n) => evaluate(n, ctx));
  if (node === null || typeof node !== "object") return node;
  const entries = Object.entries(node as Record<string, unknown>);
  const [key, arg] = entries[0] ?? [];
  if (entries.length !== 1 || key === undefined)
    return Object.fromEntries(entries.map(([k, v]) => [k, evaluate(v, ctx)]));
  switch (key) {
    case "Ref":
      return resolveName(String(arg), ctx, {});
    case "Fn::Sub": {
      const [text, vars] = Array.isArray(arg) ? arg : [arg, {}];
      const values = Object.fromEntries(
        Object.entries((vars ?? {}) as Record<string, unknown>).map(([k, v]) => [k, evaluate(v, ctx)]),
      );
      return String(text).replace(/\$\{([^}]*)\}/g, (_m, name: string) =>
        name.startsWith("!") ? `\${${name.slice(1)}}` : String(resolveName(name, ctx, values)),
      );
    }
    case "Fn::Join": {
      const [delimiter, list] = arg as [string, unknown];
      return (evaluate(list, ctx) as unknown[]).join(delimiter);
    }
    case "Fn::Split": {
      const [delimiter, text] = arg as [string, unknown];
      return String(evaluate(text, ctx)).split(delimiter);
    }
    case "Fn::Select": {
      const [index, list] = arg as [unknown, unknown];
      return (evaluate(list, ctx) as unknown[])[Number(evaluate(index, ctx))];
    }
    case "Fn::If": {
      const [condition, whenTrue, whenFalse] = arg as [string, unknown, unknown];
      return evaluate(condition !== undefined && isTrue(condition, ctx) ? whenTrue : whenFalse, ctx);
    }
    case "Fn::Equals": {
      const [a, b] = arg as [unknown, unknown];
      return evaluate(a, ctx) === evaluate(b, ctx);
    }
    case "Fn::Not":
      return !evaluate((arg as unknown[])[0], ctx);
    case "Fn::And":
      return (arg as unknown[]).every((c) => evaluate(c, ctx));
    case "Fn::Or":
      return (arg as unknown[]).some((c) => evaluate(c, ctx));
    case "Condition":
      return isTrue(String(arg), ctx);
    case "Fn::Base64":
      return evaluate(arg, ctx);
    case "Fn::GetAtt": {
      const [resource, attribute] = arg as [string, string];
      return `resource-${resource}.${attribute}`;
    }
    default:
      return Object.fromEntries(entries.map(([k, v]) => [k, evaluate(v, ctx)]));
  }
}

/** Whether a named condition of the template holds for the context's parameters. */
export function isTrue(condition: string, ctx: EvaluationContext): boolean {
  const definition = ctx.template.Conditions?.[condition];
  if (definition === undefined) throw new Error(`unknown condition ${condition}`);
  return Boolean(evaluate(definition, ctx));
}

function resolveName(name: string, ctx: EvaluationContext, subValues: Record<string, unknown>): unknown {
  if (name in subValues) return subValues[name];
  if (name === "AWS::Region") return ctx.region ?? "eu-west-1";
  if (name === "AWS::AccountId") return ctx.accountId ?? "123456789012";
  if (name === "AWS::Partition") return "aws";
  // The property is left out, as CloudFormation does.
  if (name === "AWS::NoValue") return undefined;
  if (name === "AWS::URLSuffix") return "amazonaws.com";
  if (name.startsWith("AWS::")) return `pseudo-${name.slice(5)}`;
  if (name in ctx.parameters) return ctx.parameters[name];
  const declared = ctx.template.Parameters?.[name] as { Default?: unknown } | undefined;
  if (declared !== undefined) {
    if (declared.Default === undefined) throw new Error(`parameter ${name} has no value and no default`);
    return String(declared.Default);
  }
  if (ctx.resources && name in ctx.resources) return ctx.resources[name];
  if (name in ctx.template.Resources || name.includes(".")) return `resource-${name}`;
  throw new Error(`unknown name ${name}`);
}
