/** The scaler's deps: Auto Scaling, EC2, CloudWatch and Lambda adapters only (see function-ports.ts). */
import { AutoScalingFleet } from "../../aws/auto-scaling.ts";
import { CloudWatchMetrics } from "../../aws/cloudwatch.ts";
import { Ec2Instances } from "../../aws/ec2.ts";
import { LambdaContinuation } from "../../aws/lambda-invoke.ts";
import type { AutoscalerDeps } from "../../services/deps.ts";
import { composeAwsDeps } from "./compose.ts";
import { onlyPorts } from "./function-ports.ts";

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
