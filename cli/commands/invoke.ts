/**
 * `dp-autoscaler invoke <scaler|launch|drain|operator> --event FILE`: runs one Lambda handler here, against the AWS
 * endpoint in the environment (real AWS, LocalStack, moto: `AWS_ENDPOINT_URL`, `AWS_REGION` or `--region`, credentials
 * as the SDK finds them or `--profile`), with a synthetic Lambda context whose remaining time counts down from Lambda's
 * 900 s limit. Prints the handler's JSON result on stdout and nothing else (its logs go to stderr, quiet unless
 * `--verbose` / `--log-level`: `cli/handler-output.ts`). Exit codes: 0 ok; 1 the handler failed, answered `ok: false`,
 * or the event is not JSON; 2 bad arguments, a missing event file, or an environment the handler cannot start in.
 * Options: `cli/grammar.ts`.
 */
import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";
import { type Clock, systemClock } from "../../shared/ports/clock.ts";
import { LAMBDA_FUNCTIONS, type LambdaFunction, type LambdaHandler } from "../../shared/runtime/functions.ts";
import { readDocument } from "../../sim/document.ts";
import { type CommandLine, EXIT, UsageError } from "../command.ts";
import { explainAwsError } from "../errors.ts";
import { GRAMMAR } from "../grammar.ts";
import { applyRuntimeOptions, handlerOutput } from "../handler-output.ts";
import { runCommand } from "../run-command.ts";
import { didYouMean } from "../suggest.ts";

/** Lambda's maximum timeout: the budget the synthetic context counts down from. */
export const LAMBDA_BUDGET_MS = 900_000;

export interface InvokeIo {
  out: (text: string) => void;
  err: (line: string) => void;
  /** The environment the handler and the SDK read; `--region`, `--profile` and the log level are set in it. */
  env: Record<string, string | undefined>;
  clock: Clock;
  /** Loads `functions/<name>/handler.ts` (tests pass their own). */
  importHandler: (name: LambdaFunction) => Promise<LambdaHandler>;
}

const defaultIo: InvokeIo = {
  out: (t) => console.log(t),
  err: (l) => console.error(l),
  env: process.env,
  clock: systemClock,
  importHandler: async (name) => {
    const mod = (await import(`../../functions/${name}/handler.ts`)) as { handler?: LambdaHandler };
    if (typeof mod.handler !== "function") throw new Error(`functions/${name}/handler.ts exports no handler`);
    return mod.handler;
  },
};

/** A Lambda context for a local run: the remaining time is the 900 s budget minus the clock's elapsed time. */
export function syntheticContext(name: LambdaFunction, clock: Clock, requestId: string = randomUUID()): Context {
  const deadline = clock.now() + LAMBDA_BUDGET_MS;
  const functionName = `dp-autoscaler-local-${name}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: "1024",
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - clock.now()),
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

const SPEC = GRAMMAR.invoke!;

export async function invoke(args: string[], overrides: Partial<InvokeIo> = {}): Promise<number> {
  const io: InvokeIo = { ...defaultIo, ...overrides };
  return runCommand(SPEC, args, (line) => invokeFrom(line, io), { out: io.out, err: io.err, env: io.env });
}

function functionNamed(name: string | undefined): LambdaFunction {
  if (name === undefined) throw new UsageError(`name the function: ${LAMBDA_FUNCTIONS.join(", ")}`);
  if (!(LAMBDA_FUNCTIONS as readonly string[]).includes(name))
    throw new UsageError(
      `unknown function "${name}" (expected ${LAMBDA_FUNCTIONS.join(", ")})${didYouMean(name, LAMBDA_FUNCTIONS)}`,
    );
  return name as LambdaFunction;
}

async function invokeFrom(line: CommandLine, io: InvokeIo): Promise<number> {
  const name = functionNamed(line.positionals[0]);
  const file = line.string("event");
  if (file === undefined) throw new UsageError("--event FILE is required");
  // A missing file is a usage error (2); text that is not JSON is a problem with the event (1), named by line:column.
  const event = readDocument(file);
  const { level } = applyRuntimeOptions(line, io.env);
  const quietly = handlerOutput(level);

  let handler: LambdaHandler;
  try {
    handler = await quietly(() => io.importHandler(name));
  } catch (err) {
    // Typically the environment (no region, a wrong log level) or a function not built yet.
    const why = explainAwsError(err, io.env) ?? (err as Error).message;
    io.err(`dp-autoscaler invoke: cannot start the ${name} handler: ${why}`);
    return EXIT.usage;
  }

  let result: unknown;
  try {
    result = await quietly(() => handler(event, syntheticContext(name, io.clock)));
  } catch (err) {
    const why = explainAwsError(err, io.env) ?? (err as Error).message;
    io.err(`dp-autoscaler invoke: the ${name} handler failed: ${why}`);
    return EXIT.failed;
  }
  io.out(JSON.stringify(result ?? null, null, 2));
  // The one rule for every function: a result that says `ok: false` is a refusal or a failure.
  const refused = typeof result === "object" && result !== null && (result as { ok?: unknown }).ok === false;
  if (!refused) return EXIT.ok;
  // The result is the record; stderr says in one line why, with the fix when it is the usual AWS mistake.
  const hint = explainAwsError(new Error(JSON.stringify(result)), io.env);
  io.err(`dp-autoscaler invoke: the ${name} handler answered ok: false${hint ? `; ${hint}` : ""}`);
  return EXIT.failed;
}

export function run(args: string[]): Promise<number> {
  return invoke(args);
}
