/**
 * What the CLI says when a command fails, and with which exit code (`EXIT` in `cli/command.ts`): a missing file or
 * an unknown scenario is a usage error (2); an invalid document or a failed call is a failure (1). AWS failures are
 * explained in one line with the fix, the way the AWS CLI would be fixed: a region, a profile, an endpoint.
 */
import { ConfigError } from "../shared/config/errors.ts";
import { EnvError } from "../shared/runtime/env.ts";
import { DocumentReadError, DocumentSyntaxError } from "../sim/document.ts";
import { builtinNames, ScenarioError } from "../sim/scenario/load.ts";
import { OverrideError } from "../sim/scenario/overrides.ts";
import { EXIT } from "./command.ts";
import { didYouMean } from "./suggest.ts";

export interface ExplainedError {
  lines: string[];
  exitCode: number;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Every message in an error and the causes under it, outermost first. */
function messagesOf(err: unknown): string[] {
  const out: string[] = [];
  let current: unknown = err;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    const e = current as { message?: unknown; name?: unknown; code?: unknown; Code?: unknown; cause?: unknown };
    out.push([e.name, e.code, e.Code, e.message].filter((p) => typeof p === "string").join(" "));
    current = e.cause;
  }
  return out;
}

/** The endpoint the SDK was sent to, as the environment names it. */
function endpointSetting(env: Env): string {
  const specific = Object.keys(env).find((k) => k.startsWith("AWS_ENDPOINT_URL_") && env[k]);
  if (specific) return `${specific}=${env[specific]}`;
  return env.AWS_ENDPOINT_URL ? `AWS_ENDPOINT_URL=${env.AWS_ENDPOINT_URL}` : "the AWS default endpoint";
}

/**
 * One line saying what went wrong with an AWS call and how to fix it, or `undefined` when the error is not one of
 * the usual environment mistakes (the error's own message is then the best explanation).
 */
export function explainAwsError(err: unknown, env: Env): string | undefined {
  const text = messagesOf(err).join(" | ");
  if (/Region is missing|AWS_REGION: not set/i.test(text))
    return "no AWS region: pass --region REGION (e.g. --region us-east-1) or set AWS_REGION";
  if (/ECONNREFUSED/.test(text)) {
    const address = /connect ECONNREFUSED ([\w.:[\]-]+)/.exec(text)?.[1] ?? "the endpoint";
    return `cannot connect to ${address} (connection refused; ${endpointSetting(env)}): start it, or fix or unset the endpoint variable`;
  }
  const unresolved = /(?:ENOTFOUND|EAI_AGAIN)\s+([\w.-]+)?/.exec(text);
  if (unresolved)
    return `cannot resolve ${unresolved[1] ?? "the endpoint's host"} (${endpointSetting(env)}): check the network, the region and the endpoint variable`;
  if (/ETIMEDOUT|TimeoutError|socket hang up/i.test(text))
    return `no answer from ${endpointSetting(env)} in time: check the network, a proxy, or the endpoint variable`;
  if (/CredentialsProviderError|Could not load credentials|Token is expired|profile .* could not be found/i.test(text))
    return "no usable AWS credentials: pass --profile NAME (or set AWS_PROFILE), run aws sso login, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
  if (/ExpiredToken|security token included in the request is expired/i.test(text))
    return "the AWS credentials have expired: refresh them (aws sso login --profile NAME) and retry";
  if (/UnrecognizedClientException|InvalidClientTokenId|security token included in the request is invalid/i.test(text))
    return "AWS does not recognise these credentials: check --profile / AWS_PROFILE and the region";
  if (/ResourceNotFoundException.*Function not found|Function not found/i.test(text))
    return `no such function in ${env.AWS_REGION ?? "this region"}: check --function (or DP_AUTOSCALER_OPERATOR_FUNCTION) and --region`;
  if (/AccessDenied|not authorized to perform/i.test(text)) {
    const action = /perform: ([\w:]+)/.exec(text)?.[1];
    return `access denied${action ? ` for ${action}` : ""}: the caller's role or profile lacks the permission (see docs/deploy.md)`;
  }
  return undefined;
}

export function explainError(err: unknown, env: Env): ExplainedError {
  if (err instanceof OverrideError) return { lines: [err.message], exitCode: EXIT.usage };
  if (err instanceof DocumentReadError) return { lines: [err.message], exitCode: EXIT.usage };
  if (err instanceof DocumentSyntaxError) return { lines: [err.message], exitCode: EXIT.failed };
  if (err instanceof ScenarioError) {
    const hint = err.kind === "not-found" ? didYouMean(err.source, builtinNames()) : "";
    return {
      lines: [`${err.source}: ${err.problems.join("; ")}${hint}`],
      exitCode: err.kind === "not-found" ? EXIT.usage : EXIT.failed,
    };
  }
  if (err instanceof ConfigError)
    return { lines: [`${err.source}: ${err.problems.length} problem(s)`, ...err.problems], exitCode: EXIT.failed };
  const aws = explainAwsError(err, env);
  if (aws !== undefined) return { lines: [aws], exitCode: EXIT.failed };
  if (err instanceof EnvError) return { lines: [err.message], exitCode: EXIT.failed };
  return { lines: [err instanceof Error ? err.message : String(err)], exitCode: EXIT.failed };
}
