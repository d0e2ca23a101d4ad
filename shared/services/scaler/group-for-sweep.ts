/**
 * The group a lifecycle sweep needs when the tick's observation did not deliver one (it failed, typically throttled):
 * DescribeAutoScalingGroups once more, and once again after a short backoff on a transient error (the SDK has already
 * retried each). Otherwise the sweep is skipped with the reason logged; the next tick, a minute later, tries again.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import type { GroupState } from "../../ports/fleet.ts";
import { retryTransient } from "../lifecycle/action-calls.ts";

export async function groupForSweep(
  deps: Pick<AutoscalerDeps, "fleet" | "clock" | "logger">,
  cluster: ClusterConfig,
): Promise<GroupState | undefined> {
  const groupName = cluster.autoScalingGroupName;
  try {
    const group = await retryTransient(
      deps,
      "DescribeAutoScalingGroups for the lifecycle sweep",
      () => deps.fleet.describeGroup(groupName),
      { attempts: 2 },
    );
    if (group === undefined)
      deps.logger.warn(`${cluster.name}: lifecycle sweep skipped: group ${groupName} not found`, {
        cluster: cluster.name,
      });
    return group;
  } catch (error) {
    deps.logger.warn(
      `${cluster.name}: lifecycle sweep skipped: the group could not be read; the next tick tries again`,
      {
        cluster: cluster.name,
        error,
      },
    );
    return undefined;
  }
}
