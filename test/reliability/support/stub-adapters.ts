/**
 * The real AWS adapters, pointed at the stub through the SDK's own `AWS_ENDPOINT_URL`, with fake credentials and
 * the production retry policy (standard mode, 3 attempts) — except the backoff, which is 1 ms instead of up to 20 s
 * so the suite stays fast. Classification, the retry quota and the attempt count are the SDK's own.
 */
import { ConfiguredRetryStrategy } from "@smithy/core/retry";
import { AutoScalingFleet } from "../../../shared/aws/auto-scaling.ts";
import {
  createAutoScalingClient,
  createCloudWatchClient,
  createEc2Client,
  createElbv2Client,
  resetAwsClients,
} from "../../../shared/aws/clients.ts";
import { CloudWatchMetrics } from "../../../shared/aws/cloudwatch.ts";
import { Ec2Instances } from "../../../shared/aws/ec2.ts";
import { Elbv2Targets } from "../../../shared/aws/elbv2.ts";

/** The SDK's default number of attempts in standard mode (1 call + 2 retries). */
export const SDK_MAX_ATTEMPTS = 3;

const ENV_KEYS = [
  "AWS_REGION",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_PROFILE",
  "AWS_ENDPOINT_URL",
  "AWS_ENDPOINT_URL_AUTO_SCALING",
  "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2",
  "AWS_ENDPOINT_URL_EC2",
  "AWS_ENDPOINT_URL_CLOUDWATCH",
  "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
  "AWS_RETRY_MODE",
  "AWS_MAX_ATTEMPTS",
];

/** Points every SDK client at `endpoint`; returns a function restoring the environment as it was. */
export function useStubEnvironment(endpoint: string): () => void {
  const saved = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]));
  for (const k of ENV_KEYS) delete process.env[k];
  process.env.AWS_REGION = "eu-west-1";
  process.env.AWS_ACCESS_KEY_ID = "AKIDSTUBEXAMPLE";
  process.env.AWS_SECRET_ACCESS_KEY = "stub-secret-not-real";
  process.env.AWS_ENDPOINT_URL = endpoint;
  resetAwsClients();
  return () => {
    resetAwsClients();
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  };
}

export interface StubAdapters {
  fleet: AutoScalingFleet;
  targets: Elbv2Targets;
  metrics: CloudWatchMetrics;
  instances: Ec2Instances;
  destroy(): void;
}

/** Fresh clients (a fresh retry quota each) for the adapters under test. */
export function stubAdapters(maxAttempts = SDK_MAX_ATTEMPTS): StubAdapters {
  const retryStrategy = () => new ConfiguredRetryStrategy(maxAttempts, () => 1);
  const autoScaling = createAutoScalingClient({ retryStrategy: retryStrategy() });
  const elbv2 = createElbv2Client({ retryStrategy: retryStrategy() });
  const cloudWatch = createCloudWatchClient({ retryStrategy: retryStrategy() });
  const ec2 = createEc2Client({ retryStrategy: retryStrategy() });
  return {
    fleet: new AutoScalingFleet(autoScaling),
    targets: new Elbv2Targets(elbv2),
    metrics: new CloudWatchMetrics(cloudWatch),
    instances: new Ec2Instances(ec2),
    destroy: () => {
      for (const c of [autoScaling, elbv2, cloudWatch, ec2]) c.destroy();
    },
  };
}
