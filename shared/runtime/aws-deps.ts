/**
 * `AutoscalerDeps` with every AWS adapter: for the CLI (`dp-autoscaler invoke`, `ctl --local`) and anything else that
 * runs more than one function in one process. The Lambda entry points use their own composition
 * (`shared/runtime/deps/<function>.ts`) so that each bundle carries only the SDK clients its function calls.
 * Endpoints follow the SDK's standard variables (`AWS_ENDPOINT_URL`, …), so the same code runs against AWS,
 * LocalStack or moto.
 *
 * @example
 * const handler = createOperatorHandler(awsDeps());
 */
import { AutoScalingFleet } from "../aws/auto-scaling.ts";
import { CloudWatchMetrics } from "../aws/cloudwatch.ts";
import { Ec2Instances } from "../aws/ec2.ts";
import { Elbv2Targets } from "../aws/elbv2.ts";
import { LambdaContinuation } from "../aws/lambda-invoke.ts";
import { createNodeHttpProbe } from "../dataplane/node-http-probe.ts";
import type { AutoscalerDeps } from "../services/deps.ts";
import { composeAwsDeps } from "./deps/compose.ts";

export function awsDeps(env: NodeJS.ProcessEnv = process.env): AutoscalerDeps {
  return composeAwsDeps(env, {
    fleet: new AutoScalingFleet(),
    instances: new Ec2Instances(),
    targets: new Elbv2Targets(),
    metrics: new CloudWatchMetrics(),
    probe: createNodeHttpProbe(),
    continuation: new LambdaContinuation(undefined, env),
  });
}
