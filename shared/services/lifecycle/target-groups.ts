/** Registration in every target group of a cluster, in parallel: one API round trip, whatever the group count. */
import type { ClusterConfig } from "../../config/schema.ts";
import type { TargetHealth } from "../../ports/targets.ts";
import type { AutoscalerDeps } from "../deps.ts";

type TargetsDeps = Pick<AutoscalerDeps, "targets">;

export async function registerEverywhere(deps: TargetsDeps, cluster: ClusterConfig, instanceId: string): Promise<void> {
  await Promise.all(cluster.targetGroupArns.map((arn) => deps.targets.register(arn, [instanceId])));
}

export async function deregisterEverywhere(
  deps: TargetsDeps,
  cluster: ClusterConfig,
  instanceId: string,
): Promise<void> {
  await Promise.all(cluster.targetGroupArns.map((arn) => deps.targets.deregister(arn, [instanceId])));
}

/** The instance's health in each target group (`unused` when a group does not know it). */
export async function healthEverywhere(
  deps: TargetsDeps,
  cluster: ClusterConfig,
  instanceId: string,
): Promise<{ targetGroupArn: string; health: TargetHealth }[]> {
  return Promise.all(
    cluster.targetGroupArns.map(async (arn) => {
      const [h] = await deps.targets.health(arn, [instanceId]);
      return { targetGroupArn: arn, health: h ?? { instanceId, state: "unused" as const } };
    }),
  );
}
