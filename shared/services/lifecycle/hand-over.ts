/**
 * Never let Lambda's 900 s end a wait silently: when the time left cannot hold another poll and the work after it,
 * the wait goes on in a fresh invocation (`ContinuationPort`) with everything it needs to resume. If the hand-over
 * itself fails, the error propagates: Lambda retries the original event (async invoke / SQS), and since deadlines count
 * from the action's start, the retry resumes where this one stopped.
 */
import type { ClusterConfig } from "../../config/schema.ts";
import { continuationPayload, type LifecycleWaitState } from "../../events/lifecycle-continuation.ts";
import type { AutoscalerDeps } from "../deps.ts";

/** Time kept for the API calls after a wait (register, complete, notify) with the SDK's retries. */
const API_RESERVE_MS = 30_000;

/** The smallest time left in which one more poll (status + metrics probe) and the work after it still fit. */
export function handOverReserveMs(cluster: ClusterConfig): number {
  return 2 * cluster.readiness.requestTimeoutMs + API_RESERVE_MS;
}

export class HandOverError extends Error {
  override readonly name = "HandOverError";
  constructor(
    readonly fn: "launch" | "drain",
    readonly instanceId: string,
    override readonly cause: unknown,
  ) {
    super(`could not hand the ${fn} wait for ${instanceId} over to a fresh invocation`);
  }
}

export async function handOver(
  deps: Pick<AutoscalerDeps, "continuation" | "logger">,
  fn: "launch" | "drain",
  state: LifecycleWaitState,
): Promise<number> {
  const next: LifecycleWaitState = { ...state, handovers: state.handovers + 1 };
  try {
    await deps.continuation.continueLater(fn, continuationPayload(fn, next));
  } catch (error) {
    throw new HandOverError(fn, state.action.instanceId, error);
  }
  deps.logger.info("wait handed over to a fresh invocation", {
    instanceId: state.action.instanceId,
    handovers: next.handovers,
    attempts: state.attempts,
    lastReason: state.lastReason,
  });
  return next.handovers;
}
