import { describe, expect, it } from "vitest";
import { SimulationStuckError, VirtualClock } from "../../sim/virtual-clock.ts";

const T0 = Date.UTC(2024, 0, 1);

describe("VirtualClock", () => {
  it("resumes sleepers at their virtual due time, in due order", async () => {
    // Prepare
    const clock = new VirtualClock(T0);
    const woke: [string, number][] = [];
    void clock.sleep(3000).then(() => woke.push(["c", clock.now() - T0]));
    void clock.sleep(1000).then(() => woke.push(["a", clock.now() - T0]));
    void clock.sleep(2000).then(() => woke.push(["b", clock.now() - T0]));

    // Act
    await clock.runUntil(T0 + 10_000);

    // Assess
    expect(woke).toEqual([
      ["a", 1000],
      ["b", 2000],
      ["c", 3000],
    ]);
    expect(clock.now()).toBe(T0 + 10_000);
  });

  it("fires timers due at the same instant in the order they were set", async () => {
    const clock = new VirtualClock(T0);
    const order: number[] = [];
    for (let i = 0; i < 5; i++) clock.at(T0 + 500, () => order.push(i));
    await clock.runUntil(T0 + 500);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it("lets an async chain settle between timers, so its next sleep starts at the right virtual time", async () => {
    // A handler-like loop: some awaited work (no time passes), then a sleep, three times.
    const clock = new VirtualClock(T0);
    const seen: number[] = [];
    const work = async () => {
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 50; j++) await Promise.resolve();
        seen.push(clock.now() - T0);
        await clock.sleep(5000);
      }
    };
    clock.at(T0 + 1000, () => work());
    // A callback due between the chain's sleeps must see the chain's progress, not run ahead of it.
    let observedAt7s = -1;
    clock.at(T0 + 7000, () => {
      observedAt7s = seen.length;
    });

    await clock.runUntil(T0 + 60_000);

    expect(seen).toEqual([1000, 6000, 11_000]);
    expect(observedAt7s).toBe(2);
  });

  it("does not fire a cancelled callback", async () => {
    const clock = new VirtualClock(T0);
    let fired = false;
    const handle = clock.after(100, () => {
      fired = true;
    });
    handle.cancel();
    await clock.runUntil(T0 + 1000);
    expect(fired).toBe(false);
  });

  it("leaves timers due after the end for a later run", async () => {
    const clock = new VirtualClock(T0);
    let fired = 0;
    clock.at(T0 + 2000, () => fired++);
    await clock.runUntil(T0 + 1000);
    expect(fired).toBe(0);
    await clock.runUntil(T0 + 3000);
    expect(fired).toBe(1);
  });

  it("stops a loop that never lets virtual time pass", async () => {
    const clock = new VirtualClock(T0, { maxTimersAtOneInstant: 100 });
    const spin = async () => {
      for (;;) await clock.sleep(0);
    };
    clock.at(T0, () => spin());
    await expect(clock.runUntil(T0 + 1000)).rejects.toBeInstanceOf(SimulationStuckError);
  });

  it("settles only when async work was resumed (plain callbacks run back to back)", async () => {
    const clock = new VirtualClock(T0);
    for (let i = 1; i <= 100; i++) clock.at(T0 + i, () => {});
    await clock.runUntil(T0 + 1000);
    expect(clock.settles).toBe(0);
    void clock.sleep(10);
    await clock.runUntil(T0 + 2000);
    expect(clock.settles).toBe(1);
  });
});
