/**
 * The operator Lambda's composition root: direct invoke, one JSON request → one JSON answer
 * (see shared/services/operator/). Its adapters are exactly the ports `PORTS_OF_FUNCTION.operator` names (checked by
 * the compiler): Auto Scaling, EC2, ELBv2 and CloudWatch; the shared middy stack wraps the service in
 * `createOperatorHandler`, with STS checking who called (a plain HTTPS call: no SDK client, no IAM permission).
 */
import { AutoScalingFleet } from "../../shared/aws/auto-scaling.ts";
import { CloudWatchMetrics } from "../../shared/aws/cloudwatch.ts";
import { Ec2Instances } from "../../shared/aws/ec2.ts";
import { Elbv2Targets } from "../../shared/aws/elbv2.ts";
import { StsCallerVerifier } from "../../shared/aws/sts-caller.ts";
import type { AutoscalerDeps } from "../../shared/ports/deps.ts";
import { composeAwsDeps } from "../../shared/runtime/compose.ts";
import { onlyPorts } from "../../shared/runtime/functions.ts";
import { createOperatorHandler } from "../../shared/services/operator/create-handler.ts";

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

const deps = operatorDeps();
// Caller proofs are checked with STS in the function's own region (shared/events/caller-proof.ts).
export const handler = createOperatorHandler(deps, { verifier: new StsCallerVerifier(deps.region, deps.clock) });
