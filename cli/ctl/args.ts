/** Parses `dp-autoscaler ctl` arguments into one plan; a mistake is a usage message (exit 2), never a guess. */
import { OPERATOR_ACTIONS, type OperatorAction } from "../../shared/events/operator-request.ts";

export const CTL_USAGE =
  "usage: dp-autoscaler ctl <status|explain|scale|pause|resume> --cluster NAME " +
  "[--desired N [--expect N] | --add N | --remove N] [--reason TEXT] [--by NAME] [--dry-run] [--force] " +
  "[--function NAME | --local] [--json]";

/** Which operator to talk to. */
export type TransportChoice = { kind: "function"; functionName: string } | { kind: "local" };

/** How the new size is given: absolute, or relative to the size a fresh `status` reads. */
export type SizeChange =
  | { kind: "absolute"; desired: number; expectDesired?: number }
  | { kind: "relative"; delta: number };

export interface CtlPlan {
  action: OperatorAction;
  cluster: string;
  reason?: string;
  requestedBy?: string;
  size?: SizeChange;
  dryRun: boolean;
  force: boolean;
  json: boolean;
  transport: TransportChoice;
}

/** Environment variable naming the deployed operator function when `--function` is not given. */
export const FUNCTION_ENV = "DP_AUTOSCALER_OPERATOR_FUNCTION";

const VALUE_OPTIONS = ["--cluster", "--desired", "--expect", "--add", "--remove", "--reason", "--by", "--function"];
const FLAGS = ["--dry-run", "--force", "--local", "--json"];

function count(name: string, raw: string): number | string {
  if (!/^\d+$/.test(raw)) return `${name}: must be a whole number ≥ 0, got "${raw}"`;
  return Number(raw);
}

export function parseCtlArgs(args: string[], env: Readonly<Record<string, string | undefined>>): CtlPlan | string {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf("=");
    const name = a.startsWith("--") && eq > 0 ? a.slice(0, eq) : a;
    if (VALUE_OPTIONS.includes(name)) {
      const value = eq > 0 && a.startsWith("--") ? a.slice(eq + 1) : args[++i];
      if (value === undefined) return `${name} needs a value; ${CTL_USAGE}`;
      if (values.has(name)) return `${name} given twice`;
      values.set(name, value);
    } else if (FLAGS.includes(a)) flags.add(a);
    else if (a.startsWith("-")) return `unknown option ${a}; ${CTL_USAGE}`;
    else positional.push(a);
  }

  const [verb, ...extra] = positional;
  if (verb === undefined) return CTL_USAGE;
  if (extra.length > 0) return `unexpected argument "${extra[0]}"; ${CTL_USAGE}`;
  if (!(OPERATOR_ACTIONS as readonly string[]).includes(verb))
    return `unknown verb "${verb}" (expected ${OPERATOR_ACTIONS.join(", ")})`;
  const action = verb as OperatorAction;
  const cluster = values.get("--cluster");
  if (!cluster) return `--cluster NAME is required; ${CTL_USAGE}`;

  const sizeOptions = ["--desired", "--add", "--remove"].filter((o) => values.has(o));
  let size: SizeChange | undefined;
  if (action === "scale") {
    if (sizeOptions.length !== 1) return "scale needs exactly one of --desired N, --add N, --remove N";
    const option = sizeOptions[0]!;
    const n = count(option, values.get(option)!);
    if (typeof n === "string") return n;
    if (option === "--desired") {
      size = { kind: "absolute", desired: n };
      if (values.has("--expect")) {
        const expect = count("--expect", values.get("--expect")!);
        if (typeof expect === "string") return expect;
        size.expectDesired = expect;
      }
    } else {
      if (values.has("--expect"))
        return "--expect goes with --desired (--add/--remove read the current size themselves)";
      size = { kind: "relative", delta: option === "--add" ? n : -n };
    }
  } else {
    const misplaced = [...sizeOptions, ...(values.has("--expect") ? ["--expect"] : [])].concat(
      ["--dry-run", "--force"].filter((f) => flags.has(f)),
    );
    if (misplaced.length > 0) return `${misplaced[0]} only goes with scale`;
  }

  if (flags.has("--local") && values.has("--function")) return "--function and --local exclude each other";
  let transport: TransportChoice;
  if (flags.has("--local")) transport = { kind: "local" };
  else {
    const functionName = values.get("--function") ?? env[FUNCTION_ENV];
    if (!functionName)
      return `say which operator: --function NAME (the deployed function, or set ${FUNCTION_ENV}) or --local`;
    transport = { kind: "function", functionName };
  }

  const plan: CtlPlan = {
    action,
    cluster,
    dryRun: flags.has("--dry-run"),
    force: flags.has("--force"),
    json: flags.has("--json"),
    transport,
  };
  const reason = values.get("--reason");
  if (reason !== undefined) plan.reason = reason;
  const by = values.get("--by") ?? env.DP_AUTOSCALER_USER ?? env.USER ?? env.USERNAME;
  if (by) plan.requestedBy = by;
  if (size) plan.size = size;
  return plan;
}
