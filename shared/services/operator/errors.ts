/** A refusal: the request is understood but cannot be done. The handler turns it into `{ ok: false, error }`. */
import type { OperatorErrorCode } from "./types.ts";

export class OperatorRefusalError extends Error {
  override readonly name = "OperatorRefusalError";
  constructor(
    readonly code: OperatorErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
