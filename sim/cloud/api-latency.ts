/**
 * AWS API calls take time: every call of the autoscaler's through a wrapped port waits a seeded duration from the
 * scenario's `cloud.apiCallMilliseconds` on the virtual clock before it is answered. Control-plane APIs answer in tens
 * to a few hundred milliseconds; a simulator that answered at once would flatter every figure that chains calls (a
 * launch's RegisterTargets before CompleteLifecycleAction, a decision's reads before its SetDesiredCapacity).
 */
import type { Rng } from "../random.ts";
import type { VirtualClock } from "../virtual-clock.ts";

/** A proxy of `port` whose methods are answered after a wait in [min, max] ms (uniform); `port` itself when max is 0. */
export function withLatency<T extends object>(
  port: T,
  clock: VirtualClock,
  rng: Rng,
  range: { min: number; max: number },
): T {
  if (range.max <= 0) return port;
  return new Proxy(port, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        await clock.sleep(rng.uniform(range.min, range.max));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
