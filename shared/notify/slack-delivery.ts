/**
 * Posts one message to a Slack incoming webhook within a deadline, retrying only what can succeed later.
 *
 * - 2xx (Slack answers `200 ok`) → delivered.
 * - 429 → wait `Retry-After` seconds and retry, but only when the wait and another attempt fit before the deadline.
 * - 5xx and network errors → retry with exponential backoff (250 ms, 500 ms, 1 s, …) while it fits the deadline.
 * - other 4xx → not retried: Slack's error string (`invalid_payload`, `channel_not_found`, `no_service`, …) is
 *   returned for the log.
 * - the deadline is enforced through the injected clock: a hung request is aborted when the clock reaches it.
 *
 * Transport: `@slack/webhook`'s `IncomingWebhook` (v8 uses `fetch`, not axios). It is configured with no internal
 * retries (its p-retry would sleep on real timers and does not honour Retry-After) and no timeout of its own
 * (`AbortSignal.timeout` is wall-clock time); instead we hand it a `fetch` wrapper that aborts on our clock and reads
 * the `Retry-After` header, which the library's `IncomingWebhookHTTPError` does not carry.
 *
 * Never throws, and nothing returned contains the webhook URL (see `redact.ts`).
 */
import {
  type FetchFunction,
  IncomingWebhook,
  IncomingWebhookHTTPError,
  IncomingWebhookRequestError,
} from "@slack/webhook";
import type { Clock } from "../ports/clock.ts";
import type { SlackMessage } from "./blocks/message.ts";
import { redactWebhook } from "./redact.ts";

export type DeliveryFailure = "rejected" | "rate-limited" | "server-error" | "network" | "deadline";

export type DeliveryResult =
  | { ok: true; attempts: number }
  | {
      ok: false;
      reason: DeliveryFailure;
      attempts: number;
      httpStatus?: number;
      /** Slack's error string from the response body, e.g. `invalid_payload` (redacted, at most 100 characters). */
      slackError?: string;
      retryAfterSeconds?: number;
      /** A short, redacted description of a network error. */
      detail?: string;
    };

export interface DeliveryOptions {
  clock: Clock;
  /** Clock time (epoch ms) by which delivery has finished, retries included. */
  deadlineAt: number;
  /** First backoff after a 5xx or network error; doubles each time. */
  initialBackoffMs?: number;
}

/** An attempt needs at least this much time left to be worth starting. */
const MIN_ATTEMPT_MS = 100;
const DEFAULT_BACKOFF_MS = 250;
/** When Slack answers 429 without Retry-After. */
const DEFAULT_RETRY_AFTER_SECONDS = 1;

type AttemptOutcome =
  | { kind: "delivered" }
  | { kind: "http"; status: number; body: string; retryAfterSeconds?: number }
  | { kind: "deadline" }
  | { kind: "network"; detail: string };

export async function deliverToSlack(
  webhookUrl: string,
  msg: SlackMessage,
  options: DeliveryOptions,
): Promise<DeliveryResult> {
  const { clock, deadlineAt } = options;
  let backoffMs = options.initialBackoffMs ?? DEFAULT_BACKOFF_MS;
  let attempts = 0;
  let last: DeliveryResult | undefined;
  for (;;) {
    const remaining = deadlineAt - clock.now();
    if (remaining < MIN_ATTEMPT_MS) return last ?? { ok: false, reason: "deadline", attempts };
    attempts += 1;
    const outcome = await attempt(webhookUrl, msg, clock, remaining);
    if (outcome.kind === "delivered") return { ok: true, attempts };
    if (outcome.kind === "deadline") return { ok: false, reason: "deadline", attempts };

    let waitMs: number;
    if (outcome.kind === "network") {
      // Redacted whole, then cut: a cut first could split the URL so that neither it nor its pattern matches.
      last = {
        ok: false,
        reason: "network",
        attempts,
        detail: redactWebhook(outcome.detail, webhookUrl).slice(0, 200),
      };
      waitMs = backoffMs;
      backoffMs *= 2;
    } else if (outcome.status === 429) {
      const retryAfterSeconds = outcome.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
      last = {
        ok: false,
        reason: "rate-limited",
        attempts,
        httpStatus: 429,
        retryAfterSeconds,
        slackError: slackError(outcome.body, webhookUrl),
      };
      waitMs = retryAfterSeconds * 1000;
    } else if (outcome.status >= 500) {
      last = {
        ok: false,
        reason: "server-error",
        attempts,
        httpStatus: outcome.status,
        slackError: slackError(outcome.body, webhookUrl),
      };
      waitMs = backoffMs;
      backoffMs *= 2;
    } else {
      return {
        ok: false,
        reason: "rejected",
        attempts,
        httpStatus: outcome.status,
        slackError: slackError(outcome.body, webhookUrl),
      };
    }
    // Retry only when the wait and one more attempt still fit before the deadline.
    if (clock.now() + waitMs + MIN_ATTEMPT_MS > deadlineAt) return last;
    await clock.sleep(waitMs);
  }
}

async function attempt(
  webhookUrl: string,
  msg: SlackMessage,
  clock: Clock,
  timeoutMs: number,
): Promise<AttemptOutcome> {
  const abort = new AbortController();
  let timedOut = false;
  let retryAfter: string | null = null;
  // The clock, not a wall-clock timer, ends a hung request (the simulator and tests drive this clock).
  void clock.sleep(timeoutMs).then(() => {
    timedOut = true;
    abort.abort();
  });
  const boundedFetch: FetchFunction = async (url, init) => {
    const response = await globalThis.fetch(url, { ...init, signal: abort.signal });
    retryAfter = response.headers.get("retry-after");
    return response;
  };
  const webhook = new IncomingWebhook(webhookUrl, { fetch: boundedFetch, timeout: 0, retryConfig: { retries: 0 } });
  try {
    await webhook.send({ text: msg.text, blocks: msg.blocks, ...(msg.channel ? { channel: msg.channel } : {}) });
    return { kind: "delivered" };
  } catch (err) {
    if (timedOut) return { kind: "deadline" };
    if (err instanceof IncomingWebhookHTTPError) {
      const seconds = retryAfter === null ? undefined : Number.parseInt(retryAfter, 10);
      return {
        kind: "http",
        status: err.statusCode,
        body: err.body,
        retryAfterSeconds: seconds !== undefined && Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined,
      };
    }
    const cause = err instanceof IncomingWebhookRequestError ? err.original : err;
    return { kind: "network", detail: describeNetworkError(cause) };
  } finally {
    // Stops nothing if the request finished; frees the socket if it did not.
    if (!abort.signal.aborted) abort.abort();
  }
}

/**
 * "TypeError: fetch failed (ECONNREFUSED)": the error's name, message and the cause's code, nothing else. Whole: the
 * message may quote the URL, and only the whole text can be redacted (the caller cuts it after).
 */
function describeNetworkError(err: unknown): string {
  if (!(err instanceof Error)) return "unknown error";
  const cause = (err as { cause?: unknown }).cause;
  const code =
    cause && typeof cause === "object" && "code" in cause && typeof cause.code === "string" ? ` (${cause.code})` : "";
  return `${err.name}: ${err.message}${code}`;
}

function slackError(body: string, webhookUrl: string): string | undefined {
  const trimmed = body.trim();
  if (trimmed === "") return undefined;
  return redactWebhook(trimmed, webhookUrl).slice(0, 100);
}
