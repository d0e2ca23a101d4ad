/**
 * `ctl`'s side of "who called" (shared/events/caller-proof.ts): signs, with the caller's own AWS credentials, the STS
 * GetCallerIdentity request bound to one operator request, and adds it as `callerProof`. Nothing is sent to STS from
 * here: the operator sends it, and STS tells the operator whose signature it is.
 */
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import type { InvokerIdentity } from "../../shared/aws/lambda-invoke.ts";
import {
  type CallerProof,
  REQUEST_DIGEST_HEADER,
  requestDigest,
  STS_REQUEST,
  stsEndpoint,
} from "../../shared/events/caller-proof.ts";

/** SHA-256 / HMAC-SHA-256 in the shape SigV4's signer asks for, over node:crypto. */
export class Sha256 {
  #secret: string | Uint8Array | undefined;
  #hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.#secret = secret === undefined ? undefined : typeof secret === "string" ? secret : bytes(secret);
    this.#hash = this.#fresh();
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(typeof data === "string" ? data : bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
  reset(): void {
    this.#hash = this.#fresh();
  }
  #fresh(): Hash | Hmac {
    return this.#secret === undefined ? createHash("sha256") : createHmac("sha256", this.#secret);
  }
}

function bytes(data: ArrayBuffer | ArrayBufferView): Uint8Array {
  return data instanceof ArrayBuffer
    ? new Uint8Array(data)
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * The proof for `request` (every field but `callerProof`), signed at `nowMs` for the STS endpoint of the identity's
 * region (or the SDK's endpoint variables in `env`, as the operator will use them).
 */
export async function signCallerProof(
  request: Record<string, unknown>,
  identity: InvokerIdentity,
  nowMs: number,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<CallerProof> {
  const url = new URL(stsEndpoint(identity.region, env));
  const signer = new SignatureV4({
    service: "sts",
    region: identity.region,
    credentials: identity.credentials,
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: STS_REQUEST.method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: STS_REQUEST.path,
      query: {},
      headers: {
        host: url.host,
        "content-type": STS_REQUEST.contentType,
        [REQUEST_DIGEST_HEADER]: requestDigest(request),
      },
      body: STS_REQUEST.body,
    },
    { signingDate: new Date(nowMs) },
  );
  const header = (name: string) => signed.headers[name] ?? signed.headers[name.toLowerCase()];
  const token = header("x-amz-security-token");
  return {
    amzDate: String(header("x-amz-date")),
    authorization: String(header("authorization")),
    ...(token ? { securityToken: String(token) } : {}),
  };
}

/** `request` with its proof added. */
export async function withCallerProof(
  request: Record<string, unknown>,
  identity: InvokerIdentity,
  nowMs: number,
  env?: Readonly<Record<string, string | undefined>>,
): Promise<Record<string, unknown>> {
  return { ...request, callerProof: await signCallerProof(request, identity, nowMs, env) };
}
