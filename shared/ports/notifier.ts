/** Notifications for people (Slack) — never allowed to fail or delay scaling beyond the delivery deadline. */
import type { Decision, GuardrailFiring, GuardrailName } from "../domain/decision.ts";

interface Base {
  cluster: string;
  /** Epoch ms. */
  at: number;
  requestId?: string;
}

export type NotificationEvent =
  | (Base & { kind: "scale-decided"; decision: Decision })
  | (Base & { kind: "scale-blocked"; decision: Decision; guardrail: GuardrailFiring })
  | (Base & { kind: "node-ready"; instanceId: string; secondsToReady: number; secondsToRegistered: number })
  | (Base & { kind: "node-abandoned"; instanceId: string; lastReason: string; secondsWaited: number })
  | (Base & { kind: "node-drained"; instanceId: string; secondsDraining: number })
  | (Base & { kind: "breaker-opened"; abandons: number; lastReason: string })
  | (Base & { kind: "breaker-closed"; instanceId: string; openSeconds: number })
  | (Base & {
      kind: "manual-action";
      action: "scale" | "pause" | "resume";
      by?: string;
      /** Who called as AWS authenticated them (absent: not verified). */
      callerArn?: string;
      reason: string;
      fromDesired?: number;
      toDesired?: number;
      forced?: boolean;
    })
  | (Base & { kind: "autoscaler-error"; functionName: string; message: string })
  | (Base & { kind: "digest"; digest: ActivityDigest });

/** Lowest and highest value over a period. */
export interface Range {
  lowest: number;
  peak: number;
}

/**
 * What one cluster did over one digest period `[from, to)` (epoch ms), as its own metrics recorded it
 * (`shared/services/digest/`). A range or percentile CloudWatch had no datapoint for is absent.
 */
export interface ActivityDigest {
  from: number;
  to: number;
  scaleOuts: number;
  scaleIns: number;
  /** SetDesiredCapacity calls that changed the size. */
  capacityChanges: number;
  /** Nodes that became ready and were registered (nodes added). */
  nodesReady: number;
  /** Nodes drained before termination (nodes removed). */
  nodesDrained: number;
  launchesAbandoned: number;
  inService?: Range;
  desired?: Range;
  secondsToReady?: { p50: number; p95: number };
  /** Each guardrail that blocked a change, with how many decisions it blocked; none: empty. */
  guardrailBlocks: { name: GuardrailName; count: number }[];
}

export interface NotifierPort {
  /** Resolves within the delivery deadline; never rejects. */
  notify(event: NotificationEvent): Promise<void>;
}
