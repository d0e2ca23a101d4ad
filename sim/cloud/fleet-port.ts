/**
 * The `FleetPort` over the simulated Auto Scaling group, answering as the AWS adapter does
 * (`shared/aws/auto-scaling.ts`): an unknown group is `undefined`, a lifecycle action that no longer exists is
 * `not-found`, desired above max is an `AwsValidationError` with Auto Scaling's message.
 */
import { AwsValidationError } from "../../shared/ports/errors.ts";
import type {
  FleetPort,
  GroupState,
  LifecycleActionRef,
  LifecycleHook,
  LifecycleResult,
  ScalingActivity,
} from "../../shared/ports/fleet.ts";
import type { SimAutoScalingGroup } from "./auto-scaling-group.ts";

export class SimFleet implements FleetPort {
  readonly #groups = new Map<string, SimAutoScalingGroup>();

  constructor(groups: SimAutoScalingGroup[]) {
    for (const g of groups) this.#groups.set(g.name, g);
  }

  async describeGroup(groupName: string): Promise<GroupState | undefined> {
    const g = this.#groups.get(groupName);
    if (!g) return undefined;
    return {
      name: g.name,
      desired: g.desired,
      min: g.min,
      max: g.max,
      instances: [...g.members.values()].map((m) => ({
        instanceId: m.instance.instanceId,
        lifecycleState: m.lifecycleState,
        healthStatus: m.healthStatus,
        instanceType: m.instance.instanceType,
        availabilityZone: m.instance.availabilityZone,
      })),
      tags: { ...g.tags },
      targetGroupArns: [...g.attachedTargetGroupArns],
    };
  }

  async recentActivities(groupName: string, maxRecords: number): Promise<ScalingActivity[]> {
    return this.#groups.get(groupName)?.activities(maxRecords) ?? [];
  }

  async setDesiredCapacity(groupName: string, desired: number): Promise<void> {
    this.#group(groupName).setDesired(desired);
  }

  async putTags(groupName: string, tags: Record<string, string>): Promise<void> {
    Object.assign(this.#group(groupName).tags, tags);
  }

  async deleteTags(groupName: string, keys: string[]): Promise<void> {
    const g = this.#group(groupName);
    for (const k of keys) delete g.tags[k];
  }

  async completeLifecycleAction(ref: LifecycleActionRef, result: LifecycleResult): Promise<"completed" | "not-found"> {
    const g = this.#groups.get(ref.groupName);
    return g ? g.complete(ref.hookName, ref.instanceId, ref.token, result) : "not-found";
  }

  async recordLifecycleActionHeartbeat(ref: LifecycleActionRef): Promise<"recorded" | "not-found"> {
    const g = this.#groups.get(ref.groupName);
    return g ? g.heartbeat(ref.hookName, ref.instanceId, ref.token) : "not-found";
  }

  async describeLifecycleHooks(groupName: string): Promise<LifecycleHook[]> {
    return (this.#groups.get(groupName)?.hooks ?? []).map((h) => ({ ...h }));
  }

  #group(groupName: string): SimAutoScalingGroup {
    const g = this.#groups.get(groupName);
    if (!g) throw groupNotFound(groupName);
    return g;
  }
}

/** Auto Scaling answers calls on an unknown group with a ValidationError. */
function groupNotFound(groupName: string): AwsValidationError {
  return new AwsValidationError(`AutoScalingGroup name not found - AutoScalingGroup ${groupName} not found`, {
    code: "ValidationError",
    operation: "AutoScaling",
    retryable: false,
    httpStatusCode: 400,
  });
}
