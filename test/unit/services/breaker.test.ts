import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBreaker, encodeBreaker } from "../../../shared/domain/tags.ts";
import { recordControlPlaneAbandon, recordNodeReady } from "../../../shared/services/breaker/transitions.ts";

const config = { abandonsToOpen: 3, windowSeconds: 600 };
const closed = { open: false, abandons: [] };
const T = 1_768_478_400_000;

describe("CP-outage breaker transitions", () => {
  it("opens on the Nth CP abandon within the window, once", () => {
    let s = recordControlPlaneAbandon(closed, T, "dp_manager", config);
    expect(s.opened).toBe(false);
    s = recordControlPlaneAbandon(s.state, T + 60_000, "dp_manager", config);
    expect(s.opened).toBe(false);
    s = recordControlPlaneAbandon(s.state, T + 120_000, "dp_manager", config);
    expect(s).toEqual({
      opened: true,
      state: { open: true, abandons: [T, T + 60_000, T + 120_000], openedAt: T + 120_000, lastReason: "dp_manager" },
    });
    const again = recordControlPlaneAbandon(s.state, T + 180_000, "etcd unreachable", config);
    expect(again.opened).toBe(false);
    expect(again.state).toMatchObject({ open: true, openedAt: T + 120_000, lastReason: "etcd unreachable" });
  });

  it("does not open when the abandons are spread wider than the window", () => {
    let s = recordControlPlaneAbandon(closed, T, "x", config);
    s = recordControlPlaneAbandon(s.state, T + 400_000, "x", config);
    s = recordControlPlaneAbandon(s.state, T + 700_000, "x", config);
    expect(s.opened).toBe(false);
    expect(s.state.abandons).toEqual([T + 400_000, T + 700_000]);
  });

  it("a ready node closes an open breaker (reporting how long) and clears a streak", () => {
    const open = { open: true, abandons: [T], openedAt: T, lastReason: "x" };
    expect(recordNodeReady(open, T + 90_000)).toEqual({ state: closed, closed: true, changed: true, openMs: 90_000 });
    expect(recordNodeReady({ open: false, abandons: [T] }, T)).toEqual({ state: closed, closed: false, changed: true });
    expect(recordNodeReady(closed, T)).toEqual({ state: closed, closed: false, changed: false });
  });

  it("never opens with fewer CP abandons in the window than configured, whatever the order of events", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 0, max: 3600 }).map((s) => s * 1000),
          { maxLength: 20 },
        ),
        fc.integer({ min: 1, max: 5 }),
        (offsets, n) => {
          const times = [...offsets].sort((a, b) => a - b).map((o) => T + o);
          let state = { open: false, abandons: [] as number[] } as ReturnType<typeof recordNodeReady>["state"];
          for (const t of times) {
            const r = recordControlPlaneAbandon(state, t, "x", { abandonsToOpen: n, windowSeconds: 600 });
            if (r.opened) {
              const inWindow = times.filter((u) => u <= t && u >= t - 600_000).length;
              expect(inWindow).toBeGreaterThanOrEqual(n);
            }
            // What goes into the tag comes back the same (at second resolution).
            state = decodeBreaker(encodeBreaker(r.state));
          }
        },
      ),
    );
  });
});
