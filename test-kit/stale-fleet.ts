/**
 * A `FleetPort` that answers DescribeAutoScalingGroups from the past, as an eventually consistent API may: the group
 * as it was `lagMs` before the call (the oldest state seen when nothing is that old). Every other call goes through
 * at once. Snapshots are taken around every call, so a change made through the port (a completion, a tag) is seen
 * only once it is `lagMs` old.
 */
import type { Clock } from "../shared/ports/clock.ts";
import type { FleetPort, GroupState } from "../shared/ports/fleet.ts";
import type { FakeFleet } from "./fake-fleet.ts";

export function staleReads(fleet: FakeFleet, clock: Clock, lagMs: number): FleetPort & { staleAnswers: number } {
  const snapshots: { at: number; groups: Map<string, GroupState> }[] = [];
  const snap = () => snapshots.push({ at: clock.now(), groups: structuredClone(fleet.groups) });
  snap();
  const port = {
    staleAnswers: 0,
    async describeGroup(groupName: string): Promise<GroupState | undefined> {
      snap();
      await fleet.describeGroup(groupName); // recorded as a call
      const limit = clock.now() - lagMs;
      const old = [...snapshots].reverse().find((s) => s.at <= limit) ?? snapshots[0]!;
      const answer = old.groups.get(groupName);
      const fresh = fleet.groups.get(groupName);
      if (JSON.stringify(answer) !== JSON.stringify(fresh)) port.staleAnswers++;
      return answer ? structuredClone(answer) : undefined;
    },
  };
  return new Proxy(port as FleetPort & { staleAnswers: number }, {
    get(target, prop, receiver) {
      if (prop in target) return Reflect.get(target, prop, receiver);
      const value = Reflect.get(fleet, prop, fleet);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        snap();
        const r = await (value as (...a: unknown[]) => Promise<unknown>).apply(fleet, args);
        snap();
        return r;
      };
    },
  });
}
