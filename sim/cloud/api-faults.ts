/**
 * AWS API trouble for the autoscaler's own calls: with the `apiThrottlingRate` fault a call fails with `Throttling`
 * (what the adapters raise once the SDK's retries are spent), seeded. Wraps a port; the simulated cloud's own internal
 * actions (the ASG's, the baselines' — AWS-side) are not throttled.
 */
import { AwsThrottlingError } from "../../shared/ports/errors.ts";
import type { Rng } from "../random.ts";

export interface ThrottleCounter {
  throttled: number;
}

/** A proxy of `port` whose async methods fail with `AwsThrottlingError` with probability `rate`. */
export function withThrottling<T extends object>(
  port: T,
  rate: number,
  rng: Rng,
  counter: ThrottleCounter,
  service: string,
): T {
  if (rate <= 0) return port;
  return new Proxy(port, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (rng.chance(rate)) {
          counter.throttled++;
          return Promise.reject(
            new AwsThrottlingError("Rate exceeded", {
              code: "Throttling",
              operation: `${service}.${String(prop)}`,
              retryable: true,
              httpStatusCode: 400,
            }),
          );
        }
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
