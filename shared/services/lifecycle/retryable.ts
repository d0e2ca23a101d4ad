/**
 * Whether a failed call may succeed if simply asked again later: the adapters' mapped AWS errors say so themselves
 * (`retryable`: throttling, server faults, network trouble — already retried by the SDK). Recognised by shape, so the
 * services do not import the adapters.
 */
export function isRetryableError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { retryable?: unknown }).retryable === true;
}
