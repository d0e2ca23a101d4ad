/**
 * How `ctl` reaches the operator: the deployed function through Lambda `Invoke` (RequestResponse), or the same
 * handler run here with `awsDeps()` (`--local`, against the AWS endpoint in the environment). Tests pass their own.
 * Either way every request carries a caller proof signed with the caller's AWS credentials (caller-proof.ts), so the
 * operator records who called as AWS authenticated them.
 */
import { randomUUID } from "node:crypto";
import { invokeFunction, invokerIdentity } from "../../shared/aws/lambda-invoke.ts";
import { systemClock } from "../../shared/ports/clock.ts";
import type { TransportChoice } from "./args.ts";
import { withCallerProof } from "./caller-proof.ts";

/** Sends one operator request and returns the raw answer. */
export type OperatorTransport = (request: Record<string, unknown>) => Promise<unknown>;

/** Adds what a request needs before it is sent (the caller proof); identity in tests. */
export type RequestSigner = (request: Record<string, unknown>) => Promise<Record<string, unknown>>;

/** Signs with the credentials and region the SDK finds, at the system clock's time. */
export const signWithSdkCredentials: RequestSigner = async (request) =>
  withCallerProof(request, await invokerIdentity(), systemClock.now());

export function functionTransport(
  functionName: string,
  invoke: (name: string, payload: unknown) => Promise<unknown> = invokeFunction,
  sign: RequestSigner = signWithSdkCredentials,
): OperatorTransport {
  return async (request) => invoke(functionName, await sign(request));
}

/**
 * The handler in this process, at the log level `ctl` set in the environment (quiet unless `--verbose` /
 * `--log-level`; `ctl` also keeps the handler's stdout off stdout, `cli/handler-output.ts`). Its own metrics go to the
 * debug log instead of EMF lines (EMF only becomes metrics inside Lambda's log pipeline), so stdout carries only the
 * answer and `--json` stays machine-readable.
 */
export async function localTransport(
  env: NodeJS.ProcessEnv = process.env,
  sign: RequestSigner = signWithSdkCredentials,
): Promise<OperatorTransport> {
  const [{ awsDeps }, { createOperatorHandler }, { syntheticContext }, { StsCallerVerifier }] = await Promise.all([
    import("../aws-deps.ts"),
    import("../../shared/services/operator/create-handler.ts"),
    import("../commands/invoke.ts"),
    import("../../shared/aws/sts-caller.ts"),
  ]);
  const deps = awsDeps(env);
  const handler = createOperatorHandler(
    {
      ...deps,
      publisher: {
        publish: (cluster, metrics) =>
          deps.logger.debug("own metrics (not published from a local run)", { cluster, metrics }),
      },
    },
    { verifier: new StsCallerVerifier(deps.region, systemClock, env) },
  );
  return async (request) => handler(await sign(request), syntheticContext("operator", systemClock, randomUUID()));
}

export function makeTransport(choice: TransportChoice): Promise<OperatorTransport> {
  return choice.kind === "local" ? localTransport() : Promise.resolve(functionTransport(choice.functionName));
}
