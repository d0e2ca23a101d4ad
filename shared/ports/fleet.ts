/** The Auto Scaling group, as the functions need it. Implemented by `shared/aws/auto-scaling.ts` and the simulator. */
import type { NodeView } from "../domain/observation.ts";

/** A member of the group as Auto Scaling lists it: what the decision sees of a node, and where it runs. */
export interface GroupInstance extends NodeView {
  availabilityZone?: string;
}

export interface GroupState {
  name: string;
  desired: number;
  min: number;
  max: number;
  instances: GroupInstance[];
  tags: Record<string, string>;
  /** Target groups attached to the ASG itself (should be none: the autoscaler registers nodes once ready). */
  targetGroupArns: string[];
}

export interface ScalingActivity {
  activityId: string;
  /** Successful, Failed, InProgress, Cancelled, WaitingForInstanceId, … */
  statusCode: string;
  description: string;
  cause: string;
  /** Epoch ms. */
  startTime: number;
  endTime?: number;
}

/** Identifies one lifecycle action. Completion uses the token when there is one, else the instance id. */
export interface LifecycleActionRef {
  groupName: string;
  hookName: string;
  instanceId: string;
  token?: string;
}

export type LifecycleResult = "CONTINUE" | "ABANDON";

export interface LifecycleHook {
  name: string;
  transition: "launching" | "terminating";
  heartbeatTimeoutSeconds: number;
  defaultResult: LifecycleResult;
}

export interface FleetPort {
  /** Undefined when the group does not exist. */
  describeGroup(groupName: string): Promise<GroupState | undefined>;
  /** Newest first. */
  recentActivities(groupName: string, maxRecords: number): Promise<ScalingActivity[]>;
  /** Absolute, never relative; `HonorCooldown` false. */
  setDesiredCapacity(groupName: string, desired: number): Promise<void>;
  putTags(groupName: string, tags: Record<string, string>): Promise<void>;
  deleteTags(groupName: string, keys: string[]): Promise<void>;
  /** `not-found`: no such active action (already completed, timed out, or the instance is gone) — counts as done. */
  completeLifecycleAction(ref: LifecycleActionRef, result: LifecycleResult): Promise<"completed" | "not-found">;
  recordLifecycleActionHeartbeat(ref: LifecycleActionRef): Promise<"recorded" | "not-found">;
  /** The group's lifecycle hooks (for heartbeat timeouts, and to finish actions whose event was lost). */
  describeLifecycleHooks(groupName: string): Promise<LifecycleHook[]>;
}
