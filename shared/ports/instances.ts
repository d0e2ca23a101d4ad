/** EC2 facts about instances and instance types. Implemented by `shared/aws/ec2.ts` and the simulator. */

export interface InstanceInfo {
  instanceId: string;
  /** pending, running, shutting-down, terminated, stopping, stopped */
  state: string;
  privateIp?: string;
  instanceType: string;
  /** From the `aws:autoscaling:groupName` tag. */
  groupName?: string;
  /** Epoch ms. */
  launchTime?: number;
}

export interface InstancesPort {
  /** Undefined when EC2 does not know the instance (gone, or never existed). */
  describeInstance(instanceId: string): Promise<InstanceInfo | undefined>;
  /** Baseline (not burst) bandwidth per direction, bits per second; undefined when unknown. */
  baselineBandwidthBps(instanceType: string): Promise<number | undefined>;
}
