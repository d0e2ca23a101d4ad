/** What every step of a launch or drain (waits, registration, completion) works with. */
import type { ClusterConfig } from "../../config/schema.ts";
import type { LifecycleWaitState } from "../../events/lifecycle-continuation.ts";
import type { AutoscalerDeps } from "../deps.ts";
import type { Invocation } from "./invocation.ts";

export interface LifecycleStepInput {
  deps: AutoscalerDeps;
  cluster: ClusterConfig;
  /** Mutated as the steps go (attempts, last reason, heartbeat, first ready, registered/deregistered at). */
  state: LifecycleWaitState;
  invocation: Invocation;
  hookTimeoutSeconds: number;
}
