/** What an action gets: the deps, the validated cluster, and who asked. */
import type { ClusterConfig } from "../../config/schema.ts";
import type { AutoscalerDeps } from "../deps.ts";

export interface ActionContext {
  deps: AutoscalerDeps;
  cluster: ClusterConfig;
  /** The Lambda request id (notifications and responses carry it, to find the log lines). */
  requestId?: string;
}
