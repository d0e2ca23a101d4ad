/**
 * Every operator request leaves a trace: one log line with what was asked, by whom and why, and how it ended; and
 * the own metrics `OperatorRequests` (plus `OperatorRefusals` / `OperatorForcedScales`) under the cluster's dimension,
 * so an alarm can watch manual activity. Metrics carry counts only — the who and why are in the log line and in Slack.
 * Requests naming no configured cluster are logged but get no metric (no user text becomes a metric dimension).
 */

import { principalOf } from "../../events/caller-proof.ts";
import { cut } from "../../events/text.ts";
import type { Caller } from "../../ports/caller.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import { OWN_METRICS, type OwnMetric } from "../../ports/metrics.ts";
import type { OperatorResponse } from "./types.ts";

/** The request's fields worth logging, from whatever arrived (valid or not), cut to a sane length. */
export function requestFields(event: unknown): Record<string, unknown> {
  let value = event;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value); // a double-encoded request, as parseOperatorRequest accepts it
    } catch {
      return { request: "unparsable string" };
    }
  }
  if (typeof value !== "object" || value === null) return { request: typeof value };
  const e = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of ["action", "cluster", "reason", "requestedBy", "desired", "expectDesired", "dryRun", "force"]) {
    const v = e[key];
    if (typeof v === "string") out[key] = v.slice(0, 500);
    else if (typeof v === "number" || typeof v === "boolean") out[key] = v;
  }
  return out;
}

export function auditRequest(
  deps: Pick<AutoscalerDeps, "logger" | "publisher" | "clock">,
  event: unknown,
  response: OperatorResponse,
  knownCluster: string | undefined,
  caller: Caller = { verified: false },
): void {
  const outcome: Record<string, unknown> = response.ok
    ? { ok: true, ...("changed" in response ? { changed: response.changed } : {}) }
    : { ok: false, errorCode: response.error.code, error: response.error.message };
  if ("forced" in response && response.forced) outcome.forced = true;
  // Who called as AWS authenticated them (`callerVerified`), beside what the request says (`requestedBy`).
  const fields = {
    ...requestFields(event),
    caller: caller.arn ?? UNVERIFIED,
    callerVerified: caller.verified,
    ...outcome,
  };
  if (response.ok) deps.logger.info("operator request", fields);
  else deps.logger.warn("operator request refused", fields);

  if (knownCluster === undefined) return;
  const metrics: OwnMetric[] = [{ name: OWN_METRICS.operatorRequests, unit: "Count", value: 1 }];
  if (!response.ok) metrics.push({ name: OWN_METRICS.operatorRefusals, unit: "Count", value: 1 });
  if ("forced" in response && response.forced)
    metrics.push({ name: OWN_METRICS.operatorForcedScales, unit: "Count", value: 1 });
  deps.publisher.publish(knownCluster, metrics, deps.clock.now());
  // The same count by caller: the principal (a role without its session name, a user), so one metric per role or
  // user that operates the cluster, not one per login; requests without a proof count as "unverified".
  deps.publisher.publish(
    knownCluster,
    [{ name: OWN_METRICS.operatorRequests, unit: "Count", value: 1 }],
    deps.clock.now(),
    { [CALLER_DIMENSION]: caller.arn !== undefined ? cut(principalOf(caller.arn), 255) : UNVERIFIED },
  );
}

/** The metric dimension naming who called, and its value for a request without a caller proof. */
export const CALLER_DIMENSION = "Caller";
export const UNVERIFIED = "unverified";
