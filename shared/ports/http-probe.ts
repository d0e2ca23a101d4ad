/**
 * One HTTP GET against a data-plane node. The readiness semantics (APISIX vs API7) live in `shared/dataplane/`, so the
 * simulator only answers requests, and the same interpretation code runs in Lambda and in the backtest.
 */
export type HttpOutcome =
  | { kind: "response"; status: number; body: string }
  | { kind: "error"; error: "refused" | "timeout" | "reset" | "unreachable" | "other"; message: string };

export interface HttpProbePort {
  get(url: string, timeoutMs: number): Promise<HttpOutcome>;
}
