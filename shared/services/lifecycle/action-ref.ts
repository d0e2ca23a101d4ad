import type { LifecycleAction } from "../../events/lifecycle-action.ts";
import type { LifecycleActionRef } from "../../ports/fleet.ts";

/** The reference Complete/Heartbeat need: the token when the event carried one, else the instance id. */
export function actionRef(action: LifecycleAction): LifecycleActionRef {
  return {
    groupName: action.groupName,
    hookName: action.hookName,
    instanceId: action.instanceId,
    ...(action.token !== undefined ? { token: action.token } : {}),
  };
}
