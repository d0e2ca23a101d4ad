/**
 * The SDK clients the adapters use: created on first use and kept for the life of the Lambda container (one client
 * per service, so connections and credentials are reused across invocations).
 *
 * Configuration comes from the environment, read by the SDK itself (v3.1142+ here, `@smithy/core` 3.41):
 * - region: `AWS_REGION` (set by Lambda), else the shared config file;
 * - endpoints: `AWS_ENDPOINT_URL_<SERVICE_ID>` (e.g. `AWS_ENDPOINT_URL_AUTO_SCALING`,
 *   `AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2`) then `AWS_ENDPOINT_URL`, resolved at the first request, so the same
 *   code runs against AWS, LocalStack or moto;
 * - retries: `AWS_RETRY_MODE` (default `standard`: 3 attempts, jittered backoff, retry quota) and `AWS_MAX_ATTEMPTS`.
 *
 * Adapters take a client in their constructor and default to the cached one here; tests pass their own (or mock the
 * class with aws-sdk-client-mock).
 */
import { AutoScalingClient, type AutoScalingClientConfig } from "@aws-sdk/client-auto-scaling";
import { CloudWatchClient, type CloudWatchClientConfig } from "@aws-sdk/client-cloudwatch";
import { EC2Client, type EC2ClientConfig } from "@aws-sdk/client-ec2";
import {
  ElasticLoadBalancingV2Client,
  type ElasticLoadBalancingV2ClientConfig,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { LambdaClient, type LambdaClientConfig } from "@aws-sdk/client-lambda";
import { SecretsManagerClient, type SecretsManagerClientConfig } from "@aws-sdk/client-secrets-manager";
import { SSMClient, type SSMClientConfig } from "@aws-sdk/client-ssm";

/**
 * Options shared by every client. A hung connection must not eat a Lambda's whole timeout (a lifecycle action has
 * its own deadline), so connections and idle sockets are bounded; everything else is the SDK's default.
 */
const COMMON_CONFIG = {
  requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000 },
} as const;

export function createAutoScalingClient(config: AutoScalingClientConfig = {}): AutoScalingClient {
  return new AutoScalingClient({ ...COMMON_CONFIG, ...config });
}
export function createElbv2Client(config: ElasticLoadBalancingV2ClientConfig = {}): ElasticLoadBalancingV2Client {
  return new ElasticLoadBalancingV2Client({ ...COMMON_CONFIG, ...config });
}
export function createCloudWatchClient(config: CloudWatchClientConfig = {}): CloudWatchClient {
  return new CloudWatchClient({ ...COMMON_CONFIG, ...config });
}
export function createEc2Client(config: EC2ClientConfig = {}): EC2Client {
  return new EC2Client({ ...COMMON_CONFIG, ...config });
}
export function createSsmClient(config: SSMClientConfig = {}): SSMClient {
  return new SSMClient({ ...COMMON_CONFIG, ...config });
}
export function createSecretsManagerClient(config: SecretsManagerClientConfig = {}): SecretsManagerClient {
  return new SecretsManagerClient({ ...COMMON_CONFIG, ...config });
}
export function createLambdaClient(config: LambdaClientConfig = {}): LambdaClient {
  return new LambdaClient({ ...COMMON_CONFIG, ...config });
}

const cache = new Map<string, unknown>();

function cached<T>(key: string, create: () => T): T {
  let client = cache.get(key) as T | undefined;
  if (client === undefined) {
    client = create();
    cache.set(key, client);
  }
  return client;
}

/** The container's Auto Scaling client (created on first use). */
export const autoScalingClient = (): AutoScalingClient => cached("autoscaling", () => createAutoScalingClient());
/** The container's ELBv2 client (created on first use). */
export const elbv2Client = (): ElasticLoadBalancingV2Client => cached("elbv2", () => createElbv2Client());
/** The container's CloudWatch client (created on first use). */
export const cloudWatchClient = (): CloudWatchClient => cached("cloudwatch", () => createCloudWatchClient());
/** The container's EC2 client (created on first use). */
export const ec2Client = (): EC2Client => cached("ec2", () => createEc2Client());
/** The container's SSM client (created on first use). */
export const ssmClient = (): SSMClient => cached("ssm", () => createSsmClient());
/** The container's Secrets Manager client (created on first use). */
export const secretsManagerClient = (): SecretsManagerClient =>
  cached("secretsmanager", () => createSecretsManagerClient());
/** The container's Lambda client (created on first use). */
export const lambdaClient = (): LambdaClient => cached("lambda", () => createLambdaClient());

/** Forgets the cached clients, so the next call re-reads the environment (tests, `invoke` with another endpoint). */
export function resetAwsClients(): void {
  for (const client of cache.values()) (client as { destroy(): void }).destroy();
  cache.clear();
}
