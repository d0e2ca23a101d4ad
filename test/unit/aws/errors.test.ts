import { AutoScalingServiceException } from "@aws-sdk/client-auto-scaling";
import { EC2ServiceException } from "@aws-sdk/client-ec2";
import { ElasticLoadBalancingV2ServiceException } from "@aws-sdk/client-elastic-load-balancing-v2";
import { ParameterNotFound } from "@aws-sdk/client-ssm";
import { describe, expect, it } from "vitest";
import { callAws, mapAwsError } from "../../../shared/aws/errors.ts";
import {
  type AwsCallError,
  AwsContentionError,
  AwsNotFoundError,
  AwsServiceError,
  AwsThrottlingError,
  AwsValidationError,
} from "../../../shared/ports/errors.ts";
import { asg, sdkError } from "./sdk-errors.ts";

describe("mapAwsError", () => {
  const cases: Array<[string, unknown, new (...a: never[]) => AwsCallError, string, boolean]> = [
    ["Auto Scaling throttling", asg.throttling(), AwsThrottlingError, "Throttling", true],
    [
      "EC2 RequestLimitExceeded",
      sdkError(EC2ServiceException, { name: "RequestLimitExceeded", message: "Request limit exceeded.", status: 503 }),
      AwsThrottlingError,
      "RequestLimitExceeded",
      true,
    ],
    [
      "ThrottlingException",
      sdkError(AutoScalingServiceException, { name: "ThrottlingException", message: "Rate exceeded", status: 400 }),
      AwsThrottlingError,
      "ThrottlingException",
      true,
    ],
    [
      "TooManyRequestsException",
      sdkError(AutoScalingServiceException, {
        name: "TooManyRequestsException",
        message: "Rate exceeded",
        status: 429,
      }),
      AwsThrottlingError,
      "TooManyRequestsException",
      true,
    ],
    [
      "an unnamed HTTP 429",
      sdkError(AutoScalingServiceException, { name: "Unknown", message: "slow down", status: 429 }),
      AwsThrottlingError,
      "Unknown",
      true,
    ],
    [
      "ScalingActivityInProgress",
      asg.scalingActivityInProgress(),
      AwsContentionError,
      "ScalingActivityInProgress",
      true,
    ],
    ["ResourceContention (HTTP 500)", asg.resourceContention(), AwsContentionError, "ResourceContention", true],
    [
      "desired above max",
      asg.validation("New SetDesiredCapacity value 12 is above max value 10 for the AutoScalingGroup."),
      AwsValidationError,
      "ValidationError",
      false,
    ],
    ["no active lifecycle action", asg.noActiveLifecycleAction("i-1"), AwsNotFoundError, "ValidationError", false],
    [
      "unknown instance",
      sdkError(EC2ServiceException, {
        name: "InvalidInstanceID.NotFound",
        message: "The instance ID 'i-0abc' does not exist",
        status: 400,
      }),
      AwsNotFoundError,
      "InvalidInstanceID.NotFound",
      false,
    ],
    [
      "unknown target group",
      sdkError(ElasticLoadBalancingV2ServiceException, {
        name: "TargetGroupNotFoundException",
        code: "TargetGroupNotFound",
        message: "One or more target groups not found",
        status: 400,
      }),
      AwsNotFoundError,
      "TargetGroupNotFound",
      false,
    ],
    [
      "missing SSM parameter",
      new ParameterNotFound({ message: "", $metadata: { httpStatusCode: 400 } }),
      AwsNotFoundError,
      "ParameterNotFound",
      false,
    ],
    [
      "HTTP 503 without a known code",
      sdkError(AutoScalingServiceException, {
        name: "ServiceUnavailable",
        message: "Service unavailable",
        status: 503,
      }),
      AwsServiceError,
      "ServiceUnavailable",
      true,
    ],
    [
      "access denied",
      sdkError(AutoScalingServiceException, { name: "AccessDenied", message: "not authorized", status: 403 }),
      AwsServiceError,
      "AccessDenied",
      false,
    ],
    [
      "a connection reset",
      Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
      AwsServiceError,
      "ECONNRESET",
      true,
    ],
  ];

  it.each(cases)("maps %s", (_label, err, expectedClass, code, retryable) => {
    const mapped = mapAwsError("SetDesiredCapacity", err);
    expect(mapped).toBeInstanceOf(expectedClass);
    expect(mapped).toMatchObject({ code, retryable, operation: "SetDesiredCapacity" });
    expect(mapped.cause).toBe(err);
  });

  it("keeps the status code, request id and AWS message", () => {
    const mapped = mapAwsError(
      "SetDesiredCapacity",
      asg.validation("New SetDesiredCapacity value 12 is above max value 10 for the AutoScalingGroup."),
    );
    expect(mapped.httpStatusCode).toBe(400);
    expect(mapped.requestId).toBe("req-1");
    expect(mapped.name).toBe("AwsValidationError");
    expect(mapped.message).toBe(
      "SetDesiredCapacity failed: ValidationError: New SetDesiredCapacity value 12 is above max value 10 for the AutoScalingGroup.",
    );
  });

  it("passes an already mapped error through unchanged", () => {
    const mapped = mapAwsError("A", asg.throttling());
    expect(mapAwsError("B", mapped)).toBe(mapped);
  });

  it("maps a thrown non-error value without losing it", () => {
    const mapped = mapAwsError("Op", "boom");
    expect(mapped).toBeInstanceOf(AwsServiceError);
    expect(mapped.code).toBe("Unknown");
    expect(mapped.message).toContain("boom");
  });
});

describe("callAws", () => {
  it("returns the call's result", async () => {
    await expect(callAws("Op", async () => 42)).resolves.toBe(42);
  });

  it("rejects with the mapped error", async () => {
    await expect(
      callAws("SetDesiredCapacity", async () => {
        throw asg.scalingActivityInProgress();
      }),
    ).rejects.toBeInstanceOf(AwsContentionError);
  });
});
