/**
 * FleetPort over EC2 Auto Scaling. Only maps calls and shapes; errors are mapped by `callAws` (see `errors.ts`).
 * A lifecycle action that no longer exists answers `not-found` (principle: "already done" counts as success).
 */
import {
  type Activity,
  type AutoScalingClient,
  type AutoScalingGroup,
  CompleteLifecycleActionCommand,
  CreateOrUpdateTagsCommand,
  DeleteTagsCommand,
  DescribeAutoScalingGroupsCommand,
  DescribeLifecycleHooksCommand,
  DescribeScalingActivitiesCommand,
  type Instance,
  RecordLifecycleActionHeartbeatCommand,
  SetDesiredCapacityCommand,
} from "@aws-sdk/client-auto-scaling";
import { AwsNotFoundError } from "../ports/errors.ts";
import type {
  FleetPort,
  GroupInstance,
  GroupState,
  LifecycleActionRef,
  LifecycleHook,
  LifecycleResult,
  ScalingActivity,
} from "../ports/fleet.ts";
import { autoScalingClient } from "./clients.ts";
import { callAws } from "./errors.ts";

/** DescribeScalingActivities returns at most 100 records per page. */
const ACTIVITIES_PAGE_MAX = 100;
const GROUP_RESOURCE = "auto-scaling-group";

export class AutoScalingFleet implements FleetPort {
  readonly #client: AutoScalingClient;

  constructor(client: AutoScalingClient = autoScalingClient()) {
    this.#client = client;
  }

  async describeGroup(groupName: string): Promise<GroupState | undefined> {
    const out = await callAws("DescribeAutoScalingGroups", () =>
      this.#client.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [groupName] })),
    );
    const group = out.AutoScalingGroups?.find((g) => g.AutoScalingGroupName === groupName);
    return group ? toGroupState(group) : undefined;
  }

  async recentActivities(groupName: string, maxRecords: number): Promise<ScalingActivity[]> {
    const activities: ScalingActivity[] = [];
    let nextToken: string | undefined;
    do {
      const out = await callAws("DescribeScalingActivities", () =>
        this.#client.send(
          new DescribeScalingActivitiesCommand({
            AutoScalingGroupName: groupName,
            MaxRecords: Math.min(ACTIVITIES_PAGE_MAX, maxRecords - activities.length),
            NextToken: nextToken,
          }),
        ),
      );
      activities.push(...(out.Activities ?? []).map(toActivity));
      nextToken = out.NextToken;
    } while (nextToken && activities.length < maxRecords);
    return activities.slice(0, maxRecords);
  }

  async setDesiredCapacity(groupName: string, desired: number): Promise<void> {
    await callAws("SetDesiredCapacity", () =>
      this.#client.send(
        new SetDesiredCapacityCommand({
          AutoScalingGroupName: groupName,
          DesiredCapacity: desired,
          HonorCooldown: false,
        }),
      ),
    );
  }

  async putTags(groupName: string, tags: Record<string, string>): Promise<void> {
    const entries = Object.entries(tags);
    if (entries.length === 0) return;
    await callAws("CreateOrUpdateTags", () =>
      this.#client.send(
        new CreateOrUpdateTagsCommand({
          Tags: entries.map(([Key, Value]) => ({
            ResourceId: groupName,
            ResourceType: GROUP_RESOURCE,
            Key,
            Value,
            // The autoscaler's state tags describe the group, never its instances.
            PropagateAtLaunch: false,
          })),
        }),
      ),
    );
  }

  async deleteTags(groupName: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await callAws("DeleteTags", () =>
      this.#client.send(
        new DeleteTagsCommand({
          Tags: keys.map((Key) => ({ ResourceId: groupName, ResourceType: GROUP_RESOURCE, Key })),
        }),
      ),
    );
  }

  async completeLifecycleAction(ref: LifecycleActionRef, result: LifecycleResult): Promise<"completed" | "not-found"> {
    const done = await ignoreNotFound(() =>
      callAws("CompleteLifecycleAction", () =>
        this.#client.send(new CompleteLifecycleActionCommand({ ...actionTarget(ref), LifecycleActionResult: result })),
      ),
    );
    return done ? "completed" : "not-found";
  }

  async recordLifecycleActionHeartbeat(ref: LifecycleActionRef): Promise<"recorded" | "not-found"> {
    const done = await ignoreNotFound(() =>
      callAws("RecordLifecycleActionHeartbeat", () =>
        this.#client.send(new RecordLifecycleActionHeartbeatCommand(actionTarget(ref))),
      ),
    );
    return done ? "recorded" : "not-found";
  }

  async describeLifecycleHooks(groupName: string): Promise<LifecycleHook[]> {
    const out = await callAws("DescribeLifecycleHooks", () =>
      this.#client.send(new DescribeLifecycleHooksCommand({ AutoScalingGroupName: groupName })),
    );
    return (out.LifecycleHooks ?? []).map((h) => ({
      name: h.LifecycleHookName ?? "",
      transition: h.LifecycleTransition === "autoscaling:EC2_INSTANCE_TERMINATING" ? "terminating" : "launching",
      heartbeatTimeoutSeconds: h.HeartbeatTimeout ?? 3600,
      defaultResult: h.DefaultResult === "CONTINUE" ? "CONTINUE" : "ABANDON",
    }));
  }
}

/** Identifies the action by its token when the event carried one, else by instance id (both are accepted by AWS). */
function actionTarget(ref: LifecycleActionRef) {
  return {
    AutoScalingGroupName: ref.groupName,
    LifecycleHookName: ref.hookName,
    ...(ref.token ? { LifecycleActionToken: ref.token } : { InstanceId: ref.instanceId }),
  };
}

/** True when the call went through, false when AWS says the lifecycle action is gone. */
async function ignoreNotFound(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (err) {
    if (err instanceof AwsNotFoundError) return false;
    throw err;
  }
}

function toGroupState(g: AutoScalingGroup): GroupState {
  const tags: Record<string, string> = {};
  for (const t of g.Tags ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? "";
  return {
    name: g.AutoScalingGroupName ?? "",
    desired: g.DesiredCapacity ?? 0,
    min: g.MinSize ?? 0,
    max: g.MaxSize ?? 0,
    instances: (g.Instances ?? []).map(toGroupInstance),
    tags,
    targetGroupArns: g.TargetGroupARNs ?? [],
  };
}

function toGroupInstance(i: Instance): GroupInstance {
  return {
    instanceId: i.InstanceId ?? "",
    lifecycleState: i.LifecycleState ?? "",
    healthStatus: i.HealthStatus === "Unhealthy" ? "Unhealthy" : "Healthy",
    instanceType: i.InstanceType,
    availabilityZone: i.AvailabilityZone,
  };
}

function toActivity(a: Activity): ScalingActivity {
  return {
    activityId: a.ActivityId ?? "",
    statusCode: a.StatusCode ?? "",
    description: a.Description ?? "",
    cause: a.Cause ?? "",
    startTime: a.StartTime?.getTime() ?? 0,
    endTime: a.EndTime?.getTime(),
  };
}
