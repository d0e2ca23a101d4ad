/**
 * How long a node takes from "desired raised" to "serving", for the oracle: the group's reaction, EC2 boot and CP sync
 * at their 99th percentiles (from the scenario's log-normal median and p95), and the load balancer's registration and
 * first health check at their maxima.
 */
import type { Duration, Scenario } from "../scenario/schema.ts";

const Z95 = 1.6448536269514722;
const Z99 = 2.3263478740408408;
/** Pending → Pending:Wait (see the world's group timings). */
const HOOK_ENTRY_SECONDS = 2;

export function p99Seconds(d: Duration): number {
  if (d.medianSeconds <= 0) return 0;
  if (d.p95Seconds <= d.medianSeconds) return d.medianSeconds;
  return d.medianSeconds * (d.p95Seconds / d.medianSeconds) ** (Z99 / Z95);
}

export function serveLeadSeconds(s: Scenario): number {
  const lb = s.loadBalancer;
  const registration = lb.registrationDelaySeconds?.max ?? (lb.type === "alb" ? 35 : 180);
  return (
    s.cloud.asgReactionSeconds.max +
    HOOK_ENTRY_SECONDS +
    p99Seconds(s.nodes.bootSeconds) +
    p99Seconds(s.nodes.cpSyncSeconds) +
    registration
  );
}

/** The oracle's lead: the scenario's `policies.oracle.leadSeconds` when set, else `serveLeadSeconds`. */
export function oracleLeadSeconds(s: Scenario): number {
  return s.policies.oracle.leadSeconds ?? serveLeadSeconds(s);
}
