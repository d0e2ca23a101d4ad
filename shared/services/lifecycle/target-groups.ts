/**
 * Registration in every target group of a cluster, in parallel: one API round trip, whatever the group count.
 * Register and Deregister are idempotent, so each group's call is retried on its own on a transient failure
 * (`retryTransient`), within the invocation's time left: one throttled answer would otherwise fail the whole
 * launch or drain invocation and cost a Lambda retry, minutes the hook's timeout may not have.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import type { TargetHealth } from "../../ports/targets.ts";
import { retryTransient } from "./action-calls.ts";
import type { Invocation } from "./invocation.ts";

type TargetsDeps = Pick<AutoscalerDeps, "targets" | "clock" | "logger">;
/** The invocation whose time left bounds the retries; without it only the attempt count does. */
type TimeLeft = Pick<Invocation, "remainingMs">;

export function registerEverywhere(
  deps: TargetsDeps,
  cluster: ClusterConfig,
  instanceId: string,
  invocation?: TimeLeft,
): Promise<void> {
  return inEveryTargetGroup(
    deps,
    cluster,
    "RegisterTargets",
    (arn) => deps.targets.register(arn, [instanceId]),
    invocation,
  );
}

export function deregisterEverywhere(
  deps: TargetsDeps,
  cluster: ClusterConfig,
  instanceId: string,
  invocation?: TimeLeft,
): Promise<void> {
  return inEveryTargetGroup(
    deps,
    cluster,
    "DeregisterTargets",
    (arn) => deps.targets.deregister(arn, [instanceId]),
    invocation,
  );
}

/** One call per target group, in parallel, each retried on its own. */
async function inEveryTargetGroup(
  deps: TargetsDeps,
  cluster: ClusterConfig,
  what: string,
  call: (targetGroupArn: string) => Promise<void>,
  invocation: TimeLeft | undefined,
): Promise<void> {
  await Promise.all(
    cluster.targetGroupArns.map((arn) => retryTransient(deps, what, () => call(arn), boundBy(invocation))),
  );
}

function boundBy(invocation: TimeLeft | undefined) {
  return invocation ? { remainingMs: invocation.remainingMs } : {};
}

/** The instance's health in each target group (`unused` when a group does not know it). Not retried: callers poll. */
export async function healthEverywhere(
  deps: Pick<AutoscalerDeps, "targets">,
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
