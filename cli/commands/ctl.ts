/**
 * `dp-autoscaler ctl <status|explain|scale|pause|resume> --cluster NAME …`: talks to the operator function — the
 * deployed one (`--function NAME`, Lambda Invoke) or the same handler run here (`--local`). Every argument is checked
 * before anything is sent (`cli/ctl/args.ts`). `--add N` / `--remove N` read the current size with a fresh `status`
 * and send an absolute `desired` with `expectDesired`, so a concurrent change makes the request fail instead of
 * stacking. Human output by default, `--json` for scripts; `--region` / `--profile` as in the AWS CLI.
 * Exit codes: 0 done; 1 refused, failed (one line on stderr, an AWS failure with its fix; with `--json` the answer is
 * on stdout too), or a `status` that could not read part of what it shows; 2 usage.
 */

import type { OperatorResponse, StatusResponse } from "../../shared/services/operator/types.ts";
import { type CommandLine, EXIT } from "../command.ts";
import { type CtlPlan, planOf, type TransportChoice } from "../ctl/args.ts";
import { renderSuccess } from "../ctl/render.ts";
import { makeTransport, type OperatorTransport } from "../ctl/transport.ts";
import { explainAwsError } from "../errors.ts";
import { GRAMMAR } from "../grammar.ts";
import { applyRuntimeOptions, handlerOutput } from "../handler-output.ts";
import { runCommand } from "../run-command.ts";

export interface CtlIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** The environment: defaults (`DP_AUTOSCALER_OPERATOR_FUNCTION`, `USER`), and where `--region`/`--profile` go. */
  env: Record<string, string | undefined>;
  /** Builds the transport the arguments chose (tests run the handler in-process with in-memory ports). */
  transport: (choice: TransportChoice) => Promise<OperatorTransport>;
}

const defaultIo: CtlIo = {
  out: (l) => console.log(l),
  err: (l) => console.error(l),
  env: process.env,
  transport: makeTransport,
};

/** Thrown when an answer is not an operator response at all (a wrong function name, an old deployment). */
export class UnexpectedAnswerError extends Error {
  override readonly name = "UnexpectedAnswerError";
  constructor(readonly answer: unknown) {
    super(`the operator's answer is not an operator response: ${JSON.stringify(answer)?.slice(0, 200)}`);
  }
}

function asResponse(answer: unknown): OperatorResponse {
  if (typeof answer === "object" && answer !== null && typeof (answer as { ok?: unknown }).ok === "boolean")
    return answer as OperatorResponse;
  throw new UnexpectedAnswerError(answer);
}

function baseRequest(plan: CtlPlan): Record<string, unknown> {
  const r: Record<string, unknown> = { action: plan.action, cluster: plan.cluster };
  if (plan.reason !== undefined) r.reason = plan.reason;
  if (plan.requestedBy !== undefined) r.requestedBy = plan.requestedBy;
  return r;
}

/** The request to send; a relative size first reads the current desired capacity. */
async function buildRequest(
  plan: CtlPlan,
  send: OperatorTransport,
): Promise<{ request: Record<string, unknown> } | { refused: OperatorResponse }> {
  const request = baseRequest(plan);
  const size = plan.size;
  if (plan.action !== "scale" || size === undefined) return { request };
  if (size.kind === "absolute") {
    request.desired = size.desired;
    if (size.expectDesired !== undefined) request.expectDesired = size.expectDesired;
  } else {
    const status = asResponse(await send({ action: "status", cluster: plan.cluster, ...pick(request, "requestedBy") }));
    if (!status.ok) return { refused: status };
    const current = (status as StatusResponse).desired;
    request.desired = Math.max(0, current + size.delta);
    request.expectDesired = current;
  }
  if (plan.dryRun) request.dryRun = true;
  if (plan.force) request.force = true;
  return { request };
}

function pick(o: Record<string, unknown>, key: string): Record<string, unknown> {
  return key in o ? { [key]: o[key] } : {};
}

/** What a `status` answer could not read (the decision now, a target group): it is shown, but the exit is 1. */
export function unreadableParts(r: StatusResponse): string[] {
  const parts: string[] = [];
  if (r.decisionNow === null) parts.push(`the decision now (${r.decisionError ?? "unknown error"})`);
  for (const t of r.targets) if (t.error) parts.push(`target group ${t.targetGroupArn} (${t.error})`);
  return parts;
}

export function runCtl(args: string[], io: CtlIo = defaultIo): Promise<number> {
  return runCommand(GRAMMAR.ctl!, args, (line) => ctlFrom(line, io), io);
}

async function ctlFrom(line: CommandLine, io: CtlIo): Promise<number> {
  const plan = planOf(line, io.env);
  const { level } = applyRuntimeOptions(line, io.env);
  const quietly = handlerOutput(level);
  let response: OperatorResponse;
  try {
    const transport = await quietly(() => io.transport(plan.transport));
    const send: OperatorTransport = (request) => quietly(() => transport(request));
    const built = await buildRequest(plan, send);
    response = "refused" in built ? built.refused : asResponse(await send(built.request));
  } catch (err) {
    io.err(`dp-autoscaler ctl: ${explainAwsError(err, io.env) ?? (err instanceof Error ? err.message : String(err))}`);
    return EXIT.failed;
  }
  if (plan.json) io.out(JSON.stringify(response, null, 2));
  if (!response.ok) {
    const field = response.error.field ? ` [${response.error.field}]` : "";
    const fix = explainAwsError(new Error(response.error.message), io.env);
    io.err(`dp-autoscaler ctl: ${response.error.code}${field}: ${fix ?? response.error.message}`);
    return EXIT.failed;
  }
  if (!plan.json) for (const text of renderSuccess(response)) io.out(text);
  if (response.action === "status") {
    const unreadable = unreadableParts(response);
    if (unreadable.length > 0) {
      io.err(`dp-autoscaler ctl: status could not read ${unreadable.join("; ")}`);
      return EXIT.failed;
    }
  }
  return EXIT.ok;
}

export function run(args: string[]): Promise<number> {
  return runCtl(args);
}
