/**
 * The launch Lambda's composition root: launch lifecycle actions (EventBridge, SNS, SQS) and its own continuations.
 * Its adapters are exactly the ports `PORTS_OF_FUNCTION.launch` names (checked by the compiler): Auto Scaling, EC2,
 * ELBv2, Lambda and the node HTTP probe; the shared middy stack wraps the service in `createLaunchHandler`.
 */
import { AutoScalingFleet } from "../../shared/aws/auto-scaling.ts";
import { Ec2Instances } from "../../shared/aws/ec2.ts";
import { Elbv2Targets } from "../../shared/aws/elbv2.ts";
import { LambdaContinuation } from "../../shared/aws/lambda-invoke.ts";
import { createNodeHttpProbe } from "../../shared/dataplane/node-http-probe.ts";
import type { AutoscalerDeps } from "../../shared/ports/deps.ts";
import { composeAwsDeps } from "../../shared/runtime/compose.ts";
import { onlyPorts } from "../../shared/runtime/functions.ts";
import { createLaunchHandler } from "../../shared/services/launch/create-handler.ts";

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

export const handler = createLaunchHandler(launchDeps());
