/**
 * Checks that every reference in a CloudFormation template resolves: `Ref` and `${…}` in `Fn::Sub` to a parameter, a
 * resource, a Sub variable or a pseudo parameter; `Fn::GetAtt` to a resource; `Fn::If`, `Condition` and a resource's
 * `Condition` to a declared condition. CloudFormation would reject the template at deploy time otherwise; this finds
 * it offline.
 */
export interface Template {
  Parameters?: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, { Type: string; Condition?: string; Properties?: Record<string, unknown> }>;
  Outputs?: Record<string, unknown>;
}

export const PSEUDO_PARAMETERS = new Set([
  "AWS::AccountId",
  "AWS::NotificationARNs",
  "AWS::NoValue",
  "AWS::Partition",
  "AWS::Region",
  "AWS::StackId",
  "AWS::StackName",
  "AWS::URLSuffix",
]);

/** Every unresolved reference, as "<path>: <what>"; empty when the template is consistent. */
export function findUnresolvedReferences(template: Template): string[] {
  const parameters = new Set(Object.keys(template.Parameters ?? {}));
  const resources = new Set(Object.keys(template.Resources));
  const conditions = new Set(Object.keys(template.Conditions ?? {}));
  const problems: string[] = [];

  const checkName = (path: string, name: string, subVariables: Set<string>) => {
    if (subVariables.has(name) || parameters.has(name) || resources.has(name) || PSEUDO_PARAMETERS.has(name)) return;
    problems.push(`${path}: unknown reference ${name}`);
  };

  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) walk(item, `${path}[${i}]`);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const entries = Object.entries(node as Record<string, unknown>);
    const [key, value] = entries[0] ?? [];
    if (entries.length === 1 && key !== undefined) {
      if (key === "Ref" && typeof value === "string") {
        checkName(path, value, new Set());
        return;
      }
      if (key === "Condition" && typeof value === "string") {
        if (!conditions.has(value)) problems.push(`${path}: unknown condition ${value}`);
        return;
      }
      if (key === "Fn::GetAtt") {
        const [resource] = Array.isArray(value) ? value : String(value).split(".");
        if (typeof resource !== "string" || !resources.has(resource))
          problems.push(`${path}: GetAtt of unknown resource ${String(resource)}`);
        return;
      }
      if (key === "Fn::Sub") {
        checkSub(value, `${path}.Fn::Sub`);
        return;
      }
      if (key === "Fn::If" && Array.isArray(value)) {
        const [condition, ...branches] = value;
        if (typeof condition !== "string" || !conditions.has(condition))
          problems.push(`${path}: If on unknown condition ${String(condition)}`);
        for (const [i, branch] of branches.entries()) walk(branch, `${path}.Fn::If[${i + 1}]`);
        return;
      }
    }
    for (const [k, v] of entries) walk(v, `${path}.${k}`);
  };

  const checkSub = (value: unknown, path: string) => {
    const [text, variables] = Array.isArray(value) ? value : [value, {}];
    const own = new Set(Object.keys((variables ?? {}) as Record<string, unknown>));
    if (typeof text !== "string") {
      problems.push(`${path}: Sub template is not a string`);
      return;
    }
    for (const name of subPlaceholders(text)) {
      const dot = name.indexOf(".");
      if (dot > 0 && !own.has(name)) {
        const resource = name.slice(0, dot);
        if (!resources.has(resource)) problems.push(`${path}: \${${name}} names unknown resource ${resource}`);
      } else checkName(path, name, own);
    }
    walk(variables, `${path}[1]`);
  };

  for (const [name, resource] of Object.entries(template.Resources)) {
    if (resource.Condition !== undefined && !conditions.has(resource.Condition))
      problems.push(`Resources.${name}.Condition: unknown condition ${resource.Condition}`);
    walk(resource, `Resources.${name}`);
  }
  walk(template.Conditions, "Conditions");
  walk(template.Outputs, "Outputs");
  return problems;
}

/** The `${Name}` placeholders of a Sub template; `${!Literal}` is an escape, not a reference. */
export function subPlaceholders(text: string): string[] {
  return [...text.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1] ?? "").filter((name) => !name.startsWith("!"));
}
