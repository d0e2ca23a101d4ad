/**
 * The Lambda functions' `AutoscalerDeps`: the AWS adapters, the configuration loader (cached per cold start), the
 * real clock, a Powertools logger and the Slack notifier. Endpoints follow the SDK's standard variables
 * (`AWS_ENDPOINT_URL`, …), so `dp-autoscaler invoke` runs the same composition against AWS, LocalStack or moto.
 *
 * @example
 * export const handler = createScalerHandler(awsDeps());
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { AutoScalingFleet } from "../aws/auto-scaling.ts";
import { CloudWatchMetrics } from "../aws/cloudwatch.ts";
import { Ec2Instances } from "../aws/ec2.ts";
import { Elbv2Targets } from "../aws/elbv2.ts";
import { EmfPublisher } from "../aws/emf-publisher.ts";
import { LambdaContinuation } from "../aws/lambda-invoke.ts";
import { readParameter, readSecret } from "../aws/secrets.ts";
import { createConfigLoader } from "../config/loader.ts";
import { createNodeHttpProbe } from "../dataplane/node-http-probe.ts";
import { createNotifier } from "../notify/index.ts";
import type { AutoscalerDeps } from "../services/deps.ts";
import { systemClock } from "./clock.ts";
import { readRuntimeEnv } from "./env.ts";

export function awsDeps(env: NodeJS.ProcessEnv = process.env): AutoscalerDeps {
  const runtime = readRuntimeEnv(env);
  const logger = new Logger({ serviceName: runtime.serviceName, logLevel: runtime.logLevel });
  const clock = systemClock;
  const loadConfig = createConfigLoader(env, readParameter);
  return {
    loadConfig,
    clock,
    logger,
    fleet: new AutoScalingFleet(),
    instances: new Ec2Instances(),
    targets: new Elbv2Targets(),
    metrics: new CloudWatchMetrics(),
    publisher: new EmfPublisher(),
    probe: createNodeHttpProbe(),
    notifier: createNotifier({ loadConfig, clock, logger, readSecret, env }),
    continuation: new LambdaContinuation(undefined, env),
    region: runtime.region,
  };
}
