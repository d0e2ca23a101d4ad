/**
 * Decides whether an instance may be probed at all: only instances EC2 places in the managed Auto Scaling group (its
 * `aws:autoscaling:groupName` tag), and only at the private address EC2 reports.
 */
import type { InstanceInfo } from "../ports/instances.ts";
import type { ProbeAddress } from "./probe-url.ts";

export type ProbeTargetResolution =
  | { ok: true; address: ProbeAddress }
  /** `final`: waiting cannot fix it (the instance is in another group); otherwise not yet (no address, no tag). */
  | { ok: false; final: boolean; reason: string };

export function resolveProbeTarget(instance: InstanceInfo, managedGroup: string): ProbeTargetResolution {
  if (instance.groupName === undefined)
    return { ok: false, final: false, reason: "instance has no aws:autoscaling:groupName tag yet" };
  if (instance.groupName !== managedGroup)
    return {
      ok: false,
      final: true,
      reason: `instance belongs to group ${instance.groupName}, not ${managedGroup}: not probed`,
    };
  if (instance.privateIp === undefined) return { ok: false, final: false, reason: "instance has no private IP yet" };
  return { ok: true, address: { instanceId: instance.instanceId, privateIp: instance.privateIp } };
}
