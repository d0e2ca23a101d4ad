import type { ClusterConfig, DeploymentConfig } from "../../config/schema.ts";

/** The managed cluster whose Auto Scaling group this is, if any. */
export function clusterForGroup(config: DeploymentConfig, groupName: string): ClusterConfig | undefined {
  return config.clusters.find((c) => c.autoScalingGroupName === groupName);
}
