/**
 * Everything a function needs from the outside world. Lambda entry points (`functions/<name>/handler.ts`) build it
 * from the AWS adapters; the simulator builds it from the simulated cloud and a virtual clock. The handler factories
 * (`createScalerHandler`, `createLaunchHandler`, `createDrainHandler`, `createOperatorHandler`) take it, so what is
 * backtested is what is deployed.
 */
import type { Logger } from "@aws-lambda-powertools/logger";
import type { DeploymentConfig } from "../config/schema.ts";
import type { Clock } from "./clock.ts";
import type { ContinuationPort } from "./continuation.ts";
import type { FleetPort } from "./fleet.ts";
import type { HttpProbePort } from "./http-probe.ts";
import type { InstancesPort } from "./instances.ts";
import type { MetricsPort, MetricsPublisher } from "./metrics.ts";
import type { NotifierPort } from "./notifier.ts";
import type { TargetsPort } from "./targets.ts";

export interface AutoscalerDeps {
  /** Loaded once per cold start (env JSON or SSM) and cached by the loader; rejects with a ConfigError. */
  loadConfig: () => Promise<DeploymentConfig>;
  clock: Clock;
  logger: Logger;
  fleet: FleetPort;
  instances: InstancesPort;
  targets: TargetsPort;
  metrics: MetricsPort;
  publisher: MetricsPublisher;
  probe: HttpProbePort;
  notifier: NotifierPort;
  continuation: ContinuationPort;
  /** AWS region, for notifications' context line. */
  region: string;
}
