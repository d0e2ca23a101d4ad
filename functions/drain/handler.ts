/**
 * The drain Lambda's composition root: terminate lifecycle actions (EventBridge, SNS, SQS) and its own continuations.
 * Its adapters are exactly the ports `PORTS_OF_FUNCTION.drain` names (checked by the compiler): Auto Scaling, ELBv2
 * and Lambda; the shared middy stack wraps the service in `createDrainHandler`.
 */
import { AutoScalingFleet } from "../../shared/aws/auto-scaling.ts";
import { Elbv2Targets } from "../../shared/aws/elbv2.ts";
import { LambdaContinuation } from "../../shared/aws/lambda-invoke.ts";
import type { AutoscalerDeps } from "../../shared/ports/deps.ts";
import { composeAwsDeps } from "../../shared/runtime/compose.ts";
import { onlyPorts } from "../../shared/runtime/functions.ts";
import { createDrainHandler } from "../../shared/services/drain/create-handler.ts";

export function drainDeps(env: NodeJS.ProcessEnv = process.env): AutoscalerDeps {
  return composeAwsDeps(
    env,
    onlyPorts("drain", {
      fleet: new AutoScalingFleet(),
      targets: new Elbv2Targets(),
      continuation: new LambdaContinuation(undefined, env),
    }),
  );
}

export const handler = createDrainHandler(drainDeps());
