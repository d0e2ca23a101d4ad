/**
 * Reads secrets (the Slack webhook URL) and plain parameters (the config document) from SSM Parameter Store or
 * Secrets Manager. Values are cached for the container's life up to a TTL, on the injected clock, so a rotated secret
 * is picked up without a redeploy. Errors name the parameter or secret and never carry its value.
 */
import { GetSecretValueCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { GetParameterCommand, type SSMClient } from "@aws-sdk/client-ssm";
import type { SecretRef } from "../config/schema.ts";
import { type Clock, systemClock } from "../ports/clock.ts";
import type { AwsCallError } from "../ports/errors.ts";
import { secretsManagerClient, ssmClient } from "./clients.ts";
import { callAws } from "./errors.ts";

export const DEFAULT_SECRET_TTL_MS = 5 * 60_000;

/** A secret or parameter could not be read. `source` and `name` say which; the value never appears. */
export class SecretReadError extends Error {
  readonly source: "ssm" | "secrets-manager";
  readonly secretName: string;
  /** The AWS error code when AWS answered (e.g. ParameterNotFound, AccessDeniedException). */
  readonly code?: string;

  constructor(source: "ssm" | "secrets-manager", secretName: string, reason: string, cause?: AwsCallError) {
    const what = source === "ssm" ? "SSM parameter" : "Secrets Manager secret";
    super(`cannot read ${what} "${secretName}": ${reason}`, { cause });
    this.name = "SecretReadError";
    this.source = source;
    this.secretName = secretName;
    this.code = cause?.code;
  }
}

export interface SecretReaderOptions {
  clock: Clock;
  /** How long a value is reused before it is read again. */
  ttlMs?: number;
  ssm?: SSMClient;
  secretsManager?: SecretsManagerClient;
}

interface CacheEntry {
  value: Promise<string>;
  readAt: number;
}

export class SecretReader {
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #ssm: () => SSMClient;
  readonly #secretsManager: () => SecretsManagerClient;
  readonly #cache = new Map<string, CacheEntry>();

  constructor(options: SecretReaderOptions) {
    this.#clock = options.clock;
    this.#ttlMs = options.ttlMs ?? DEFAULT_SECRET_TTL_MS;
    // Clients are created on first use: a deployment with no secrets never builds them.
    this.#ssm = () => options.ssm ?? ssmClient();
    this.#secretsManager = () => options.secretsManager ?? secretsManagerClient();
  }

  /** The secret's string value. */
  readSecret(ref: SecretRef): Promise<string> {
    return "ssmParameter" in ref ? this.readParameter(ref.ssmParameter) : this.#read("sm", ref.secretsManagerId);
  }

  /** An SSM parameter's value, decrypted when it is a SecureString. */
  readParameter(name: string): Promise<string> {
    return this.#read("ssm", name);
  }

  /** Forgets every cached value. */
  clear(): void {
    this.#cache.clear();
  }

  #read(kind: "ssm" | "sm", name: string): Promise<string> {
    const key = `${kind}:${name}`;
    const now = this.#clock.now();
    const hit = this.#cache.get(key);
    if (hit && now - hit.readAt < this.#ttlMs) return hit.value;
    const value = kind === "ssm" ? this.#fromSsm(name) : this.#fromSecretsManager(name);
    this.#cache.set(key, { value, readAt: now });
    // A failed read is not cached: the next call tries again.
    value.catch(() => {
      if (this.#cache.get(key)?.value === value) this.#cache.delete(key);
    });
    return value;
  }

  async #fromSsm(name: string): Promise<string> {
    try {
      const out = await callAws("GetParameter", () =>
        this.#ssm().send(new GetParameterCommand({ Name: name, WithDecryption: true })),
      );
      const value = out.Parameter?.Value;
      if (value === undefined) throw new SecretReadError("ssm", name, "the parameter has no value");
      return value;
    } catch (err) {
      throw asSecretError("ssm", name, err);
    }
  }

  async #fromSecretsManager(id: string): Promise<string> {
    try {
      const out = await callAws("GetSecretValue", () =>
        this.#secretsManager().send(new GetSecretValueCommand({ SecretId: id })),
      );
      if (out.SecretString === undefined)
        throw new SecretReadError(
          "secrets-manager",
          id,
          "the secret has no string value (binary secrets are not supported)",
        );
      return out.SecretString;
    } catch (err) {
      throw asSecretError("secrets-manager", id, err);
    }
  }
}

function asSecretError(source: "ssm" | "secrets-manager", name: string, err: unknown): SecretReadError {
  if (err instanceof SecretReadError) return err;
  const aws = err as AwsCallError;
  return new SecretReadError(source, name, aws.message, aws);
}

let defaultReader: SecretReader | undefined;

function reader(): SecretReader {
  defaultReader ??= new SecretReader({ clock: systemClock });
  return defaultReader;
}

/** Reads a secret through the container's shared reader (real clock, default TTL). */
export function readSecret(ref: SecretRef): Promise<string> {
  return reader().readSecret(ref);
}

/** Reads an SSM parameter (e.g. the config document named by `DP_AUTOSCALER_CONFIG_PARAM`) through the shared reader. */
export function readParameter(name: string): Promise<string> {
  return reader().readParameter(name);
}

/** Forgets the shared reader's cache (tests; `invoke` after changing a parameter). */
export function resetSecretsCache(): void {
  defaultReader?.clear();
}
