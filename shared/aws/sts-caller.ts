/**
 * `CallerVerifier` over STS: sends the caller's signed `GetCallerIdentity` (shared/events/caller-proof.ts) to this
 * region's STS endpoint — never to an address the request names — with the binding header set to the digest of the
 * request as received, and reads the ARN from STS's answer. GetCallerIdentity needs no IAM permission; the function
 * needs a network path to STS (outside a VPC, or a NAT / an `sts` interface endpoint inside one).
 */
import {
  type CallerProof,
  PROOF_MAX_AGE_MS,
  REQUEST_DIGEST_HEADER,
  STS_REQUEST,
  signedHeaders,
  stsEndpoint,
} from "../events/caller-proof.ts";
import { cut } from "../events/text.ts";
import type { CallerCheck, CallerVerifier } from "../ports/caller.ts";
import type { Clock } from "../ports/clock.ts";

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** An ARN STS can return: a user, a role session, a federated user or the root of an account. */
const CALLER_ARN = /^arn:aws[a-z-]*:(iam|sts)::\d{12}:[\w+=,.@/-]{1,1024}$/;

export class StsCallerVerifier implements CallerVerifier {
  constructor(
    private readonly region: string,
    private readonly clock: Clock,
    private readonly env: Readonly<Record<string, string | undefined>> = process.env,
    private readonly fetchFn: Fetch = (url, init) => globalThis.fetch(url, init),
  ) {}

  async verify(proof: CallerProof, digest: string): Promise<CallerCheck> {
    if (!signedHeaders(proof.authorization).includes(REQUEST_DIGEST_HEADER))
      return { ok: false, kind: "rejected", reason: `the proof's signature does not cover ${REQUEST_DIGEST_HEADER}` };
    const signedAt = Date.parse(
      proof.amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"),
    );
    if (!(Math.abs(this.clock.now() - signedAt) <= PROOF_MAX_AGE_MS))
      return {
        ok: false,
        kind: "rejected",
        reason: `the proof was signed at ${proof.amzDate}: more than 5 minutes away`,
      };
    const headers: Record<string, string> = {
      "content-type": STS_REQUEST.contentType,
      "x-amz-date": proof.amzDate,
      authorization: proof.authorization,
      [REQUEST_DIGEST_HEADER]: digest,
    };
    if (proof.securityToken !== undefined) headers["x-amz-security-token"] = proof.securityToken;
    let response: Response;
    let body: string;
    try {
      response = await this.fetchFn(`${stsEndpoint(this.region, this.env)}${STS_REQUEST.path}`, {
        method: STS_REQUEST.method,
        headers,
        body: STS_REQUEST.body,
      });
      body = await response.text();
    } catch (err) {
      return { ok: false, kind: "unavailable", reason: `STS not reached: ${cut(String(err), 200)}` };
    }
    if (!response.ok) {
      const code = xmlText(body, "Code") ?? `HTTP ${response.status}`;
      const kind = response.status >= 500 || code === "Throttling" ? "unavailable" : "rejected";
      return { ok: false, kind, reason: `STS answered ${cut(code, 100)}: ${cut(xmlText(body, "Message") ?? "", 200)}` };
    }
    const arn = xmlText(body, "Arn");
    if (arn === undefined || !CALLER_ARN.test(arn))
      return { ok: false, kind: "unavailable", reason: "STS's answer holds no caller ARN" };
    const account = xmlText(body, "Account");
    return { ok: true, arn, ...(account !== undefined ? { account } : {}) };
  }
}

/** The text of the first `<tag>` of an XML document (STS's answers are flat and have no CDATA). */
function xmlText(xml: string, tag: string): string | undefined {
  const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return m ? m[1]!.trim() : undefined;
}
