/**
 * Probe URLs come from the cluster's template with `{privateIp}` and `{instanceId}` filled in from EC2, and nothing
 * else: the schema pins `{privateIp}` as the host, and here the values are checked so that no input can steer a probe
 * to another host (no user-supplied hosts, no SSRF through a crafted instance id).
 */
import { isIP } from "node:net";
import { ProbeTargetError } from "./errors.ts";

export interface ProbeAddress {
  instanceId: string;
  privateIp: string;
}

const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;
const HOST_PLACEHOLDER = /^(https?:\/\/)\{privateIp\}/;

export function buildProbeUrl(template: string, address: ProbeAddress): string {
  const { instanceId, privateIp } = address;
  const details = { template, instanceId, privateIp };
  if (!HOST_PLACEHOLDER.test(template))
    throw new ProbeTargetError("probe URL must start with http(s)://{privateIp}", details);
  if (!INSTANCE_ID.test(instanceId)) throw new ProbeTargetError(`not an EC2 instance id: ${instanceId}`, details);
  const family = isIP(privateIp);
  if (family === 0) throw new ProbeTargetError(`not an IP address: ${privateIp}`, details);
  const host = family === 6 ? `[${privateIp}]` : privateIp;
  const url = template
    .replace(HOST_PLACEHOLDER, `$1${host}`)
    .replaceAll("{privateIp}", encodeURIComponent(privateIp))
    .replaceAll("{instanceId}", instanceId);
  const parsed = new URL(url);
  if (parsed.hostname !== host) throw new ProbeTargetError(`probe URL host ${parsed.hostname} is not ${host}`, details);
  return url;
}
