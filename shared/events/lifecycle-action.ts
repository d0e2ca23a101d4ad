/** One Auto Scaling lifecycle action, whichever way it reached us (EventBridge, SNS, SQS, a hand-over or a sweep). */

export type LifecycleTransition = "launching" | "terminating";

export const TRANSITIONS: Record<string, LifecycleTransition> = {
  "autoscaling:EC2_INSTANCE_LAUNCHING": "launching",
  "autoscaling:EC2_INSTANCE_TERMINATING": "terminating",
};

export interface LifecycleAction {
  transition: LifecycleTransition;
  groupName: string;
  hookName: string;
  instanceId: string;
  /** Completion uses the token when there is one, else the instance id (actions found by a sweep have none). */
  token?: string;
  /** Epoch ms at which the action started (the event's time); deadlines count from here. */
  startedAt: number;
  /** `EC2` | `AutoScalingGroup` | `WarmPool` (only sometimes present). */
  origin?: string;
  destination?: string;
  notificationMetadata?: string;
}
