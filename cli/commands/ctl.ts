/**
 * `dp-autoscaler ctl <status|explain|scale|pause|resume> --cluster NAME …`: talks to the operator function — the
 * deployed one (`--function NAME`, Lambda Invoke) or the same handler run here (`--local`). `--add N` / `--remove N`
 * read the current size with a fresh `status` and send an absolute `desired` with `expectDesired`, so a concurrent
 * change makes the request fail instead of stacking. Human output by default, `--json` for scripts.
 * Exit codes: 0 done; 1 refused or failed (one line on stderr; with `--json` the answer is on stdout too); 2 usage.
 */

import type { OperatorResponse, StatusResponse } from "../../shared/services/operator/types.ts";
import { CTL_USAGE, type CtlPlan, parseCtlArgs, type TransportChoice } from "../ctl/args.ts";
import { renderSuccess } from "../ctl/render.ts";
import { makeTransport, type OperatorTransport } from "../ctl/transport.ts";

export interface CtlIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Readonly<Record<string, string | undefined>>;
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

export async function runCtl(args: string[], io: CtlIo = defaultIo): Promise<number> {
  const plan = parseCtlArgs(args, io.env);
  if (typeof plan === "string") {
    io.err(plan === CTL_USAGE ? plan : `dp-autoscaler ctl: ${plan}`);
    return 2;
  }
  let response: OperatorResponse;
  try {
    const send = await io.transport(plan.transport);
    const built = await buildRequest(plan, send);
    response = "refused" in built ? built.refused : asResponse(await send(built.request));
  } catch (err) {
    io.err(`dp-autoscaler ctl: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  if (plan.json) io.out(JSON.stringify(response, null, 2));
  if (!response.ok) {
    const field = response.error.field ? ` [${response.error.field}]` : "";
    io.err(`dp-autoscaler ctl: ${response.error.code}${field}: ${response.error.message}`);
    return 1;
  }
  if (!plan.json) for (const line of renderSuccess(response)) io.out(line);
  return 0;
}

export function run(args: string[]): Promise<number> {
  return runCtl(args);
}
