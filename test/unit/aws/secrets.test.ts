import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from "@aws-sdk/client-secrets-manager";
import { GetParameterCommand, ParameterNotFound, SSMClient } from "@aws-sdk/client-ssm";
import { mockClient } from "aws-sdk-client-mock";
import "aws-sdk-client-mock-vitest/extend";
import { beforeEach, describe, expect, it } from "vitest";
import { SecretReadError, SecretReader } from "../../../shared/aws/secrets.ts";
import type { Clock } from "../../../shared/ports/clock.ts";
import { checkCallsAgainstAwsModels } from "../../aws-models/mock-calls.ts";

const ssm = mockClient(SSMClient);
checkCallsAgainstAwsModels("ssm", ssm);
const sm = mockClient(SecretsManagerClient);
checkCallsAgainstAwsModels("secretsmanager", sm);
const WEBHOOK = "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX";

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

function reader(clock: Clock, ttlMs = 60_000) {
  return new SecretReader({
    clock,
    ttlMs,
    ssm: new SSMClient({ region: "eu-west-1" }),
    secretsManager: new SecretsManagerClient({ region: "eu-west-1" }),
  });
}

beforeEach(() => {
  ssm.reset();
  sm.reset();
});

describe("SecretReader", () => {
  it("reads an SSM SecureString decrypted", async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Name: "/dp/slack", Type: "SecureString", Value: WEBHOOK } });
    expect(await reader(manualClock()).readSecret({ ssmParameter: "/dp/slack" })).toBe(WEBHOOK);
    expect(ssm).toHaveReceivedCommandExactlyOnceWith(GetParameterCommand, { Name: "/dp/slack", WithDecryption: true });
  });

  it("reads a Secrets Manager secret string", async () => {
    sm.on(GetSecretValueCommand).resolves({ Name: "dp/slack", SecretString: WEBHOOK });
    expect(await reader(manualClock()).readSecret({ secretsManagerId: "dp/slack" })).toBe(WEBHOOK);
    expect(sm).toHaveReceivedCommandExactlyOnceWith(GetSecretValueCommand, { SecretId: "dp/slack" });
  });

  it("reads a plain parameter (the config document)", async () => {
    ssm
      .on(GetParameterCommand)
      .resolves({ Parameter: { Name: "/dp/config", Type: "String", Value: '{"clusters":[]}' } });
    expect(await reader(manualClock()).readParameter("/dp/config")).toBe('{"clusters":[]}');
  });

  it("reuses a value within the TTL and reads it again after", async () => {
    ssm
      .on(GetParameterCommand)
      .resolvesOnce({ Parameter: { Value: "v1" } })
      .resolves({ Parameter: { Value: "v2" } });
    const clock = manualClock();
    const secrets = reader(clock, 60_000);

    expect(await secrets.readParameter("/p")).toBe("v1");
    clock.advance(59_999);
    expect(await secrets.readParameter("/p")).toBe("v1");
    clock.advance(1);
    expect(await secrets.readParameter("/p")).toBe("v2");
    expect(ssm).toHaveReceivedCommandTimes(GetParameterCommand, 2);
  });

  it("names the parameter in its error, and tries again on the next call", async () => {
    ssm
      .on(GetParameterCommand)
      .rejectsOnce(new ParameterNotFound({ message: "", $metadata: { httpStatusCode: 400 } }))
      .resolves({ Parameter: { Value: WEBHOOK } });
    const secrets = reader(manualClock());

    const err = await secrets.readSecret({ ssmParameter: "/dp/slack" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SecretReadError);
    expect(err).toMatchObject({ source: "ssm", secretName: "/dp/slack", code: "ParameterNotFound" });
    expect((err as Error).message).toContain('SSM parameter "/dp/slack"');

    expect(await secrets.readSecret({ ssmParameter: "/dp/slack" })).toBe(WEBHOOK);
  });

  it("never puts the value in an error", async () => {
    sm.on(GetSecretValueCommand).resolves({ Name: "dp/slack", SecretBinary: new TextEncoder().encode(WEBHOOK) });
    const err = (await reader(manualClock())
      .readSecret({ secretsManagerId: "dp/slack" })
      .catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(SecretReadError);
    expect(err.message).toContain('Secrets Manager secret "dp/slack"');
    expect(JSON.stringify({ ...err, message: err.message, stack: err.stack })).not.toContain("hooks.slack.com");
  });

  it("maps a missing secret with its AWS code", async () => {
    sm.on(GetSecretValueCommand).rejects(
      new ResourceNotFoundException({
        message: "Secrets Manager can't find the specified secret.",
        $metadata: { httpStatusCode: 400 },
      }),
    );
    await expect(reader(manualClock()).readSecret({ secretsManagerId: "nope" })).rejects.toMatchObject({
      source: "secrets-manager",
      secretName: "nope",
      code: "ResourceNotFoundException",
    });
  });
});
