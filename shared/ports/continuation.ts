/**
 * Hands a long wait over to a fresh invocation, so that Lambda's 900 s limit never ends a launch or drain silently.
 * AWS: an asynchronous Lambda invoke of the same function; simulator: a scheduled invocation.
 */
export interface ContinuationPort {
  /** Invoke `functionName` asynchronously with `payload` (a JSON object). */
  continueLater(functionName: "launch" | "drain", payload: Record<string, unknown>): Promise<void>;
}
