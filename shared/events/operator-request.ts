/**
 * What people and scripts send to the operator function (a direct Lambda invoke, or `dp-autoscaler ctl`):
 *
 *   {"action":"status","cluster":"prod"}
 *   {"action":"explain","cluster":"prod"}
 *   {"action":"scale","cluster":"prod","desired":6,"expectDesired":4,"reason":"launch day","requestedBy":"alice"}
 *   {"action":"pause","cluster":"prod","reason":"game day"}   {"action":"resume","cluster":"prod","reason":"done"}
 *
 * Strict: an unknown field is an error (a typo such as `desried` must not be silently ignored). Every problem is
 * reported as `field: what is wrong`, and the first problem's field is named separately for scripts.
 */
import { z } from "zod";
import { callerProofSchema } from "./caller-proof.ts";
import { hasVisibleText } from "./text.ts";

export const OPERATOR_ACTIONS = ["status", "explain", "scale", "pause", "resume"] as const;
export type OperatorAction = (typeof OPERATOR_ACTIONS)[number];

export const REASON_MAX = 500;
export const REQUESTED_BY_MAX = 64;
/** Well above any cluster's `maxNodes` (1000), so the number is checked against the real bounds, not here. */
const DESIRED_MAX = 100_000;

type Issue = { input?: unknown };
const typed = (what: string) => ({
  error: (iss: Issue) => (iss.input === undefined ? "is required" : `must be ${what}`),
});

const cluster = z.string(typed("a string")).min(1, "must not be empty").max(63, "must be at most 63 characters");
const reason = z
  .string(typed("a string"))
  .trim()
  .min(1, "is required: say why (it goes to the log, the metric and Slack)")
  .max(REASON_MAX, `must be at most ${REASON_MAX} characters`)
  .refine(hasVisibleText, "must say something: it holds only invisible characters");
const requestedBy = z
  .string(typed("a string"))
  .trim()
  .min(1, "must not be empty")
  .max(REQUESTED_BY_MAX, `must be at most ${REQUESTED_BY_MAX} characters`)
  .refine(hasVisibleText, "must name someone: it holds only invisible characters");
const nodeCount = z
  .number(typed("a number"))
  .int("must be a whole number")
  .min(0, "must be ≥ 0")
  .max(DESIRED_MAX, `must be ≤ ${DESIRED_MAX}`);
const flag = z.boolean(typed("true or false"));

/** Who signed the request, for AWS to confirm (shared/events/caller-proof.ts); `ctl` always sends one. */
const callerProof = callerProofSchema.optional();
const readOnly = { cluster, reason: reason.optional(), requestedBy: requestedBy.optional(), callerProof };
const changing = { cluster, reason, requestedBy: requestedBy.optional(), callerProof };

export const statusRequestSchema = z.object({ action: z.literal("status"), ...readOnly }).strict();
export const explainRequestSchema = z.object({ action: z.literal("explain"), ...readOnly }).strict();
export const scaleRequestSchema = z
  .object({
    action: z.literal("scale"),
    ...changing,
    /** The absolute desired capacity. */
    desired: nodeCount,
    /** Compare-and-set: refuse unless the group's desired capacity is this now. */
    expectDesired: nodeCount.optional(),
    /** Check everything and answer what would happen; change nothing. */
    dryRun: flag.default(false),
    /** Scale even while the control-plane-outage breaker is open (logged and announced). */
    force: flag.default(false),
  })
  .strict();
export const pauseRequestSchema = z.object({ action: z.literal("pause"), ...changing }).strict();
export const resumeRequestSchema = z.object({ action: z.literal("resume"), ...changing }).strict();

const SCHEMAS = {
  status: statusRequestSchema,
  explain: explainRequestSchema,
  scale: scaleRequestSchema,
  pause: pauseRequestSchema,
  resume: resumeRequestSchema,
} as const;

export type StatusRequest = z.infer<typeof statusRequestSchema>;
export type ExplainRequest = z.infer<typeof explainRequestSchema>;
export type ScaleRequest = z.infer<typeof scaleRequestSchema>;
export type PauseRequest = z.infer<typeof pauseRequestSchema>;
export type ResumeRequest = z.infer<typeof resumeRequestSchema>;
export type OperatorRequest = StatusRequest | ExplainRequest | ScaleRequest | PauseRequest | ResumeRequest;
/** What a caller writes (defaults optional). */
export type OperatorRequestInput = z.input<(typeof SCHEMAS)[OperatorAction]>;

export type ParsedOperatorRequest =
  | { ok: true; request: OperatorRequest }
  | { ok: false; field: string; message: string; problems: string[] };

/** Validates one request: a JSON object, or a string holding one (some callers double-encode). */
export function parseOperatorRequest(input: unknown): ParsedOperatorRequest {
  let value = input;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return invalid("request", "is not valid JSON");
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return invalid("request", "must be a JSON object");
  const action = (value as { action?: unknown }).action;
  const known = `one of ${OPERATOR_ACTIONS.join(", ")}`;
  if (action === undefined) return invalid("action", `is required (${known})`);
  if (typeof action !== "string" || !(OPERATOR_ACTIONS as readonly string[]).includes(action))
    return invalid("action", `unknown action ${echo(JSON.stringify(action))} (${known})`);
  const parsed = SCHEMAS[action as OperatorAction].safeParse(value);
  if (parsed.success) return { ok: true, request: parsed.data };
  const problems = parsed.error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((k) => ({ field: echo(k), message: `unknown field for "${action}"` }))
      : [{ field: issue.path.map(String).join(".") || "request", message: issue.message }],
  );
  const first = problems[0]!;
  return {
    ok: false,
    field: first.field,
    message: problems.map((p) => `${p.field}: ${p.message}`).join("; "),
    problems: problems.map((p) => `${p.field}: ${p.message}`),
  };
}

/** The caller's own text, quoted back at most this long: a 70 kB field name must not become a 70 kB log line. */
const ECHO_MAX = 100;
function echo(text: string | undefined): string {
  const s = text ?? "undefined";
  return s.length > ECHO_MAX ? `${s.slice(0, ECHO_MAX)}…` : s;
}

function invalid(field: string, message: string): ParsedOperatorRequest {
  return { ok: false, field, message: `${field}: ${message}`, problems: [`${field}: ${message}`] };
}
