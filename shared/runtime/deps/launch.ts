/** The launch function's deps: Auto Scaling, EC2, ELBv2 and Lambda adapters and the node probe (see function-ports.ts). */
import { AutoScalingFleet } from "../../aws/auto-scaling.ts";
import { Ec2Instances } from "../../aws/ec2.ts";
import { Elbv2Targets } from "../../aws/elbv2.ts";
import { LambdaContinuation } from "../../aws/lambda-invoke.ts";
import { createNodeHttpProbe } from "../../dataplane/node-http-probe.ts";
import type { AutoscalerDeps } from "../../services/deps.ts";
import { composeAwsDeps } from "./compose.ts";
import { onlyPorts } from "./function-ports.ts";

export function launchDeps(env: NodeJS.ProcessEnv = process.env): AutoscalerDeps {
  return composeAwsDeps(
    env,
    onlyPorts("launch", {
      fleet: new AutoScalingFleet(),
      instances: new Ec2Instances(),
      targets: new Elbv2Targets(),
      probe: createNodeHttpProbe(),
      continuation: new LambdaContinuation(undefined, env),
    }),
  );
}
