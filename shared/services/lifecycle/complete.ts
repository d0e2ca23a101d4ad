/**
 * CompleteLifecycleAction with the in-invocation retry of a transient failure (`retry-transient.ts`): the call that
 * ends a wait must not be lost to one throttled answer, or the hook's timeout decides instead of us. `not-found` (the
 * action is already over) is an answer, returned as is.
 */
import type { LifecycleAction } from "../../events/lifecycle-action.ts";
import type { LifecycleResult } from "../../ports/fleet.ts";
import type { AutoscalerDeps } from "../deps.ts";
import { actionRef } from "./action-ref.ts";
import type { Invocation } from "./invocation.ts";
import { retryTransient } from "./retry-transient.ts";

export function completeAction(
  deps: Pick<AutoscalerDeps, "fleet" | "clock" | "logger">,
  action: LifecycleAction,
  result: LifecycleResult,
  invocation: Pick<Invocation, "remainingMs">,
): Promise<"completed" | "not-found"> {
  return retryTransient(
    deps,
    `CompleteLifecycleAction ${result}`,
    () => deps.fleet.completeLifecycleAction(actionRef(action), result),
    { remainingMs: invocation.remainingMs },
  );
}
