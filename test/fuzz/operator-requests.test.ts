/**
 * Fuzzing operator requests through `parseOperatorRequest` and the real operator handler: every input is answered
 * with a valid request or one clear, field-named error; nothing throws; a refused request changes nothing and
 * announces nothing; an accepted scale never leaves the cluster's bounds.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  OPERATOR_ACTIONS,
  parseOperatorRequest,
  REASON_MAX,
  REQUESTED_BY_MAX,
} from "../../shared/events/operator-request.ts";
import { operatorWorld } from "../fixtures/operator/world.ts";
import { ensure } from "./support/ensure.ts";
import { anyValue } from "./support/envelopes.ts";
import { mutatedFrom, prototypePolluted, weirdValue } from "./support/mutate.ts";
import { fuzzParams } from "./support/runs.ts";

const MESSAGE_MAX = 4000;
/** The operator world's bounds: [max(minNodes 2, ASG min 2), min(maxNodes 10, ASG max 10, CP 8)]. */
const FLOOR = 2;
const CEILING = 8;
const DESIRED = 4;

const SEEDS: Record<string, unknown> = {
  status: { action: "status", cluster: "prod" },
  explain: { action: "explain", cluster: "prod", reason: "why so big?" },
  scale: { action: "scale", cluster: "prod", desired: 6, expectDesired: 4, reason: "launch day", requestedBy: "alice" },
  "scale-dry-run": { action: "scale", cluster: "prod", desired: 3, reason: "what if", dryRun: true },
  "scale-force": { action: "scale", cluster: "prod", desired: 5, reason: "cp fixed", force: true },
  pause: { action: "pause", cluster: "prod", reason: "game day", requestedBy: "bob" },
  resume: { action: "resume", cluster: "prod", reason: "done" },
  "double-encoded": JSON.stringify({ action: "scale", cluster: "prod", desired: 5, reason: "from a script" }),
};

const generated = fc.oneof(
  anyValue,
  fc.record(
    {
      action: fc.oneof(fc.constantFrom(...OPERATOR_ACTIONS), weirdValue),
      cluster: fc.oneof(fc.constantFrom("prod", "edge", "PROD", "prod "), weirdValue),
      desired: weirdValue,
      expectDesired: weirdValue,
      reason: fc.oneof(fc.string({ maxLength: 600 }), weirdValue),
      requestedBy: weirdValue,
      dryRun: weirdValue,
      force: weirdValue,
    },
    { requiredKeys: [] },
  ),
);

function checkParse(input: unknown): void {
  const r = parseOperatorRequest(input);
  if (!r.ok) {
    // The field is named as the caller spelled it (an unknown key "" is named "").
    ensure(typeof r.field === "string", "a refusal names a field");
    ensure(r.problems.length > 0 && r.problems.every((p) => typeof p === "string"), "problems are listed");
    ensure(r.message.length <= MESSAGE_MAX, `error message of ${r.message.length} characters`);
    return;
  }
  const q = r.request;
  ensure(OPERATOR_ACTIONS.includes(q.action), `action ${q.action}`);
  ensure(typeof q.cluster === "string" && q.cluster.length >= 1 && q.cluster.length <= 63, "cluster of 1–63");
  if (q.requestedBy !== undefined)
    ensure(q.requestedBy.trim() === q.requestedBy && q.requestedBy.length <= REQUESTED_BY_MAX, "requestedBy");
  if (q.action === "scale" || q.action === "pause" || q.action === "resume")
    ensure(q.reason.trim().length > 0 && q.reason.length <= REASON_MAX, "a change says why");
  if (q.action === "scale") {
    for (const n of [q.desired, q.expectDesired ?? 0])
      ensure(Number.isSafeInteger(n) && n >= 0 && n <= 100_000, `node count ${n}`);
    ensure(typeof q.dryRun === "boolean" && typeof q.force === "boolean", "flags are booleans");
  }
}

afterAll(() => {
  expect(prototypePolluted()).toBe(false);
});

describe("fuzz: operator requests", () => {
  it("the seeds are valid requests", () => {
    for (const [name, request] of Object.entries(SEEDS)) expect(parseOperatorRequest(request).ok, name).toBe(true);
  });

  it("mutated and generated requests parse into a valid request or one clear, field-named error", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          mutatedFrom(SEEDS).map((c) => c.value),
          generated,
        ),
        checkParse,
      ),
      fuzzParams("operatorRequests"),
    );
  });

  it("the real handler never throws, never changes anything for a refused request, and stays within bounds", async () => {
    let refused = 0;
    let changed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 4, arbitrary: mutatedFrom(SEEDS).map((c) => c.value) }, generated),
        async (input) => {
          const w = operatorWorld({ cpu: 60, desired: DESIRED });
          const response = await w.invoke(input);
          ensure(typeof response.ok === "boolean", "every answer says ok or not");
          const desired = w.fleet.groups.get("dp-prod-asg")!.desired;
          if (!response.ok) {
            refused++;
            ensure(w.mutations().length === 0, `refused (${response.error.code}) but changed the fleet`);
            ensure(w.notifier.events.length === 0, "refused but announced");
            ensure(desired === DESIRED, "refused but the size moved");
            ensure(response.error.message.length <= MESSAGE_MAX, "one clear error");
            if (!parseOperatorRequest(input).ok) ensure(response.error.code === "invalid_request", "invalid_request");
            return;
          }
          if (w.mutations().length > 0) changed++;
          ensure(desired === DESIRED || (desired >= FLOOR && desired <= CEILING), `desired ${desired} out of bounds`);
          // Every change is announced once, with its reason; nothing else is.
          ensure(w.notifier.events.length === (w.mutations().length > 0 ? 1 : 0), "one announcement per change");
        },
      ),
      fuzzParams("operatorHandler"),
    );
    expect(refused).toBeGreaterThan(50);
    expect(changed).toBeGreaterThan(5);
  });
});
