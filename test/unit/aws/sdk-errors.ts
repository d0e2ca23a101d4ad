/**
 * Builds errors the way the SDK throws them: a service's ServiceException (or a modelled subclass), with `name`, the
 * query protocols' `Code`, `$fault` and `$metadata.httpStatusCode`, so the adapters' error mapping is tested on
 * realistic input.
 */
import { AutoScalingServiceException } from "@aws-sdk/client-auto-scaling";

/** Any service's base exception class (AutoScalingServiceException, EC2ServiceException, …). */
type ServiceExceptionClass = new (options: {
  name: string;
  message: string;
  $fault: "client" | "server";
  $metadata: { httpStatusCode: number; requestId: string; attempts: number };
}) => Error;

export interface SdkErrorSpec {
  name: string;
  message: string;
  status: number;
  /** The wire code when it differs from `name` (modelled Auto Scaling faults: ResourceContentionFault ← ResourceContention). */
  code?: string;
}

export function sdkError(Base: ServiceExceptionClass, spec: SdkErrorSpec): Error {
  const err = new Base({
    name: spec.name,
    message: spec.message,
    $fault: spec.status >= 500 ? "server" : "client",
    $metadata: { httpStatusCode: spec.status, requestId: "req-1", attempts: 3 },
  });
  return Object.assign(err, { Code: spec.code ?? spec.name });
}

/** Auto Scaling's answers, as seen in real output. */
export const asg = {
  validation: (message: string) =>
    sdkError(AutoScalingServiceException, { name: "ValidationError", message, status: 400 }),
  throttling: () =>
    sdkError(AutoScalingServiceException, { name: "Throttling", message: "Rate exceeded", status: 400 }),
  scalingActivityInProgress: () =>
    sdkError(AutoScalingServiceException, {
      name: "ScalingActivityInProgressFault",
      code: "ScalingActivityInProgress",
      message: "Scaling activity 1234 is in progress and blocks this action.",
      status: 400,
    }),
  resourceContention: () =>
    sdkError(AutoScalingServiceException, {
      name: "ResourceContentionFault",
      code: "ResourceContention",
      message: "You already have a pending update to an Auto Scaling resource.",
      status: 500,
    }),
  noActiveLifecycleAction: (instanceId: string) =>
    sdkError(AutoScalingServiceException, {
      name: "ValidationError",
      message: `No active Lifecycle Action found with instance ID ${instanceId}`,
      status: 400,
    }),
};
