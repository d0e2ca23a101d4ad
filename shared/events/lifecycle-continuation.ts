/**
 * The payload a launch or drain hands to a fresh invocation of itself (`ContinuationPort.continueLater`), so that a
 * wait outlives Lambda's 900 s: everything needed to resume — the action, when it started, what was seen so far. Also
 * what the scaler's lifecycle sweep sends for a stuck instance whose event was lost (`sweep: true`: one pass, no wait).
 */
import { z } from "zod";
import type { LifecycleAction } from "./lifecycle-action.ts";

export const CONTINUATION_KIND = "dp-autoscaler.lifecycle-continuation";

const epochMs = z.number().int().nonnegative();

export const lifecycleWaitStateSchema = z.object({
  action: z.object({
    transition: z.enum(["launching", "terminating"]),
    groupName: z.string().min(1).max(255),
    hookName: z.string().min(1).max(255),
    instanceId: z.string().regex(/^i-[0-9a-f]{8,17}$/, "must be an EC2 instance id"),
    token: z.string().min(1).max(255).optional(),
    startedAt: epochMs,
    origin: z.string().optional(),
    destination: z.string().optional(),
    notificationMetadata: z.string().optional(),
  }),
  /** Readiness probes (launch) or target-health checks (drain) made so far, over all invocations. */
  attempts: z.number().int().nonnegative().default(0),
  lastReason: z.string().max(1000).optional(),
  lastReasonCpRelated: z.boolean().optional(),
  lastHeartbeatAt: epochMs.optional(),
  /** Launch: when the node first answered ready; set once registered targets are being waited on. */
  firstReadyAt: epochMs.optional(),
  registeredAt: epochMs.optional(),
  /** Drain: when the targets were deregistered. */
  deregisteredAt: epochMs.optional(),
  /** How many times this wait was handed over already. */
  handovers: z.number().int().nonnegative().default(0),
  /** One pass only (the lifecycle sweep): check, act if there is something to decide, never wait or hand over. */
  sweep: z.boolean().default(false),
});
export type LifecycleWaitState = z.infer<typeof lifecycleWaitStateSchema>;

export const continuationPayloadSchema = z.object({
  kind: z.literal(CONTINUATION_KIND),
  version: z.literal(1),
  function: z.enum(["launch", "drain"]),
  state: lifecycleWaitStateSchema,
});
export type ContinuationPayload = z.infer<typeof continuationPayloadSchema>;

export function continuationPayload(fn: "launch" | "drain", state: LifecycleWaitState): ContinuationPayload {
  return { kind: CONTINUATION_KIND, version: 1, function: fn, state };
}

/** A fresh wait for an action that just arrived. */
export function initialWaitState(action: LifecycleAction, sweep = false): LifecycleWaitState {
  return { action, attempts: 0, handovers: 0, sweep };
}
