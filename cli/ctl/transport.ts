/**
 * How `ctl` reaches the operator: the deployed function through Lambda `Invoke` (RequestResponse), or the same
 * handler run here with `awsDeps()` (`--local`, against the AWS endpoint in the environment). Tests pass their own.
 */
import { randomUUID } from "node:crypto";
import { invokeFunction } from "../../shared/aws/lambda-invoke.ts";
import { systemClock } from "../../shared/ports/clock.ts";
import type { TransportChoice } from "./args.ts";

/** Sends one operator request and returns the raw answer. */
export type OperatorTransport = (request: Record<string, unknown>) => Promise<unknown>;

export function functionTransport(
  functionName: string,
  invoke: (name: string, payload: unknown) => Promise<unknown> = invokeFunction,
): OperatorTransport {
  return (request) => invoke(functionName, request);
}

/**
 * The handler in this process, at the log level `ctl` set in the environment (quiet unless `--verbose` /
 * `--log-level`; `ctl` also keeps the handler's stdout off stdout, `cli/handler-output.ts`). Its own metrics go to the
 * debug log instead of EMF lines (EMF only becomes metrics inside Lambda's log pipeline), so stdout carries only the
 * answer and `--json` stays machine-readable.
 */
export async function localTransport(env: NodeJS.ProcessEnv = process.env): Promise<OperatorTransport> {
  const [{ awsDeps }, { createOperatorHandler }, { syntheticContext }] = await Promise.all([
    import("../aws-deps.ts"),
    import("../../shared/services/operator/create-handler.ts"),
    import("../commands/invoke.ts"),
  ]);
  const deps = awsDeps(env);
  const handler = createOperatorHandler({
    ...deps,
    publisher: {
      publish: (cluster, metrics) =>
        deps.logger.debug("own metrics (not published from a local run)", { cluster, metrics }),
    },
  });
  return (request) => handler(request, syntheticContext("operator", systemClock, randomUUID()));
}

export function makeTransport(choice: TransportChoice): Promise<OperatorTransport> {
  return choice.kind === "local" ? localTransport() : Promise.resolve(functionTransport(choice.functionName));
}
