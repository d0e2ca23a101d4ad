/**
 * Wires a world's cloud to its recorder: scaling actions, lifecycle outcomes, registrations and notifications become
 * counters, timeline events and — where a rule is broken — invariant violations:
 * - desired within [minNodes, min(maxNodes, CP capacity)];
 * - no node registered in a target group before it answered ready (for the policies that promise it: `ours`, `oracle`);
 * - no lifecycle action left to time out (`ours`);
 * - no scale-in while a configured signal has no fresh datapoint (`ours`);
 * - no scale-out while the CP-outage breaker is open (`ours`);
 * - the breaker announced exactly once per transition: never `breaker-opened` (or `-closed`) twice in a row (`ours`).
 * The end-of-run checks (every lifecycle action completed, no Lambda past its timeout) are in `run.ts`.
 */
import { BREAKER_TAG, decodeBreaker } from "../shared/domain/tags.ts";
import type { NotificationEvent } from "../shared/ports/notifier.ts";
import { metricKey } from "./cloud/cloudwatch.ts";
import { historyAwareMetrics } from "./history/history-metrics.ts";
import type { TimelineEvent } from "./types.ts";
import type { SimWorld } from "./world.ts";

/** Policies that register nodes only once ready. */
const READY_GATED = new Set(["ours", "oracle"]);

export function attachAccounting(world: SimWorld): void {
  const rec = world.recorder;
  const clock = world.clock;
  const policy = world.policy.name;
  const cluster = world.cluster;
  const registered = new Set<string>();

  world.asg.listen({
    desiredChanged: (from, to) => {
      const now = clock.now();
      if (rec.measures(now)) {
        if (to > from) rec.scaleOutActions++;
        else rec.scaleInActions++;
      }
      if (to < cluster.minNodes || to > world.ceiling)
        rec.violation(
          `${iso(now)}: desired ${to} outside [${cluster.minNodes}, ${world.ceiling}] (min, min(max, CP capacity))`,
        );
      if (policy !== "ours") return;
      if (to > from) {
        const breaker = decodeBreaker(world.asg.tags[BREAKER_TAG]);
        if (breaker.open) rec.violation(`${iso(now)}: scale-out ${from} → ${to} while the CP-outage breaker is open`);
      } else {
        const stale = staleSignals(world);
        if (stale.length > 0)
          rec.violation(`${iso(now)}: scale-in ${from} → ${to} while ${stale.join(", ")} had no fresh datapoint`);
      }
    },
    actionEnded: (action, transition, outcome) => {
      const now = clock.now();
      const timedOut = outcome === "timeout-continue" || outcome === "timeout-abandon";
      const abandoned = transition === "launching" && (outcome === "abandon" || outcome === "timeout-abandon");
      if (rec.measures(now)) {
        if (timedOut) rec.lifecycleTimeouts++;
        if (abandoned) rec.abandonedLaunches++;
      }
      if (timedOut) {
        rec.event(now, "abandon", `${action.instanceId}: ${transition} lifecycle action timed out (${outcome})`);
        if (policy === "ours")
          rec.violation(`${iso(now)}: ${transition} lifecycle action of ${action.instanceId} ran into its timeout`);
      } else if (abandoned) rec.event(now, "abandon", `${action.instanceId}: launch abandoned`);
    },
  });

  for (const group of world.lb.groups.values())
    group.listen({
      registered: (_arn, instance) => {
        const now = clock.now();
        const readyAt = instance.node.firstReadyAt;
        const early = readyAt === undefined || readyAt > now;
        if (early && rec.measures(now)) rec.registeredBeforeReady++;
        if (early && READY_GATED.has(policy))
          rec.violation(`${iso(now)}: ${instance.instanceId} registered before it answered ready`);
        if (!early && !registered.has(instance.instanceId) && rec.measures(now))
          rec.readyToRegisteredSeconds.push((now - readyAt) / 1000);
        registered.add(instance.instanceId);
      },
    });

  world.notifier.onMessages((count) => {
    if (rec.measures(clock.now())) rec.slackMessages += count;
  });

  // The CP-outage breaker is announced exactly once per transition: opened, closed, opened, … never twice in a row.
  let breakerAnnounced: "opened" | "closed" = "closed";
  world.notifier.onNotify((e) => {
    const now = clock.now();
    if (policy === "ours" && (e.kind === "breaker-opened" || e.kind === "breaker-closed")) {
      const said = e.kind === "breaker-opened" ? "opened" : "closed";
      if (said === breakerAnnounced) rec.violation(`${iso(now)}: CP-outage breaker announced ${said} twice in a row`);
      breakerAnnounced = said;
    }
    if (rec.measures(now)) rec.notifications++;
    const ev = notificationEvent(e);
    if (ev) rec.event(now, ev.kind, ev.text);
  });
}

/** The configured signals without a datapoint newer than `staleAfterSeconds` (plus one period of slack). */
export function staleSignals(world: SimWorld): string[] {
  const c = world.cluster;
  const now = world.clock.now();
  const limit = now - (c.scaling.staleAfterSeconds + c.scaling.metricPeriodSeconds) * 1000;
  // Before the run's own datapoints arrive, the newest one CloudWatch holds for a metric with history is the
  // history's last minute (the minute before the warm-up starts), which `ours` reads through the same port
  // (sim/history/): it counts as fresh as long as it is within the window.
  const historyNewest = world.warmupStartMs - 60_000;
  const fresh = (key: string): boolean =>
    (world.cw.newestReadable(key) ?? Number.NEGATIVE_INFINITY) >= limit ||
    (historyNewest >= limit && historyAwareMetrics(world).history.has(key));
  const out: string[] = [];
  if (c.signals.cpu.enabled && !fresh(world.ec2Key("CPUUtilization"))) out.push("cpu");
  if (c.signals.bandwidth.enabled && !fresh(world.ec2Key("NetworkOut"))) out.push("bandwidth");
  const rr = c.signals.requestRate;
  if (rr && !fresh(metricKey(rr.metric.namespace, rr.metric.metricName, rr.metric.dimensions)))
    out.push("request-rate");
  return out;
}

function notificationEvent(e: NotificationEvent): { kind: TimelineEvent["kind"]; text: string } | undefined {
  switch (e.kind) {
    case "scale-decided":
      return undefined; // the scaler's own result records every decision (see policies/ours.ts)
    case "scale-blocked":
      return { kind: "guardrail", text: `${e.guardrail.name} ${e.guardrail.effect}: ${e.guardrail.detail}` };
    case "node-ready":
      return {
        kind: "launch-ready",
        text: `${e.instanceId} ready after ${Math.round(e.secondsToReady)} s, registered after ${Math.round(e.secondsToRegistered)} s`,
      };
    case "node-abandoned":
      return {
        kind: "abandon",
        text: `${e.instanceId} abandoned after ${Math.round(e.secondsWaited)} s: ${e.lastReason}`,
      };
    case "node-drained":
      return { kind: "drain", text: `${e.instanceId} drained in ${Math.round(e.secondsDraining)} s` };
    case "breaker-opened":
      return { kind: "breaker", text: `CP-outage breaker opened after ${e.abandons} abandons: ${e.lastReason}` };
    case "breaker-closed":
      return {
        kind: "breaker",
        text: `CP-outage breaker closed (${e.instanceId} ready) after ${Math.round(e.openSeconds)} s`,
      };
    case "manual-action":
      return { kind: "manual", text: `${e.action} by ${e.by ?? "someone"}: ${e.reason}` };
    case "autoscaler-error":
      return { kind: "fault", text: `${e.functionName} error: ${e.message}` };
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}
