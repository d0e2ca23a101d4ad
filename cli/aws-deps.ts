/**
 * `AutoscalerDeps` with every AWS adapter: for the CLI (`ctl --local`) and anything else that runs more than one
 * function in one process. The Lambda entry points are their own composition roots (`functions/<function>/handler.ts`,
 * which `dp-autoscaler invoke` loads as they are) so that each bundle carries only the SDK clients its function calls.
 * Endpoints follow the SDK's standard variables (`AWS_ENDPOINT_URL`, …), so the same code runs against AWS,
 * LocalStack or moto.
 *
 * @example
 * const handler = createOperatorHandler(awsDeps());
 */
import { AutoScalingFleet } from "../shared/aws/auto-scaling.ts";
import { CloudWatchMetrics } from "../shared/aws/cloudwatch.ts";
import { Ec2Instances } from "../shared/aws/ec2.ts";
import { Elbv2Targets } from "../shared/aws/elbv2.ts";
import { LambdaContinuation } from "../shared/aws/lambda-invoke.ts";
import { createNodeHttpProbe } from "../shared/dataplane/node-http-probe.ts";
import type { AutoscalerDeps } from "../shared/ports/deps.ts";
import { composeAwsDeps } from "../shared/runtime/compose.ts";

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
