/** Who called the operator: an identity AWS vouched for (`CallerVerifier`), or only what the request says. */
import type { CallerProof } from "../events/caller-proof.ts";

export type CallerCheck =
  /** STS answered with the identity that signed the proof. */
  | { ok: true; arn: string; account?: string }
  /** The proof was refused (`rejected`: by STS or before sending it) or could not be checked (`unavailable`). */
  | { ok: false; kind: "rejected" | "unavailable"; reason: string };

export interface CallerVerifier {
  /** Checks `proof` for the operator request whose digest (`requestDigest`) is `digest`. Never throws. */
  verify(proof: CallerProof, digest: string): Promise<CallerCheck>;
}

/** The caller an operator request is recorded with. */
export interface Caller {
  /** The ARN STS returned for the proof's signer; absent for a request without a proof. */
  arn?: string;
  /** True only when AWS authenticated the caller (a proof STS accepted). */
  verified: boolean;
}
