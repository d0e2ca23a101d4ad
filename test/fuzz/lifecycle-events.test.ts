/**
 * Fuzzing lifecycle events — EventBridge, SNS, SQS (batches; bodies wrapped in SNS notifications or EventBridge
 * events), test notifications, our own continuations — through `parseLifecycleInvocation` and through the real
 * launch and drain handlers: every message ends as a well-formed action or one clear `invalid`; nothing throws; no
 * instance is probed, registered, deregistered, heart-beaten or completed unless a valid message named it.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import {
  continuationPayload,
  initialWaitState,
  type LifecycleWaitState,
} from "../../shared/events/lifecycle-continuation.ts";
import {
  LAUNCH_DETAIL_TYPE,
  type LifecycleInvocation,
  parseLifecycleInvocation,
  TERMINATE_DETAIL_TYPE,
} from "../../shared/events/lifecycle-event.ts";
import { createDrainHandler } from "../../shared/services/drain/create-handler.ts";
import { createLaunchHandler } from "../../shared/services/launch/create-handler.ts";
import { LifecycleWorld, OK_API7 } from "../../test-kit/fake-fleet-world.ts";
import { ensure } from "./support/ensure.ts";
import { anyValue, eventBridgeLike, snsLike, sqsLike } from "./support/envelopes.ts";
import { eventFixtures } from "./support/fixtures.ts";
import { mutatedFrom, prototypePolluted, weirdValue } from "./support/mutate.ts";
import { fuzzParams } from "./support/runs.ts";

const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;
const MESSAGE_MAX = 4000;

const FIXTURES = eventFixtures((n) => n.startsWith("lifecycle-"));
const snsBody = JSON.parse(
  (FIXTURES["lifecycle-sns-launch"] as { Records: { Sns: { Message: string } }[] }).Records[0]!.Sns.Message,
) as unknown;
const continued = continuationPayload(
  "launch",
  initialWaitState({
    transition: "launching",
    groupName: "dp-edge-asg",
    hookName: "dp-launch-hook",
    instanceId: "i-0a1b2c3d4e5f60718",
    token: "87654321-4321-4321-4321-210987654321",
    startedAt: Date.UTC(2026, 0, 15, 12, 0, 0),
  }),
);
const SEEDS: Record<string, unknown> = {
  ...FIXTURES,
  "bare-notification": snsBody,
  "continuation-launch": continued,
  "continuation-drain": { ...continued, function: "drain" },
};

function checkState(s: LifecycleWaitState): void {
  const a = s.action;
  ensure(a.transition === "launching" || a.transition === "terminating", `transition ${a.transition}`);
  ensure(INSTANCE_ID.test(a.instanceId), `instance id ${a.instanceId}`);
  ensure(a.groupName.length > 0 && a.groupName.length <= 255, "group name of 1–255 characters");
  ensure(a.hookName.length > 0 && a.hookName.length <= 255, "hook name of 1–255 characters");
  ensure(a.token === undefined || (typeof a.token === "string" && a.token.length > 0), "token absent or non-empty");
  ensure(Number.isFinite(a.startedAt), `startedAt ${a.startedAt}`);
  ensure(Number.isSafeInteger(s.attempts) && s.attempts >= 0, `attempts ${s.attempts}`);
  ensure(Number.isSafeInteger(s.handovers) && s.handovers >= 0, `handovers ${s.handovers}`);
}

function checkInvocation(inv: LifecycleInvocation, input: unknown): void {
  ensure(inv.items.length > 0, "at least one item");
  const records = (input as { Records?: unknown } | null)?.Records;
  if (inv.sqs) ensure(Array.isArray(records), "sqs only for a Records batch");
  for (const item of inv.items) {
    // The id is the sender's (SQS messageId, EventBridge id): echoed as it came, for batchItemFailures and logs.
    ensure(typeof item.id === "string", "every item has an id");
    const m = item.message;
    switch (m.kind) {
      case "action":
        checkState(initialWaitState(m.action));
        break;
      case "continuation":
        ensure(m.function === "launch" || m.function === "drain", `function ${m.function}`);
        checkState(m.state);
        break;
      case "test-notification":
        ensure(m.groupName === undefined || typeof m.groupName === "string", "test notification group");
        break;
      case "invalid":
        ensure(typeof m.error === "string" && m.error.length > 0, "an invalid message says why");
        ensure(m.error.length <= MESSAGE_MAX, `error of ${m.error.length} characters`);
        break;
      default:
        ensure(false, `unknown message kind ${(m as { kind: string }).kind}`);
    }
  }
}

/** The instances valid messages name: the only ones the handlers may act on. */
function namedInstances(inv: LifecycleInvocation): Set<string> {
  const ids = new Set<string>();
  for (const { message: m } of inv.items) {
    if (m.kind === "action") ids.add(m.action.instanceId);
    if (m.kind === "continuation") ids.add(m.state.action.instanceId);
  }
  return ids;
}

const actionFields = fc.record(
  {
    AutoScalingGroupName: fc.oneof(fc.constant("dp-edge-asg"), weirdValue),
    LifecycleHookName: fc.oneof(fc.constant("dp-launch-hook"), weirdValue),
    EC2InstanceId: fc.oneof(fc.constant("i-0a1b2c3d4e5f60718"), weirdValue),
    LifecycleTransition: fc.oneof(
      fc.constantFrom("autoscaling:EC2_INSTANCE_LAUNCHING", "autoscaling:EC2_INSTANCE_TERMINATING"),
      weirdValue,
    ),
    LifecycleActionToken: weirdValue,
    Time: fc.oneof(fc.constant("2026-01-15T12:00:00.533Z"), weirdValue),
    Event: fc.oneof(fc.constant("autoscaling:TEST_NOTIFICATION"), weirdValue),
  },
  { requiredKeys: [] },
);
const generated = fc.oneof(
  anyValue,
  eventBridgeLike([LAUNCH_DETAIL_TYPE, TERMINATE_DETAIL_TYPE], ["aws.autoscaling"], actionFields),
  snsLike(actionFields),
  // SQS bodies: the notification itself, or an SNS notification wrapping it (a queue subscribed to the topic).
  sqsLike(
    fc.oneof(
      actionFields,
      snsLike(actionFields).map((r) => (Array.isArray(r.Records) ? r.Records[0]?.Sns : r)),
    ),
  ),
  fc.record({ kind: fc.constant("dp-autoscaler.lifecycle-continuation"), version: weirdValue, state: weirdValue }),
);

afterAll(() => {
  expect(prototypePolluted()).toBe(false);
});

describe("fuzz: lifecycle events", () => {
  it("the seeds are what they claim: only the malformed fixtures hold invalid messages", () => {
    for (const [name, event] of Object.entries(SEEDS)) {
      const kinds = parseLifecycleInvocation(event).items.map((i) => i.message.kind);
      expect(kinds.includes("invalid"), name).toBe(name.includes("malformed"));
    }
  });

  it("mutated events parse into well-formed actions or one clear error each, never a crash", () => {
    fc.assert(
      fc.property(mutatedFrom(SEEDS), ({ value }) => checkInvocation(parseLifecycleInvocation(value), value)),
      fuzzParams("lifecycleEventsMutated"),
    );
  });

  it("generated values and envelopes parse into well-formed actions or one clear error each, never a crash", () => {
    fc.assert(
      fc.property(generated, (value) => checkInvocation(parseLifecycleInvocation(value), value)),
      fuzzParams("lifecycleEventsGenerated"),
    );
  });

  for (const fn of ["launch", "drain"] as const) {
    it(`the real ${fn} handler never throws and acts only on instances a valid message names`, async () => {
      let acted = 0;
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(mutatedFrom(SEEDS), async ({ value }) => {
          const world = new LifecycleWorld({ answer: () => OK_API7 });
          // The fixtures' instances exist and wait in their hooks, so valid events get all the way to an action.
          world.launch("i-0a1b2c3d4e5f60718");
          await world.terminate("i-0a1b2c3d4e5f60719");
          const before = { fleet: world.fleet.calls.length, targets: world.targets.calls.length };
          const handler = fn === "launch" ? createLaunchHandler(world.deps) : createDrainHandler(world.deps);

          const named = namedInstances(parseLifecycleInvocation(value));
          const result = await handler(value, world.context());

          ensure(Array.isArray(result.outcomes) && result.outcomes.length > 0, "one outcome per message");
          const touched = [
            ...world.fleet.calls.slice(before.fleet).flatMap((c) => (c.instanceId ? [c.instanceId] : [])),
            ...world.targets.calls.slice(before.targets).map((c) => c.instanceId),
            ...world.notifications.flatMap((n) => ("instanceId" in n ? [n.instanceId] : [])),
            ...world.handovers.map((h) => (h.payload as { state: LifecycleWaitState }).state.action.instanceId),
          ];
          for (const id of touched) ensure(named.has(id), `acted on ${id}, which no valid message names`);
          if (named.size === 0) {
            refused++;
            ensure(world.probes.length === 0, "probed for an invalid event");
            ensure(
              world.fleet.calls.slice(before.fleet).every((c) => c.op === "describeGroup"),
              "changed the fleet for an invalid event",
            );
          } else if (touched.length > 0) acted++;
        }),
        fuzzParams(`${fn}Handler`),
      );
      expect(acted).toBeGreaterThan(10);
      expect(refused).toBeGreaterThan(10);
    });
  }
});
