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
/** What a template must start with: the scheme, the placeholder as the whole host, an optional port, a path. */
export const PROBE_URL_PREFIX = /^https?:\/\/\{privateIp\}(?::(\d+))?\//;
export const PROBE_URL_PREFIX_PROBLEM =
  "must start with http(s)://{privateIp}[:port]/ (probes only reach the managed instances)";

/**
 * What is wrong with a probe URL template, or undefined: the one check `validate-config` (the config schema) and every
 * probe (`buildProbeUrl`) share, so a template that validates never fails to build at run time (a port of 99999 used
 * to validate and then throw a TypeError into Lambda's retries on every launch).
 */
export function probeUrlTemplateProblem(template: string): string | undefined {
  const m = PROBE_URL_PREFIX.exec(template);
  if (!m) return PROBE_URL_PREFIX_PROBLEM;
  if (m[1] !== undefined) {
    const port = Number(m[1]);
    if (!Number.isInteger(port) || port < 1 || port > 65535) return `port ${m[1]} is not in 1–65535`;
  }
  try {
    new URL(fill(template, "10.0.0.1", "10.0.0.1", "i-0123456789abcdef0"));
  } catch {
    return "is not a URL once {privateIp} and {instanceId} are filled in";
  }
  return undefined;
}

function fill(template: string, host: string, privateIp: string, instanceId: string): string {
  return template
    .replace(HOST_PLACEHOLDER, `$1${host}`)
    .replaceAll("{privateIp}", encodeURIComponent(privateIp))
    .replaceAll("{instanceId}", instanceId);
}

export function buildProbeUrl(template: string, address: ProbeAddress): string {
  const { instanceId, privateIp } = address;
  const details = { template, instanceId, privateIp };
  const problem = probeUrlTemplateProblem(template);
  if (problem !== undefined) throw new ProbeTargetError(`probe URL template ${problem}`, details);
  if (!INSTANCE_ID.test(instanceId)) throw new ProbeTargetError(`not an EC2 instance id: ${instanceId}`, details);
  const family = isIP(privateIp);
  if (family === 0) throw new ProbeTargetError(`not an IP address: ${privateIp}`, details);
  const host = family === 6 ? `[${privateIp}]` : privateIp;
  const url = fill(template, host, privateIp, instanceId);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ProbeTargetError(`not a URL: ${url}`, details);
  }
  if (parsed.hostname !== host) throw new ProbeTargetError(`probe URL host ${parsed.hostname} is not ${host}`, details);
  return url;
}
