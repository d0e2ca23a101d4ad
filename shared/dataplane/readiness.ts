/**
 * The meaning of a `/status/ready` answer, per product, exactly as `docs/reference/dataplane.md` describes it. Pure:
 * the same code judges a real node in Lambda and a simulated one in the backtest.
 */
import type { HttpOutcome } from "../ports/http-probe.ts";
import { isControlPlaneReason, NO_ANSWER_WORDS } from "./reasons.ts";

export type ReadinessMode = "apisix" | "api7";

export interface ReadinessVerdict {
  ready: boolean;
  /** Plain words for logs and Slack: "HTTP 503: worker count: 4 but status report count: 3". */
  reason: string;
  /** The reason points at the control plane (see `reasons.ts`); false when ready. */
  cpRelated: boolean;
}

/** Longest piece of an unexpected body kept in a reason. */
const BODY_EXCERPT_CHARS = 200;

export function interpretReadiness(mode: ReadinessMode, outcome: HttpOutcome): ReadinessVerdict {
  if (outcome.kind === "error") return notReady(describeError(outcome.error, outcome.message));
  return mode === "apisix"
    ? interpretApisix(outcome.status, outcome.body)
    : interpretApi7(outcome.status, outcome.body);
}

export function notReady(reason: string): ReadinessVerdict {
  return { ready: false, reason, cpRelated: isControlPlaneReason(reason) };
}

function ready(reason: string): ReadinessVerdict {
  return { ready: true, reason, cpRelated: false };
}

/** OSS APISIX: 200 `{"status":"ok"}`; 503 `{"status":"error","error":"…"}`. Key order is not fixed, so parse JSON. */
function interpretApisix(status: number, body: string): ReadinessVerdict {
  const json = parseJsonObject(body);
  if (status === 200) {
    if (json?.status === "ok") return ready("HTTP 200: status ok");
    return notReady(`HTTP 200 without {"status":"ok"}: ${excerpt(body)}`);
  }
  if (status === 503 && json?.status === "error" && typeof json.error === "string") {
    return notReady(`HTTP 503: ${json.error}`);
  }
  return notReady(`HTTP ${status}: ${excerpt(body)}`);
}

/**
 * API7 Enterprise: 200 with an empty body is ready. 503 is either one `Worker pid: N is out of sync with etcd` line per
 * worker, or `{"error_msg":"none of the configured dp_manager available: …"}` plus a newline.
 */
function interpretApi7(status: number, body: string): ReadinessVerdict {
  if (status === 200) return ready("HTTP 200");
  if (status === 503) {
    const json = parseJsonObject(body);
    if (json && typeof json.error_msg === "string") return notReady(`HTTP 503: ${json.error_msg}`);
    const pids = [...body.matchAll(/Worker pid: (\d+) is out of sync with etcd/g)].map((m) => m[1]);
    if (pids.length > 0) return notReady(`HTTP 503: worker pid ${pids.join(", ")} out of sync with etcd`);
  }
  return notReady(`HTTP ${status}: ${excerpt(body)}`);
}

export function describeError(error: Extract<HttpOutcome, { kind: "error" }>["error"], message: string): string {
  const words = NO_ANSWER_WORDS[error];
  return message && message !== words ? `${words} (${excerpt(message)})` : words;
}

function parseJsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(body);
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function excerpt(text: string): string {
  const oneLine = text.trim().replace(/\s+/g, " ");
  if (oneLine === "") return "(empty body)";
  return oneLine.length > BODY_EXCERPT_CHARS ? `${oneLine.slice(0, BODY_EXCERPT_CHARS)}…` : oneLine;
}
