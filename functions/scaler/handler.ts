/**
 * The scaler Lambda's composition root: CloudWatch alarms (EventBridge, SNS), the 1-minute schedule, `{ reconcile }`
 * invokes. Its adapters are exactly the ports `PORTS_OF_FUNCTION.scaler` names (checked by the compiler), so its
 * bundle carries only the Auto Scaling, EC2, CloudWatch and Lambda clients; the shared middy stack wraps the service in
 * `createScalerHandler`, which the simulator builds from its virtual cloud instead.
 */
import { AutoScalingFleet } from "../../shared/aws/auto-scaling.ts";
import { CloudWatchMetrics } from "../../shared/aws/cloudwatch.ts";
import { Ec2Instances } from "../../shared/aws/ec2.ts";
import { LambdaContinuation } from "../../shared/aws/lambda-invoke.ts";
import type { AutoscalerDeps } from "../../shared/ports/deps.ts";
import { composeAwsDeps } from "../../shared/runtime/compose.ts";
import { onlyPorts } from "../../shared/runtime/functions.ts";
import { createScalerHandler } from "../../shared/services/scaler/create-handler.ts";

export function scalerDeps(env: NodeJS.ProcessEnv = process.env): AutoscalerDeps {
  return composeAwsDeps(
    env,
    onlyPorts("scaler", {
      fleet: new AutoScalingFleet(),
      instances: new Ec2Instances(),
      metrics: new CloudWatchMetrics(),
      continuation: new LambdaContinuation(undefined, env),
    }),
  );
}

export const handler = createScalerHandler(scalerDeps());
