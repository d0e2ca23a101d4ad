import { InvokeCommand, LambdaClient, TooManyRequestsException } from "@aws-sdk/client-lambda";
import { mockClient } from "aws-sdk-client-mock";
import "aws-sdk-client-mock-vitest/extend";
import { beforeEach, describe, expect, it } from "vitest";
import {
  ContinuationTargetError,
  invokeFunction,
  LambdaContinuation,
  LambdaFunctionError,
} from "../../../shared/aws/lambda-invoke.ts";
import { AwsThrottlingError } from "../../../shared/ports/errors.ts";
import { checkCallsAgainstAwsModels } from "../../aws-models/mock-calls.ts";

const mock = mockClient(LambdaClient);
checkCallsAgainstAwsModels("lambda", mock);
const client = () => new LambdaClient({ region: "eu-west-1" });
/** A response payload as the SDK hands it over: bytes that can also turn themselves into a string. */
const json = (v: unknown) => {
  const bytes = new TextEncoder().encode(JSON.stringify(v));
  return Object.assign(bytes, { transformToString: () => new TextDecoder().decode(bytes) });
};
const payloadOf = (n: number) =>
  JSON.parse(new TextDecoder().decode(mock.commandCalls(InvokeCommand)[n]?.args[0].input.Payload as Uint8Array));

beforeEach(() => mock.reset());

describe("LambdaContinuation", () => {
  it("invokes the configured function asynchronously with the payload as JSON", async () => {
    mock.on(InvokeCommand).resolves({ StatusCode: 202 });
    const port = new LambdaContinuation(client(), {
      DP_AUTOSCALER_LAUNCH_FUNCTION: "dp-autoscaler-launch",
      AWS_LAMBDA_FUNCTION_NAME: "dp-autoscaler-scaler",
    });

    await port.continueLater("launch", { instanceId: "i-1", attempt: 2 });

    expect(mock).toHaveReceivedCommandExactlyOnceWith(InvokeCommand, {
      FunctionName: "dp-autoscaler-launch",
      InvocationType: "Event",
    });
    expect(payloadOf(0)).toEqual({ instanceId: "i-1", attempt: 2 });
  });

  it("continues in the running function when no function is configured for the kind", async () => {
    mock.on(InvokeCommand).resolves({ StatusCode: 202 });
    await new LambdaContinuation(client(), { AWS_LAMBDA_FUNCTION_NAME: "dp-autoscaler-drain" }).continueLater(
      "drain",
      {},
    );
    expect(mock).toHaveReceivedCommandWith(InvokeCommand, { FunctionName: "dp-autoscaler-drain" });
  });

  it("fails clearly when there is no function to continue in", async () => {
    const err = await new LambdaContinuation(client(), {}).continueLater("drain", {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContinuationTargetError);
    expect((err as Error).message).toContain("DP_AUTOSCALER_DRAIN_FUNCTION");
    expect(mock).not.toHaveReceivedAnyCommand();
  });

  it("maps Lambda throttling", async () => {
    mock
      .on(InvokeCommand)
      .rejects(new TooManyRequestsException({ message: "Rate exceeded", $metadata: { httpStatusCode: 429 } }));
    await expect(
      new LambdaContinuation(client(), { AWS_LAMBDA_FUNCTION_NAME: "f" }).continueLater("launch", {}),
    ).rejects.toBeInstanceOf(AwsThrottlingError);
  });
});

describe("invokeFunction", () => {
  it("invokes synchronously and returns the parsed response", async () => {
    mock.on(InvokeCommand).resolves({ StatusCode: 200, Payload: json({ ok: true, desired: 4 }) });

    const out = await invokeFunction("dp-autoscaler-operator", { action: "status" }, client());

    expect(out).toEqual({ ok: true, desired: 4 });
    expect(mock).toHaveReceivedCommandWith(InvokeCommand, {
      FunctionName: "dp-autoscaler-operator",
      InvocationType: "RequestResponse",
    });
    expect(payloadOf(0)).toEqual({ action: "status" });
  });

  it("surfaces a function error with the function's own message", async () => {
    mock.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: "Unhandled",
      Payload: json({ errorType: "InvalidInputError", errorMessage: "reason is required", trace: [] }),
    });

    const err = await invokeFunction("dp-autoscaler-operator", {}, client()).catch((e: unknown) => e);

    expect(err).toBeInstanceOf(LambdaFunctionError);
    expect(err).toMatchObject({
      functionName: "dp-autoscaler-operator",
      functionError: "Unhandled",
      errorType: "InvalidInputError",
      message: "dp-autoscaler-operator failed: reason is required",
    });
  });

  it("returns undefined for an empty response", async () => {
    mock.on(InvokeCommand).resolves({ StatusCode: 200 });
    expect(await invokeFunction("f", {}, client())).toBeUndefined();
  });
});
