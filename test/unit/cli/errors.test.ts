/**
 * AWS failures explained in one line with the fix, and the exit code of every kind of failure (`cli/errors.ts`).
 * The connection case is a real SDK call to a port nothing listens on.
 */
import { type AddressInfo, createServer } from "node:net";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { describe, expect, it } from "vitest";
import { explainAwsError, explainError } from "../../../cli/errors.ts";
import { invokeFunction } from "../../../shared/aws/lambda-invoke.ts";
import { ConfigError } from "../../../shared/config/errors.ts";
import { DocumentReadError, DocumentSyntaxError } from "../../../sim/document.ts";
import { ScenarioError } from "../../../sim/scenario/load.ts";
import { OverrideError } from "../../../sim/scenario/overrides.ts";

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe("explainAwsError", () => {
  it("a refused connection names the endpoint and the variable that set it", async () => {
    const port = await closedPort();
    const endpoint = `http://127.0.0.1:${port}`;
    const client = new LambdaClient({
      region: "us-east-1",
      endpoint,
      maxAttempts: 1,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    });
    const err = await invokeFunction("dp-operator", { action: "status" }, client).catch((e: unknown) => e);
    expect(explainAwsError(err, { AWS_ENDPOINT_URL: endpoint })).toBe(
      `cannot connect to 127.0.0.1:${port} (connection refused; AWS_ENDPOINT_URL=${endpoint}): start it, or fix or unset the endpoint variable`,
    );
  });

  it.each([
    ["Region is missing", "no AWS region: pass --region REGION (e.g. --region us-east-1) or set AWS_REGION"],
    [
      "CredentialsProviderError: Could not load credentials from any providers",
      "no usable AWS credentials: pass --profile NAME",
    ],
    [
      "ExpiredTokenException: The security token included in the request is expired",
      "the AWS credentials have expired",
    ],
    [
      "ResourceNotFoundException: Function not found: arn:aws:lambda:eu-west-1:1:function:op",
      "no such function in eu-west-1",
    ],
    [
      "AccessDeniedException: User: x is not authorized to perform: lambda:InvokeFunction on y",
      "access denied for lambda:InvokeFunction",
    ],
    ["getaddrinfo ENOTFOUND lambda.nowhere-1.amazonaws.com", "cannot resolve lambda.nowhere-1.amazonaws.com"],
  ])("%s → %s…", (message, explained) => {
    expect(explainAwsError(new Error(message), { AWS_REGION: "eu-west-1" })).toContain(explained);
  });

  it("leaves other errors to speak for themselves", () => {
    expect(explainAwsError(new Error("ValidationError: desired 40 above max 10"), {})).toBeUndefined();
  });
});

describe("explainError: one rule for exit codes", () => {
  it.each([
    [new OverrideError("--set x: expected KEY=VALUE"), 2],
    [new DocumentReadError("prod.yaml", "ENOENT"), 2],
    [new ScenarioError("nasa-lanch-day", ["no built-in scenario of that name"], "not-found"), 2],
    [new ScenarioError("x.json", ["cluster.maxNodes: must be ≥ minNodes"]), 1],
    [new DocumentSyntaxError("x.yaml", "yaml", 3, 1, "bad"), 1],
    [new ConfigError("prod.json", ["clusters: too small"]), 1],
    [new Error("Region is missing"), 1],
    [new Error("anything else"), 1],
  ])("%s → exit %i", (err, code) => {
    expect(explainError(err, {}).exitCode).toBe(code);
  });

  it("an unknown scenario gets the closest built-in", () => {
    const err = new ScenarioError("nasa-lanch-day", ["neither a built-in scenario nor a scenario file"], "not-found");
    expect(explainError(err, {}).lines[0]).toMatch(/\(did you mean "nasa-launch-day"\?\)$/);
  });
});
