/** Notification events as the functions send them, for the notify tests. */
import type { Decision, GuardrailFiring } from "../../../shared/domain/decision.ts";
import type { ActivityDigest, NotificationEvent } from "../../../shared/ports/notifier.ts";

export const AT = Date.UTC(2026, 0, 15, 12, 0, 0);

export function decision(overrides: Partial<Decision> = {}): Decision {
  return {
    cluster: "prod",
    at: AT,
    action: "scale-out",
    currentDesired: 4,
    desired: 6,
    recommended: 7,
    reasons: [
      {
        signal: "cpu",
        unit: "%",
        value: 84.2,
        target: 70,
        proposal: 5,
        note: "cpu 84.2 % vs target 70 % on 4 nodes → 5",
      },
      {
        signal: "bandwidth",
        unit: "%",
        value: 101.3,
        target: 60,
        proposal: 7,
        note: "bandwidth 101.3 % vs target 60 % on 4 nodes → 7",
      },
    ],
    guardrails: [{ name: "step-limit", effect: "capped", detail: "at most 2 nodes per step: 7 → 6", from: 7, to: 6 }],
    summary: "scale out 4 → 6: bandwidth 101.3 % vs target 60 % (capped by step-limit)",
    ...overrides,
  };
}

export const bandwidthCeiling: GuardrailFiring = {
  name: "bandwidth-ceiling",
  effect: "blocked",
  detail: "aggregate 9.3 Gbps ≥ 90 % of the 10 Gbps ceiling",
  from: 7,
  to: 4,
};

export function blocked(at = AT, guardrail: GuardrailFiring = bandwidthCeiling): NotificationEvent {
  return {
    kind: "scale-blocked",
    cluster: "prod",
    at,
    decision: decision({ action: "hold", desired: 4, guardrails: [guardrail], summary: "hold at 4: blocked" }),
    guardrail,
  };
}

export function nodeReady(instanceId: string, at = AT): NotificationEvent {
  return { kind: "node-ready", cluster: "prod", at, instanceId, secondsToReady: 42, secondsToRegistered: 47 };
}

export function manualScale(reason: string, by = "alice"): NotificationEvent {
  return {
    kind: "manual-action",
    cluster: "prod",
    at: AT,
    requestId: "req-1",
    action: "scale",
    by,
    reason,
    fromDesired: 4,
    toDesired: 6,
  };
}

/** One of each kind. */
export const everyKind: NotificationEvent[] = [
  { kind: "scale-decided", cluster: "prod", at: AT, requestId: "req-1", decision: decision() },
  blocked(),
  nodeReady("i-0abc"),
  {
    kind: "node-abandoned",
    cluster: "prod",
    at: AT,
    instanceId: "i-0bad",
    lastReason: "503 none of the configured dp_manager available",
    secondsWaited: 600,
  },
  { kind: "node-drained", cluster: "prod", at: AT, instanceId: "i-0old", secondsDraining: 35 },
  { kind: "breaker-opened", cluster: "prod", at: AT, abandons: 3, lastReason: "dp_manager unavailable" },
  { kind: "breaker-closed", cluster: "prod", at: AT, instanceId: "i-0new", openSeconds: 1260 },
  manualScale("traffic spike expected at 18:00"),
  { kind: "manual-action", cluster: "prod", at: AT, action: "pause", by: "bob", reason: "game day" },
  { kind: "manual-action", cluster: "prod", at: AT, action: "resume", by: "bob", reason: "game day over" },
  { kind: "autoscaler-error", cluster: "prod", at: AT, functionName: "scaler", message: "Throttling: Rate exceeded" },
  { kind: "digest", cluster: "prod", at: AT, digest: digest() },
];

/** An hour of a busy cluster, as the scaler reads it back from the own metrics. */
export function digest(overrides: Partial<ActivityDigest> = {}): ActivityDigest {
  return {
    from: AT - 3_600_000,
    to: AT,
    scaleOuts: 3,
    scaleIns: 1,
    capacityChanges: 4,
    nodesReady: 5,
    nodesDrained: 2,
    launchesAbandoned: 0,
    inService: { lowest: 4, peak: 9 },
    desired: { lowest: 4, peak: 9 },
    secondsToReady: { p50: 48, p95: 71.5 },
    guardrailBlocks: [{ name: "stabilisation", count: 12 }],
    ...overrides,
  };
}
