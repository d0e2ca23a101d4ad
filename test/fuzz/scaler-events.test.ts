/**
 * Fuzzing what can wake the scaler — EventBridge, SNS and alarm-action (Lambda) alarm events, the schedule, `{ reconcile }` — through
 * `parseScalerTrigger` and through the real handler: every input ends in a well-formed trigger or one
 * `InvalidEventError`; nothing throws; an invalid event never touches a group.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { ALARM_STATES } from "../../shared/events/alarm-change.ts";
import { ALARM_EVENT_DETAIL_TYPE, ALARM_EVENT_SOURCE } from "../../shared/events/alarm-eventbridge.ts";
import { SCHEDULE_EVENT_DETAIL_TYPE, SCHEDULE_EVENT_SOURCE } from "../../shared/events/schedule-event.ts";
import { OWN_METRICS } from "../../shared/ports/metrics.ts";
import {
  InvalidEventError,
  parseScalerTrigger,
  type TriggerParseResult,
} from "../../shared/services/scaler/trigger.ts";
import { ensure } from "./support/ensure.ts";
import { alarmActionLike, anyValue, eventBridgeLike, snsLike } from "./support/envelopes.ts";
import { eventFixtures, readJson } from "./support/fixtures.ts";
import { mutatedFrom, prototypePolluted, weirdValue } from "./support/mutate.ts";
import { fuzzParams } from "./support/runs.ts";
import { SCALER_CONFIG, scalerWorld } from "./support/scaler-world.ts";

const SEEDS: Record<string, unknown> = {
  ...eventFixtures((n) => n.startsWith("alarm-") || n.startsWith("sns-alarm-") || n.startsWith("schedule")),
  "reconcile-all": { reconcile: "all" },
  "reconcile-prod": { reconcile: "prod" },
};

/** The longest error message a person should have to read (the problems of one event, every path named). */
const MESSAGE_MAX = 4000;

/** What must hold of any parse, whatever the input: a well-formed trigger, or one clear error. */
function checkParse(r: TriggerParseResult): void {
  if (!r.ok) {
    ensure(r.error instanceof InvalidEventError, "an invalid event is an InvalidEventError");
    ensure(r.error.problems.length > 0, "an invalid event names at least one problem");
    ensure(
      r.error.problems.every((p) => typeof p === "string"),
      "problems are strings",
    );
    ensure(r.error.message.length <= MESSAGE_MAX, `error message of ${r.error.message.length} characters`);
    return;
  }
  const t = r.trigger;
  switch (t.kind) {
    case "alarm":
      ensure(t.alarms.length > 0 && typeof t.eventId === "string", "an alarm trigger has alarms and an event id");
      for (const a of t.alarms) {
        ensure(typeof a.alarmName === "string" && a.alarmName.length > 0, "alarm name is a non-empty string");
        ensure(ALARM_STATES.includes(a.state), `alarm state ${String(a.state)}`);
        ensure(Number.isFinite(a.changedAt), `changedAt ${a.changedAt}`);
        for (const m of a.metrics) {
          ensure(m.namespace.length > 0 && m.metricName.length > 0, "metric namespace and name are non-empty");
          ensure(
            Object.values(m.dimensions).every((v) => typeof v === "string"),
            "dimension values are strings",
          );
          ensure(m.periodSeconds === undefined || Number.isSafeInteger(m.periodSeconds), "period is an integer");
        }
      }
      return;
    case "schedule":
      ensure(typeof t.eventId === "string" && Number.isFinite(t.at), `schedule at ${t.at}`);
      return;
    case "reconcile":
      ensure(/^(all|[a-z0-9][a-z0-9-]{0,62})$/.test(t.target), `reconcile target ${t.target}`);
  }
}

const alarmDetail = fc.record(
  {
    alarmName: weirdValue,
    state: fc.record(
      {
        value: fc.constantFrom(...ALARM_STATES),
        timestamp: fc.oneof(fc.constant("2023-08-04T12:36:15.490+0000"), weirdValue),
        reasonData: fc.oneof(fc.constant('{"version":"1.0"}'), weirdValue),
      },
      { requiredKeys: [] },
    ),
    configuration: fc.oneof(
      fc.constant({ metrics: [] }),
      fc.constant({ alarmRule: "ALARM(a) OR ALARM(b)" }),
      fc.record({ metrics: fc.array(fc.record({ id: weirdValue, expression: weirdValue }), { maxLength: 3 }) }),
      weirdValue,
    ),
  },
  { requiredKeys: [] },
);
const snsAlarm = fc.record(
  {
    AlarmName: weirdValue,
    NewStateValue: fc.oneof(fc.constantFrom(...ALARM_STATES), weirdValue),
    StateChangeTime: fc.oneof(fc.constant("2024-05-14T09:31:12.551+0000"), weirdValue),
    Trigger: fc.oneof(fc.constant({ Dimensions: [] }), weirdValue),
  },
  { requiredKeys: [] },
);
const generated = fc.oneof(
  anyValue,
  eventBridgeLike(
    [ALARM_EVENT_DETAIL_TYPE, SCHEDULE_EVENT_DETAIL_TYPE],
    [ALARM_EVENT_SOURCE, SCHEDULE_EVENT_SOURCE],
    alarmDetail,
  ),
  snsLike(snsAlarm),
  alarmActionLike(alarmDetail),
  fc.record({ reconcile: weirdValue }),
);

afterAll(() => {
  expect(prototypePolluted()).toBe(false);
});

describe("fuzz: scaler events", () => {
  it("the seeds are what they claim: the valid fixtures parse, the malformed ones do not", () => {
    // Every delivery form is among the seeds, or mutating them proves nothing about it.
    for (const form of ["alarm-eventbridge-", "sns-alarm-", "alarm-lambda-action-"])
      expect(Object.keys(SEEDS).filter((n) => n.startsWith(form)).length, form).toBeGreaterThanOrEqual(3);
    for (const [name, event] of Object.entries(SEEDS))
      expect(parseScalerTrigger(event).ok, name).toBe(!name.includes("malformed"));
  });

  it("mutated fixtures parse into a well-formed trigger or one clear error, never a crash", () => {
    fc.assert(
      fc.property(mutatedFrom(SEEDS), ({ value }) => checkParse(parseScalerTrigger(value))),
      fuzzParams("scalerEventsMutated"),
    );
  });

  it("generated values and envelopes parse into a well-formed trigger or one clear error, never a crash", () => {
    fc.assert(
      fc.property(generated, (value) => checkParse(parseScalerTrigger(value))),
      fuzzParams("scalerEventsGenerated"),
    );
  });

  it("the real handler never throws, acts only within bounds, and never acts on an invalid event", async () => {
    const bounds = new Map(SCALER_CONFIG.clusters.map((c) => [c.autoScalingGroupName, [c.minNodes, c.maxNodes]]));
    let valid = 0;
    let invalid = 0;
    await fc.assert(
      fc.asyncProperty(
        mutatedFrom({ ...SEEDS, example: readJson("test/fixtures/events/schedule.json") }),
        async (c) => {
          const w = scalerWorld();
          const parsed = parseScalerTrigger(c.value);
          const result = await w.invoke(c.value);
          if (!parsed.ok) {
            invalid++;
            expect(result.ok).toBe(false);
            expect(result.decisions).toEqual([]);
            // Not even an observation: an invalid event reads nothing and changes nothing.
            expect(w.fleet.calls).toEqual([]);
            expect(w.metrics.calls).toEqual([]);
            expect(w.publisher.values("_deployment", OWN_METRICS.invalidEvents)).toEqual([1]);
            return;
          }
          valid++;
          for (const call of w.mutations()) {
            expect(call.op).toBe("setDesired");
            expect(Number.isSafeInteger(call.detail)).toBe(true);
          }
          for (const [name, g] of w.fleet.groups) {
            const [lo, hi] = bounds.get(name)!;
            expect(g.desired).toBeGreaterThanOrEqual(lo!);
            expect(g.desired).toBeLessThanOrEqual(hi!);
          }
        },
      ),
      fuzzParams("scalerHandler"),
    );
    // Both branches were exercised, or the property proved little.
    expect(valid).toBeGreaterThan(20);
    expect(invalid).toBeGreaterThan(20);
  });
});
