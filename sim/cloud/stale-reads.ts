/**
 * DescribeAutoScalingGroups, eventually consistent (the `staleGroupReadRate` fault): a read answers, with the given
 * probability, the group as it was a seeded 0..`maxMs` earlier — e.g. still `Pending:Wait` right after another
 * invocation's CONTINUE, or without a tag just written. The group is remembered around every call the autoscaler makes
 * through the port (and at every read), so "as it was" is the state seen at one of those moments. Other calls are
 * answered at once, as they are by AWS.
 */
import type { FleetPort, GroupState } from "../../shared/ports/fleet.ts";
import type { Rng } from "../random.ts";
import type { VirtualClock } from "../virtual-clock.ts";

export interface StaleReadCounter {
  staleReads: number;
}

/** Snapshots older than this many × `maxMs` are forgotten. */
const KEEP_FACTOR = 4;

export function withStaleGroupReads(
  port: FleetPort,
  clock: VirtualClock,
  rng: Rng,
  fault: { rate: number; maxMs: number },
  counter: StaleReadCounter,
): FleetPort {
  if (fault.rate <= 0 || fault.maxMs <= 0) return port;
  const history = new Map<string, { at: number; group: GroupState | undefined }[]>();
  const remember = async (groupName: string): Promise<GroupState | undefined> => {
    const group = await port.describeGroup(groupName);
    const list = history.get(groupName) ?? [];
    const now = clock.now();
    list.push({ at: now, group: group && structuredClone(group) });
    while (list.length > 1 && list[0]!.at < now - KEEP_FACTOR * fault.maxMs) list.shift();
    history.set(groupName, list);
    return group;
  };
  const stale: FleetPort = {
    async describeGroup(groupName) {
      const fresh = await remember(groupName);
      if (!rng.chance(fault.rate)) return fresh;
      const limit = clock.now() - rng.uniform(0, fault.maxMs);
      const list = history.get(groupName) ?? [];
      const old = [...list].reverse().find((s) => s.at <= limit) ?? list[0];
      if (old === undefined || JSON.stringify(old.group) === JSON.stringify(fresh)) return fresh;
      counter.staleReads++;
      return old.group && structuredClone(old.group);
    },
    recentActivities: (g, n) => port.recentActivities(g, n),
    describeLifecycleHooks: (g) => port.describeLifecycleHooks(g),
    async setDesiredCapacity(g, d) {
      await remember(g);
      await port.setDesiredCapacity(g, d);
      await remember(g);
    },
    async putTags(g, tags) {
      await remember(g);
      await port.putTags(g, tags);
      await remember(g);
    },
    async deleteTags(g, keys) {
      await remember(g);
      await port.deleteTags(g, keys);
      await remember(g);
    },
    async completeLifecycleAction(ref, result) {
      await remember(ref.groupName);
      const r = await port.completeLifecycleAction(ref, result);
      await remember(ref.groupName);
      return r;
    },
    async recordLifecycleActionHeartbeat(ref) {
      await remember(ref.groupName);
      return port.recordLifecycleActionHeartbeat(ref);
    },
  };
  return stale;
}
