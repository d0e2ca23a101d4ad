/**
 * The errors the adapter ports raise (`FleetPort`, `InstancesPort`, `TargetsPort`, `MetricsPort`, `ContinuationPort`),
 * whoever implements them: the AWS adapters map every SDK error to one of these (`shared/aws/errors.ts`), the
 * simulator's cloud raises them directly. Services recognise them by class (`instanceof`), never by name strings.
 *
 * Every class carries the AWS error `code` (e.g. `ValidationError`), the `operation` that failed, whether retrying
 * later can help (`retryable`), and the HTTP status when AWS sent one. The SDK has already retried throttling and
 * transient faults (retry mode `standard`, see `shared/aws/clients.ts`) before an error gets here: `retryable` tells
 * the caller whether a *later* attempt (the next tick, a continuation) may succeed, not that it should loop now.
 */

export interface AwsErrorData {
  code: string;
  operation: string;
  retryable: boolean;
  httpStatusCode?: number;
  requestId?: string;
  cause?: unknown;
}

/** Base of every mapped AWS error. `message` reads "Operation failed: Code: AWS message". */
export class AwsCallError extends Error {
  readonly code: string;
  readonly operation: string;
  readonly retryable: boolean;
  readonly httpStatusCode?: number;
  readonly requestId?: string;

  constructor(message: string, data: AwsErrorData) {
    super(`${data.operation} failed: ${data.code}: ${message}`, { cause: data.cause });
    this.name = new.target.name;
    this.code = data.code;
    this.operation = data.operation;
    this.retryable = data.retryable;
    this.httpStatusCode = data.httpStatusCode;
    this.requestId = data.requestId;
  }
}

/** AWS refused the call because of its request rate (after the SDK's own retries). Retry later. */
export class AwsThrottlingError extends AwsCallError {}

/** Another change is under way on the same resource (ScalingActivityInProgress, ResourceContention). Retry later. */
export class AwsContentionError extends AwsCallError {}

/** The request is invalid for the resource's current state (e.g. desired above max). Retrying the same call won't help. */
export class AwsValidationError extends AwsCallError {}

/** The resource (instance, lifecycle action, parameter, target group, …) does not exist (any more). */
export class AwsNotFoundError extends AwsCallError {}

/** Anything else: server faults and network errors (`retryable`), access denied and unknown client errors (not). */
export class AwsServiceError extends AwsCallError {}
