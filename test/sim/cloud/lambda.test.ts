import { describe, expect, it } from "vitest";
import { SimLambda } from "../../../sim/cloud/lambda.ts";
import { EventBus } from "../../../sim/event-bus.ts";
import { createRng } from "../../../sim/random.ts";
import { VirtualClock } from "../../../sim/virtual-clock.ts";

const T0 = Date.UTC(2024, 0, 1);

describe("simulated Lambda", () => {
  it("serialises invocations at reserved concurrency 1, each seeing its own virtual deadline", async () => {
    const clock = new VirtualClock(T0);
    const log: string[] = [];
    const fn = new SimLambda(
      { functionName: "scaler", timeoutSeconds: 60, reservedConcurrency: 1 },
      async (event, context) => {
        log.push(`start ${event} at ${(clock.now() - T0) / 1000}s, ${context.getRemainingTimeInMillis() / 1000}s left`);
        await clock.sleep(10_000);
        log.push(`end ${event}`);
      },
      clock,
      createRng(1),
    );
    fn.invokeAsync("a");
    fn.invokeAsync("b");
    expect(fn.inFlight).toBe(2);
    await clock.runUntil(T0 + 60_000);
    expect(log).toEqual(["start a at 0s, 60s left", "end a", "start b at 10s, 60s left", "end b"]);
    expect(fn.inFlight).toBe(0);
  });

  it("starts cold when no container is warm: the init time comes first, and the timeout starts after it", async () => {
    const clock = new VirtualClock(T0);
    const log: string[] = [];
    const fn = new SimLambda(
      {
        functionName: "launch",
        timeoutSeconds: 900,
        coldStart: { initMs: { min: 300, max: 300 }, idleMs: 600_000 },
      },
      async (event, context) => {
        log.push(`${event} at ${clock.now() - T0} ms, ${context.getRemainingTimeInMillis() / 1000}s left`);
        await clock.sleep(1000);
      },
      clock,
      createRng(1),
    );
    fn.invokeAsync("first"); // no container yet: cold
    fn.invokeAsync("concurrent"); // the first container is busy: a second cold start
    clock.at(T0 + 60_000, () => fn.invokeAsync("warm")); // an idle container, 59 s idle: warm
    clock.at(T0 + 2_000_000, () => fn.invokeAsync("after idling")); // idle > 10 min: gone, cold again
    await clock.runUntil(T0 + 2_100_000);
    expect(log).toEqual([
      "first at 300 ms, 900s left",
      "concurrent at 300 ms, 900s left",
      "warm at 60000 ms, 900s left",
      "after idling at 2000300 ms, 900s left",
    ]);
    expect(fn.coldStarts).toBe(3);
    expect(fn.invocations).toBe(4);
  });

  it("retries a failed asynchronous invocation twice, about 1 and 2 minutes later", async () => {
    const clock = new VirtualClock(T0);
    const attempts: number[] = [];
    const fn = new SimLambda(
      { functionName: "launch", timeoutSeconds: 900 },
      async () => {
        attempts.push((clock.now() - T0) / 1000);
        throw new Error("boom");
      },
      clock,
      createRng(1),
    );
    fn.invokeAsync({});
    await clock.runUntil(T0 + 3_600_000);
    expect(attempts).toEqual([0, 60, 180]);
    expect(fn.errors).toBe(3);
  });

  it("records an invocation that ran past its timeout", async () => {
    const clock = new VirtualClock(T0);
    const fn = new SimLambda(
      { functionName: "launch", timeoutSeconds: 900 },
      () => clock.sleep(1_000_000),
      clock,
      createRng(1),
    );
    fn.invokeAsync({});
    await clock.runUntil(T0 + 2_000_000);
    expect(fn.overran).toBe(1);
  });
});

describe("simulated EventBridge", () => {
  it("loses lifecycle events (best effort) but never alarm events, and duplicates both", async () => {
    const clock = new VirtualClock(T0);
    const bus = new EventBus(clock, createRng(3), { min: 1, max: 5 }, { lostEventRate: 1, duplicatedEventRate: 0 });
    const got: string[] = [];
    bus.deliver("lifecycle", "lifecycle", (e) => got.push(e));
    bus.deliver("alarm", "alarm", (e) => got.push(e));
    await clock.runUntil(T0 + 60_000);
    expect(got).toEqual(["alarm"]);

    const twice = new EventBus(clock, createRng(3), { min: 1, max: 5 }, { lostEventRate: 0, duplicatedEventRate: 1 });
    const seen: string[] = [];
    twice.deliver("x", "lifecycle", (e) => seen.push(e));
    await clock.runUntil(T0 + 120_000);
    expect(seen).toEqual(["x", "x"]);
  });
});
