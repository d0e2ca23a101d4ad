/**
 * A scaling policy plugged into a simulated world. The world is the same for every policy (traffic, nodes, load
 * balancer, CloudWatch timing); a policy only decides how the Auto Scaling group is set up (hooks, target groups
 * attached to it) and who changes its desired size, and when.
 */
import type { LifecycleHook } from "../../ports/fleet.ts";
import type { PolicyName } from "../types.ts";
import type { SimWorld } from "../world.ts";

export interface PolicySetup {
  /** Lifecycle hooks on the group. */
  hooks: LifecycleHook[];
  /** Target groups attached to the ASG itself: it registers nodes at the end of launch (no readiness wait). */
  attachTargetGroups: boolean;
  /** The group's MaxSize. */
  maxSize: number;
  /** Fleet at the start; default: the world's estimate for the first minute's demand. */
  initialNodes?: number;
}

export interface SimPolicy {
  readonly name: PolicyName;
  setup(world: SimWorld): PolicySetup;
  /** Starts acting (timers, subscriptions). Called once the group and its warm fleet exist. */
  start(world: SimWorld): void | Promise<void>;
  /** Stops starting new work (the run is over); work in flight may finish. */
  stop(): void;
  /** Work in flight (e.g. Lambda invocations) the run should let finish. */
  busy(): boolean;
}
