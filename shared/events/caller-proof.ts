/**
 * Who called the operator, as AWS authenticated them — over the same direct Lambda invoke, with nothing to deploy.
 *
 * The caller (`dp-autoscaler ctl`) signs, with its own AWS credentials (SigV4), an STS `GetCallerIdentity` request that
 * it does not send: it puts the signature in the operator request as `callerProof`. One signed header,
 * `x-dp-autoscaler-request`, holds the SHA-256 of the operator request itself (every field but the proof, keys
 * sorted), so the proof is good for that one request only. The operator rebuilds the STS request — the endpoint is
 * its own region's, never one named in the request; the binding header is the digest of what it received — and sends
 * it. STS checks the signature and answers with the caller's ARN; a tampered request (another size, cluster or
 * action) changes the digest and STS answers `SignatureDoesNotMatch`. A proof is also refused when it is older than
 * `PROOF_MAX_AGE_MS`, and when its signature does not cover the binding header. This is the mechanism HashiCorp
 * Vault's `aws` auth method and aws-iam-authenticator use; docs/operations.md ("Who called") argues the choice.
 */
import { createHash } from "node:crypto";
import { z } from "zod";

/** The signed header binding a proof to one operator request. */
export const REQUEST_DIGEST_HEADER = "x-dp-autoscaler-request";

/** STS GetCallerIdentity over the Query protocol: what is signed, and what the operator sends. */
export const STS_REQUEST = {
  method: "POST",
  path: "/",
  body: "Action=GetCallerIdentity&Version=2011-06-15",
  contentType: "application/x-www-form-urlencoded; charset=utf-8",
} as const;

/** A proof signed longer ago (or later) than this is refused: a captured request cannot be replayed for long. */
export const PROOF_MAX_AGE_MS = 5 * 60_000;

export const callerProofSchema = z
  .object({
    /** SigV4's `X-Amz-Date` (`20260115T120000Z`). */
    amzDate: z.string().regex(/^\d{8}T\d{6}Z$/, "must be an X-Amz-Date (YYYYMMDDTHHMMSSZ)"),
    /** The `Authorization` header: `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`. */
    authorization: z.string().min(1).max(2048),
    /** `X-Amz-Security-Token`, for temporary credentials (SSO, assumed roles). */
    securityToken: z.string().min(1).max(8192).optional(),
  })
  .strict();
export type CallerProof = z.infer<typeof callerProofSchema>;

/** The SHA-256 (hex) of an operator request without its proof: JSON with keys sorted (its values are primitives). */
export function requestDigest(request: Record<string, unknown>): string {
  const fields = Object.keys(request)
    .filter((k) => k !== "callerProof")
    .sort()
    .map((k) => [k, request[k]]);
  return createHash("sha256").update(JSON.stringify(fields)).digest("hex");
}

/** The STS endpoint of a region, or the SDK's endpoint variables when set (LocalStack, moto, tests). */
export function stsEndpoint(region: string, env: Readonly<Record<string, string | undefined>>): string {
  const configured = env.AWS_ENDPOINT_URL_STS ?? env.AWS_ENDPOINT_URL;
  if (configured) return configured.replace(/\/+$/, "");
  return `https://sts.${region}.amazonaws.com${region.startsWith("cn-") ? ".cn" : ""}`;
}

/** The headers an `Authorization` value says were signed (lower case). */
export function signedHeaders(authorization: string): string[] {
  const m = /SignedHeaders=([^,\s]+)/.exec(authorization);
  return m ? m[1]!.split(";") : [];
}

/**
 * The principal of an ARN STS returned, without a session name: `arn:aws:sts::1:assumed-role/OnCall/alice` →
 * `arn:aws:sts::1:assumed-role/OnCall` (a role's sessions are one caller for a metric; the log keeps the full ARN).
 */
export function principalOf(arn: string): string {
  const m = /^(arn:[^:]+:sts::\d+:assumed-role\/[^/]+)\/.+$/.exec(arn);
  return m ? m[1]! : arn;
}
