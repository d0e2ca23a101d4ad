/**
 * The one place where AWS SDK errors become the ports' errors (`shared/ports/errors.ts`). Adapters wrap every SDK call
 * in `callAws`, so the services above them see a small, stable set of classes instead of hundreds of service-specific
 * exception names.
 */
import {
  AwsCallError,
  AwsContentionError,
  AwsNotFoundError,
  AwsServiceError,
  AwsThrottlingError,
  AwsValidationError,
} from "../ports/errors.ts";

// The SDK's own throttling list (@smithy/core retry classification), so both agree on what throttling is.
const THROTTLING_CODES = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestLimitExceeded",
  "RequestThrottled",
  "RequestThrottledException",
  "TooManyRequestsException",
  "ProvisionedThroughputExceededException",
  "TransactionInProgressException",
  "SlowDown",
  "PriorRequestNotComplete",
  "BandwidthLimitExceeded",
  "LimitExceededException",
  "EC2ThrottledException",
]);

// Auto Scaling's wire codes, and the SDK's modelled exception names for them.
const CONTENTION_CODES = new Set([
  "ScalingActivityInProgress",
  "ScalingActivityInProgressFault",
  "ResourceContention",
  "ResourceContentionFault",
]);

const VALIDATION_CODES = new Set([
  "ValidationError",
  "ValidationException",
  "InvalidParameter",
  "InvalidParameterValue",
  "InvalidParameterValueException",
  "InvalidParameterCombination",
  "InvalidParameterException",
  "InvalidRequestException",
  "MissingParameter",
  "InvalidTarget",
  "InvalidTargetException",
  "InvalidConfigurationRequest",
  "InvalidConfigurationRequestException",
  "InvalidInstanceID.Malformed",
  "InvalidInstanceType",
]);

const NOT_FOUND_CODES = new Set([
  "InvalidInstanceID.NotFound",
  "TargetGroupNotFound",
  "TargetGroupNotFoundException",
  "ParameterNotFound",
  "ResourceNotFoundException",
  "ResourceNotFound",
  "NotFound",
]);

// Transient network-level failures the SDK surfaces without an AWS error code.
const TRANSIENT_CODES = new Set([
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
  "InternalFailure",
  "InternalError",
  "InternalServerError",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** Auto Scaling answers a lifecycle call whose action is gone (done, timed out, instance gone) with this message. */
const NO_ACTIVE_LIFECYCLE_ACTION = /no active lifecycle action found/i;

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
  $retryable?: { throttling?: unknown };
}

/**
 * Maps whatever an SDK call threw to one of the classes above. Already-mapped errors pass through unchanged.
 *
 * @example
 * ```ts
 * try { await client.send(new SetDesiredCapacityCommand(input)); }
 * catch (e) { throw mapAwsError("SetDesiredCapacity", e); }
 * ```
 */
export function mapAwsError(operation: string, err: unknown): AwsCallError {
  if (err instanceof AwsCallError) return err;
  const e = (typeof err === "object" && err !== null ? err : {}) as SdkErrorShape;
  const code = errorCode(e);
  const message = typeof e.message === "string" && e.message !== "" ? e.message : String(err);
  const status = typeof e.$metadata?.httpStatusCode === "number" ? e.$metadata.httpStatusCode : undefined;
  const data = {
    operation,
    code,
    httpStatusCode: status,
    requestId: typeof e.$metadata?.requestId === "string" ? e.$metadata.requestId : undefined,
    cause: err,
  };

  if (NO_ACTIVE_LIFECYCLE_ACTION.test(message)) return new AwsNotFoundError(message, { ...data, retryable: false });
  if (CONTENTION_CODES.has(code)) return new AwsContentionError(message, { ...data, retryable: true });
  if (THROTTLING_CODES.has(code) || status === 429 || e.$retryable?.throttling === true)
    return new AwsThrottlingError(message, { ...data, retryable: true });
  if (NOT_FOUND_CODES.has(code)) return new AwsNotFoundError(message, { ...data, retryable: false });
  if (VALIDATION_CODES.has(code)) return new AwsValidationError(message, { ...data, retryable: false });
  const serverFault = e.$fault === "server" || (status !== undefined && status >= 500);
  return new AwsServiceError(message, { ...data, retryable: serverFault || TRANSIENT_CODES.has(code) });
}

/** Runs one SDK call and maps its failure. Every adapter call goes through here. */
export async function callAws<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw mapAwsError(operation, err);
  }
}

/** The AWS error code: the query protocols' `Code` when present (it keeps the wire spelling), else the name. */
function errorCode(e: SdkErrorShape): string {
  for (const candidate of [e.Code, e.code, e.name]) {
    if (typeof candidate === "string" && candidate !== "" && candidate !== "Error") return candidate;
  }
  return "Unknown";
}
