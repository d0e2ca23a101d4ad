/** The drain function's deps: Auto Scaling, ELBv2 and Lambda adapters only (see function-ports.ts). */
import { AutoScalingFleet } from "../../aws/auto-scaling.ts";
import { Elbv2Targets } from "../../aws/elbv2.ts";
import { LambdaContinuation } from "../../aws/lambda-invoke.ts";
import type { AutoscalerDeps } from "../../services/deps.ts";
import { composeAwsDeps } from "./compose.ts";
import { onlyPorts } from "./function-ports.ts";

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
