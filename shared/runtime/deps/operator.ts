/** The operator's deps: Auto Scaling, EC2, ELBv2 and CloudWatch adapters only (see function-ports.ts). */
import { AutoScalingFleet } from "../../aws/auto-scaling.ts";
import { CloudWatchMetrics } from "../../aws/cloudwatch.ts";
import { Ec2Instances } from "../../aws/ec2.ts";
import { Elbv2Targets } from "../../aws/elbv2.ts";
import type { AutoscalerDeps } from "../../services/deps.ts";
import { composeAwsDeps } from "./compose.ts";
import { onlyPorts } from "./function-ports.ts";

export function operatorDeps(env: NodeJS.ProcessEnv = process.env): AutoscalerDeps {
  return composeAwsDeps(
    env,
    onlyPorts("operator", {
      fleet: new AutoScalingFleet(),
      instances: new Ec2Instances(),
      targets: new Elbv2Targets(),
      metrics: new CloudWatchMetrics(),
    }),
  );
}
