/**
 * Turns `dp-autoscaler ctl` arguments (grammar: `GRAMMAR.ctl` in `cli/grammar.ts`) into one plan, checking everything
 * the operator would refuse before anything is sent: a mistake is a `UsageError` (exit 2), never a guess.
 */
import { OPERATOR_ACTIONS, type OperatorAction, REASON_MAX } from "../../shared/events/operator-request.ts";
import { type CommandLine, UsageError } from "../command.ts";
import { didYouMean } from "../suggest.ts";

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

/** The actions that change something, and so must say why. */
const CHANGING: readonly OperatorAction[] = ["scale", "pause", "resume"];

/** Environment variable naming the deployed operator function when `--function` is not given. */
export const FUNCTION_ENV = "DP_AUTOSCALER_OPERATOR_FUNCTION";

function count(name: string, raw: string): number {
  if (!/^\d+$/.test(raw)) throw new UsageError(`${name}: must be a whole number ≥ 0, got "${raw}"`);
  return Number(raw);
}

export function planOf(line: CommandLine, env: Readonly<Record<string, string | undefined>>): CtlPlan {
  const [verb] = line.positionals;
  if (verb === undefined) throw new UsageError(`name an action: ${OPERATOR_ACTIONS.join(", ")}`);
  if (!(OPERATOR_ACTIONS as readonly string[]).includes(verb))
    throw new UsageError(
      `unknown action "${verb}" (expected ${OPERATOR_ACTIONS.join(", ")})${didYouMean(verb, OPERATOR_ACTIONS)}`,
    );
  const action = verb as OperatorAction;
  const cluster = line.string("cluster");
  if (!cluster) throw new UsageError("--cluster NAME is required");

  const sizeOptions = ["desired", "add", "remove"].filter((o) => line.string(o) !== undefined);
  const expect = line.string("expect");
  let size: SizeChange | undefined;
  if (action === "scale") {
    if (sizeOptions.length !== 1) throw new UsageError("scale needs exactly one of --desired N, --add N, --remove N");
    const option = sizeOptions[0]!;
    const n = count(`--${option}`, line.string(option)!);
    if (option === "desired") {
      size = { kind: "absolute", desired: n };
      if (expect !== undefined) size.expectDesired = count("--expect", expect);
    } else {
      if (expect !== undefined)
        throw new UsageError("--expect goes with --desired (--add/--remove read the current size themselves)");
      size = { kind: "relative", delta: option === "add" ? n : -n };
    }
  } else {
    const misplaced = [
      ...sizeOptions.map((o) => `--${o}`),
      ...(expect !== undefined ? ["--expect"] : []),
      ...["dry-run", "force"].filter((f) => line.flag(f)).map((f) => `--${f}`),
    ];
    if (misplaced.length > 0) throw new UsageError(`${misplaced[0]} only goes with scale`);
  }

  const reason = line.string("reason")?.trim();
  if (CHANGING.includes(action) && !reason)
    throw new UsageError(`--reason TEXT is required by ${action}: say why (it goes to the log, the metric and Slack)`);
  if (reason !== undefined && reason.length > REASON_MAX)
    throw new UsageError(`--reason: at most ${REASON_MAX} characters (got ${reason.length})`);

  const functionFlag = line.string("function");
  if (line.flag("local") && functionFlag !== undefined)
    throw new UsageError("--function and --local exclude each other");
  let transport: TransportChoice;
  if (line.flag("local")) transport = { kind: "local" };
  else {
    const functionName = functionFlag ?? env[FUNCTION_ENV];
    if (!functionName)
      throw new UsageError(
        `say which operator: --function NAME (the deployed function, or set ${FUNCTION_ENV}) or --local`,
      );
    transport = { kind: "function", functionName };
  }

  const plan: CtlPlan = {
    action,
    cluster,
    dryRun: line.flag("dry-run"),
    force: line.flag("force"),
    json: line.flag("json"),
    transport,
  };
  if (reason) plan.reason = reason;
  const by = line.string("by") ?? env.DP_AUTOSCALER_USER ?? env.USER ?? env.USERNAME;
  if (by) plan.requestedBy = by;
  if (size) plan.size = size;
  return plan;
}
