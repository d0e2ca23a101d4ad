/**
 * Validates a request or a response, as the AWS SDK for JavaScript v3 holds it, against an AWS API model (the
 * botocore JSON vendored in this folder): structure members known and required ones present, lists, maps, strings
 * (enum, length, pattern), integers and longs (whole, within min/max), doubles, booleans, timestamps (a `Date`, as
 * the SDK hands them over), blobs. Every problem is reported with its path; an empty list means the value is one
 * the API could send or accept as far as the model says.
 *
 * Lengths count Unicode code points (Smithy's rule); `pattern` must match the whole value (see `compiled`); `min` /
 * `max` bound a string's or list's length and a number's value.
 */
import autoscaling from "./autoscaling.json" with { type: "json" };
import cloudwatch from "./cloudwatch.json" with { type: "json" };
import ec2 from "./ec2.json" with { type: "json" };
import elbv2 from "./elbv2.json" with { type: "json" };
import lambda from "./lambda.json" with { type: "json" };
import secretsmanager from "./secretsmanager.json" with { type: "json" };
import ssm from "./ssm.json" with { type: "json" };

interface ShapeRef {
  shape: string;
}
interface Shape {
  type: string;
  members?: Record<string, ShapeRef>;
  required?: string[];
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  union?: boolean;
  exception?: boolean;
}
interface Operation {
  input?: ShapeRef;
  output?: ShapeRef;
  errors?: ShapeRef[];
}
export interface ApiModel {
  source: string;
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

export const AWS_MODELS = {
  autoscaling,
  cloudwatch,
  ec2,
  elbv2,
  lambda,
  secretsmanager,
  ssm,
} as unknown as Record<AwsService, ApiModel>;
export type AwsService = "autoscaling" | "cloudwatch" | "ec2" | "elbv2" | "lambda" | "secretsmanager" | "ssm";

const patterns = new Map<string, RegExp | null>();
/**
 * The model's patterns are Java regular expressions that AWS applies to the whole value (Lambda answers "Member must
 * satisfy regular expression pattern" for `my function` although the unanchored pattern matches `my`), so they are
 * anchored here. Surrogate pairs in a class (`\uD800\uDC00-\uDBFF\uDFFF`: every astral code point) need the `u` flag.
 */
function compiled(pattern: string): RegExp | null {
  if (!patterns.has(pattern)) {
    let regex: RegExp | null = null;
    for (const flags of ["u", ""])
      try {
        regex = new RegExp(`^(?:${pattern})$`, flags);
        break;
      } catch {
        // A construct only Java has: not checked rather than checked wrongly. validate.test.ts fails if a vendored
        // pattern compiles under neither flag.
      }
    patterns.set(pattern, regex);
  }
  return patterns.get(pattern)!;
}

/** Whether a pattern can be checked in JavaScript at all. */
export function patternCompiles(pattern: string): boolean {
  return compiled(pattern) !== null;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Date) return "a Date";
  if (value instanceof Uint8Array) return "bytes";
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)}`;
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

/** The first few values of an enum: EC2's InstanceType alone has over a thousand. */
function listed(values: string[]): string {
  return values.length <= 12 ? values.join(", ") : `${values.slice(0, 12).join(", ")}, …`;
}

function checkLength(shape: Shape, length: number, what: string, at: string, problems: string[]): void {
  if (shape.min !== undefined && length < shape.min)
    problems.push(`${at}: ${what} ${length} is below the minimum ${shape.min}`);
  if (shape.max !== undefined && length > shape.max)
    problems.push(`${at}: ${what} ${length} is above the maximum ${shape.max}`);
}

function check(model: ApiModel, shapeName: string, value: unknown, at: string, problems: string[]): void {
  const shape = model.shapes[shapeName];
  if (shape === undefined) {
    problems.push(`${at}: shape ${shapeName} is not in the vendored model (re-run scripts/vendor-aws-models.ts)`);
    return;
  }
  const wrong = (expected: string): void => {
    problems.push(`${at}: expected ${expected} (${shapeName}), got ${describe(value)}`);
  };
  switch (shape.type) {
    case "structure": {
      if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof Date) {
        wrong("an object");
        return;
      }
      const members = shape.members ?? {};
      const record = value as Record<string, unknown>;
      for (const name of shape.required ?? [])
        if (record[name] === undefined) problems.push(`${at}.${name}: required by ${shapeName}, missing`);
      let set = 0;
      for (const [name, member] of Object.entries(record)) {
        // `$metadata` (and `$fault`, `$retryable`) are the SDK's, not the API's.
        if (name.startsWith("$") || member === undefined) continue;
        const ref = members[name];
        if (ref === undefined) {
          problems.push(`${at}.${name}: not a member of ${shapeName}`);
          continue;
        }
        set++;
        check(model, ref.shape, member, `${at}.${name}`, problems);
      }
      if (shape.union && set !== 1) problems.push(`${at}: ${shapeName} is a union, ${set} members set`);
      return;
    }
    case "list": {
      if (!Array.isArray(value)) {
        wrong("an array");
        return;
      }
      checkLength(shape, value.length, "length", at, problems);
      for (const [i, item] of value.entries()) check(model, shape.member!.shape, item, `${at}[${i}]`, problems);
      return;
    }
    case "map": {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        wrong("an object (map)");
        return;
      }
      const entries = Object.entries(value as Record<string, unknown>);
      checkLength(shape, entries.length, "size", at, problems);
      for (const [k, v] of entries) {
        check(model, shape.key!.shape, k, `${at}{key ${JSON.stringify(k)}}`, problems);
        check(model, shape.value!.shape, v, `${at}[${JSON.stringify(k)}]`, problems);
      }
      return;
    }
    case "string": {
      if (typeof value !== "string") {
        wrong("a string");
        return;
      }
      if (shape.enum && !shape.enum.includes(value))
        problems.push(
          `${at}: ${describe(value)} is not one of ${shapeName}'s ${shape.enum.length} values (${listed(shape.enum)})`,
        );
      checkLength(shape, [...value].length, "length", at, problems);
      const regex = shape.pattern === undefined ? null : compiled(shape.pattern);
      if (regex && !regex.test(value))
        problems.push(`${at}: ${describe(value)} does not match ${shapeName}'s pattern ${shape.pattern}`);
      return;
    }
    case "integer":
    case "long": {
      if (typeof value !== "number" || !Number.isSafeInteger(value)) {
        wrong(`a whole number (${shape.type})`);
        return;
      }
      if (shape.type === "integer" && (value > 2 ** 31 - 1 || value < -(2 ** 31))) {
        wrong("a 32-bit integer");
        return;
      }
      checkLength(shape, value, "value", at, problems);
      return;
    }
    case "double":
    case "float":
      if (typeof value !== "number" || Number.isNaN(value)) {
        wrong("a number");
        return;
      }
      checkLength(shape, value, "value", at, problems);
      return;
    case "boolean":
      if (typeof value !== "boolean") {
        wrong("a boolean");
        return;
      }
      return;
    case "timestamp":
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
        wrong("a valid Date");
        return;
      }
      return;
    case "blob":
      if (!(value instanceof Uint8Array) && typeof value !== "string") {
        wrong("bytes (Uint8Array)");
        return;
      }
      return;
    default:
      problems.push(`${at}: shape type ${shape.type} (${shapeName}) is not handled by the validator`);
  }
}

function operation(service: AwsService, name: string): Operation {
  const op = AWS_MODELS[service].operations[name];
  if (op === undefined)
    throw new Error(
      `${service}.${name} is not in test/aws-models/${service}.json (add it to scripts/vendor-aws-models.ts)`,
    );
  return op;
}

/** Problems of a command's input (what the adapter sends), each `<Operation>.input.<path>: …`. */
export function validateInput(service: AwsService, operationName: string, input: unknown): string[] {
  const op = operation(service, operationName);
  const problems: string[] = [];
  const at = `${operationName}.input`;
  if (op.input === undefined) {
    if (input !== undefined && Object.keys(input as object).length > 0)
      problems.push(`${at}: the operation takes no input`);
  } else check(AWS_MODELS[service], op.input.shape, input ?? {}, at, problems);
  return problems;
}

/** Problems of a command's output (what a test feeds the adapter as AWS's answer). */
export function validateOutput(service: AwsService, operationName: string, output: unknown): string[] {
  const op = operation(service, operationName);
  const problems: string[] = [];
  const at = `${operationName}.output`;
  if (op.output === undefined) {
    const keys = Object.keys((output ?? {}) as object).filter((k) => !k.startsWith("$"));
    if (keys.length > 0) problems.push(`${at}: the operation returns nothing, got ${keys.join(", ")}`);
  } else check(AWS_MODELS[service], op.output.shape, output ?? {}, at, problems);
  return problems;
}

/** The error names (the SDK's `name`, the model's error shape) an operation declares. */
export function declaredErrors(service: AwsService, operationName: string): string[] {
  return (operation(service, operationName).errors ?? []).map((e) => e.shape);
}
