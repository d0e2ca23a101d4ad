import { describe, expect, it } from "vitest";
import { withLatency } from "../../../sim/cloud/api-latency.ts";
import { createRng } from "../../../sim/random.ts";
import { VirtualClock } from "../../../sim/virtual-clock.ts";

const T0 = Date.UTC(2024, 0, 1);

class Port {
  calls = 0;
  async describe(name: string): Promise<string> {
    this.calls++;
    return `group ${name}`;
  }
}

describe("withLatency", () => {
  it("answers each call after a wait within the range, on the virtual clock", async () => {
    const clock = new VirtualClock(T0);
    const port = new Port();
    const slow = withLatency(port, clock, createRng(7), { min: 20, max: 150 });
    const answers: { at: number; value: string }[] = [];
    clock.at(T0, async () => answers.push({ value: await slow.describe("a"), at: clock.now() - T0 }));
    clock.at(T0 + 1000, async () => answers.push({ value: await slow.describe("b"), at: clock.now() - T0 - 1000 }));
    await clock.runUntil(T0 + 2000);
    expect(answers.map((a) => a.value)).toEqual(["group a", "group b"]);
    for (const a of answers) {
      expect(a.at).toBeGreaterThanOrEqual(20);
      expect(a.at).toBeLessThanOrEqual(150);
    }
    expect(answers[0]!.at).not.toBe(answers[1]!.at);
    expect(port.calls).toBe(2);
  });

  it("is the port itself when the range is 0 (the default: a wait changes no minute-level figure)", () => {
    const port = new Port();
    expect(withLatency(port, new VirtualClock(T0), createRng(1), { min: 0, max: 0 })).toBe(port);
  });
});
