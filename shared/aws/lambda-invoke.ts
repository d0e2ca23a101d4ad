/**
 * Lambda invocations: the continuation of a long launch/drain wait (asynchronous, `Event`), and the operator CLI's
 * synchronous call of a deployed function (`RequestResponse`).
 */
import { InvokeCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import type { ContinuationPort } from "../ports/continuation.ts";
import { lambdaClient } from "./clients.ts";
import { callAws } from "./errors.ts";

/** No function to continue in: neither `DP_AUTOSCALER_<LAUNCH|DRAIN>_FUNCTION` nor `AWS_LAMBDA_FUNCTION_NAME` is set. */
export class ContinuationTargetError extends Error {
  readonly functionKind: "launch" | "drain";
  readonly variable: string;

  constructor(functionKind: "launch" | "drain", variable: string) {
    super(`no function to continue the ${functionKind} in: set ${variable} (or run inside Lambda)`);
    this.name = "ContinuationTargetError";
    this.functionKind = functionKind;
    this.variable = variable;
  }
}

/** The invoked function failed (`FunctionError` set); `message` is the function's own error message. */
export class LambdaFunctionError extends Error {
  readonly functionName: string;
  /** `Unhandled` or `Handled` (Lambda's FunctionError), and the error type the function reported. */
  readonly functionError: string;
  readonly errorType?: string;

  constructor(functionName: string, functionError: string, message: string, errorType?: string) {
    super(`${functionName} failed: ${message}`);
    this.name = "LambdaFunctionError";
    this.functionName = functionName;
    this.functionError = functionError;
    this.errorType = errorType;
  }
}

/** Environment variable naming the function that continues a launch or a drain. */
export function continuationVariable(functionKind: "launch" | "drain"): string {
  return `DP_AUTOSCALER_${functionKind.toUpperCase()}_FUNCTION`;
}

export class LambdaContinuation implements ContinuationPort {
  readonly #client: LambdaClient;
  readonly #env: Readonly<Record<string, string | undefined>>;

  /** @param env where the function names are read (default `process.env`). */
  constructor(client: LambdaClient = lambdaClient(), env: Readonly<Record<string, string | undefined>> = process.env) {
    this.#client = client;
    this.#env = env;
  }

  async continueLater(functionName: "launch" | "drain", payload: Record<string, unknown>): Promise<void> {
    const variable = continuationVariable(functionName);
    // A function continuing itself needs no configuration: its own name is in AWS_LAMBDA_FUNCTION_NAME.
    const target = this.#env[variable] || this.#env.AWS_LAMBDA_FUNCTION_NAME;
    if (!target) throw new ContinuationTargetError(functionName, variable);
    await callAws("Invoke", () =>
      this.#client.send(new InvokeCommand({ FunctionName: target, InvocationType: "Event", Payload: encode(payload) })),
    );
  }
}

/**
 * Invokes a function and waits for its answer (the operator CLI). Resolves with the parsed JSON response; rejects with
 * a `LambdaFunctionError` carrying the function's own message when the function failed.
 */
export async function invokeFunction(
  functionName: string,
  payload: unknown,
  client: LambdaClient = lambdaClient(),
): Promise<unknown> {
  const out = await callAws("Invoke", () =>
    client.send(
      new InvokeCommand({ FunctionName: functionName, InvocationType: "RequestResponse", Payload: encode(payload) }),
    ),
  );
  const body = decode(out.Payload);
  if (out.FunctionError) {
    const err = (typeof body === "object" && body !== null ? body : {}) as {
      errorMessage?: unknown;
      errorType?: unknown;
    };
    const message = typeof err.errorMessage === "string" ? err.errorMessage : String(body ?? "no error message");
    throw new LambdaFunctionError(
      functionName,
      out.FunctionError,
      message,
      typeof err.errorType === "string" ? err.errorType : undefined,
    );
  }
  return body;
}

function encode(payload: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(payload));
}

/** The response payload as JSON; a body that is not JSON comes back as its text, an empty one as undefined. */
function decode(payload: Uint8Array | undefined): unknown {
  if (!payload || payload.length === 0) return undefined;
  const text = new TextDecoder().decode(payload);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The region and credentials the SDK finds for the caller (environment, profile, SSO, …): what `ctl` signs with. */
export interface InvokerIdentity {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export async function invokerIdentity(client: LambdaClient = lambdaClient()): Promise<InvokerIdentity> {
  const [region, credentials] = await Promise.all([client.config.region(), client.config.credentials()]);
  return {
    region,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    },
  };
}
