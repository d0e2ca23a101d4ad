/** Notifications for people (Slack) — never allowed to fail or delay scaling beyond the delivery deadline. */
import type { Decision, GuardrailFiring } from "../domain/decision.ts";

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
  | (Base & { kind: "autoscaler-error"; functionName: string; message: string });

export interface NotifierPort {
  /** Resolves within the delivery deadline; never rejects. */
  notify(event: NotificationEvent): Promise<void>;
}
