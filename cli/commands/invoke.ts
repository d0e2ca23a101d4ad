/**
 * `dp-autoscaler invoke <scaler|launch|drain|operator> --event FILE`: runs one Lambda handler here, against the AWS
 * endpoint in the environment (real AWS, LocalStack, moto: `AWS_ENDPOINT_URL`, `AWS_REGION`, credentials as the SDK
 * finds them), with a synthetic Lambda context whose remaining time counts down from Lambda's 900 s limit. Prints the
 * handler's JSON result. Exit codes: 0 ok; 1 the handler failed or answered `ok: false`; 2 bad arguments, an
 * unreadable or invalid event file, or an environment the handler cannot start in.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Context } from "aws-lambda";
import { type Clock, systemClock } from "../../shared/ports/clock.ts";
import { LAMBDA_FUNCTIONS, type LambdaFunction, type LambdaHandler } from "../../shared/runtime/functions.ts";

/** Lambda's maximum timeout: the budget the synthetic context counts down from. */
export const LAMBDA_BUDGET_MS = 900_000;

export interface InvokeIo {
  out: (text: string) => void;
  err: (line: string) => void;
  clock: Clock;
  /** Loads `functions/<name>/handler.ts` (tests pass their own). */
  importHandler: (name: LambdaFunction) => Promise<LambdaHandler>;
}

const defaultIo: InvokeIo = {
  out: (t) => console.log(t),
  err: (l) => console.error(l),
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

const USAGE = `usage: dp-autoscaler invoke <${LAMBDA_FUNCTIONS.join("|")}> --event FILE`;

function parseArgs(args: string[]): { name: LambdaFunction; file: string } | string {
  let file: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--event") file = args[++i];
    else if (a.startsWith("--event=")) file = a.slice("--event=".length);
    else if (a.startsWith("-")) return `unknown option ${a}; ${USAGE}`;
    else positional.push(a);
  }
  const [name, ...extra] = positional;
  if (name === undefined || extra.length > 0) return USAGE;
  if (!(LAMBDA_FUNCTIONS as readonly string[]).includes(name))
    return `unknown function "${name}" (expected ${LAMBDA_FUNCTIONS.join(", ")})`;
  if (file === undefined || file === "") return `--event FILE is required; ${USAGE}`;
  return { name: name as LambdaFunction, file };
}

export async function invoke(args: string[], overrides: Partial<InvokeIo> = {}): Promise<number> {
  const io: InvokeIo = { ...defaultIo, ...overrides };
  const parsed = parseArgs(args);
  const fail = (line: string, code: number) => {
    io.err(`dp-autoscaler invoke: ${line}`);
    return code;
  };
  if (typeof parsed === "string") return fail(parsed, 2);

  let text: string;
  try {
    text = await readFile(parsed.file, "utf8");
  } catch (err) {
    return fail(
      `cannot read event file ${parsed.file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      2,
    );
  }
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (err) {
    return fail(`event file ${parsed.file} is not valid JSON: ${(err as Error).message}`, 2);
  }

  let handler: LambdaHandler;
  try {
    handler = await io.importHandler(parsed.name);
  } catch (err) {
    // Typically the environment (AWS_REGION, a log level) or a function not built yet.
    return fail(`cannot start the ${parsed.name} handler: ${(err as Error).message}`, 2);
  }

  let result: unknown;
  try {
    result = await handler(event, syntheticContext(parsed.name, io.clock));
  } catch (err) {
    return fail(`the ${parsed.name} handler failed: ${(err as Error).message}`, 1);
  }
  io.out(JSON.stringify(result ?? null, null, 2));
  const ok = typeof result !== "object" || result === null || (result as { ok?: unknown }).ok !== false;
  return ok ? 0 : 1;
}

export function run(args: string[]): Promise<number> {
  return invoke(args);
}
