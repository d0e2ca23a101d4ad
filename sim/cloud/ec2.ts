/**
 * Simulated EC2: instances with ids, private addresses, types and states, each carrying its DP node; and the
 * `InstancesPort` the launch function uses to find a node's address and an instance type's baseline bandwidth.
 * Terminated instances stay visible (state `terminated`, no address) as they do in EC2 for about an hour.
 */
import { fallbackBaselineBps } from "../../shared/ports/instance-bandwidth.ts";
import type { InstanceInfo, InstancesPort } from "../../shared/ports/instances.ts";
import type { DpNode } from "../model/dp-node.ts";
import type { Rng } from "../random.ts";

export type Ec2State = "pending" | "running" | "shutting-down" | "terminated";

export interface SimInstance {
  instanceId: string;
  privateIp: string;
  instanceType: string;
  availabilityZone: string;
  groupName: string;
  launchTime: number;
  state: Ec2State;
  terminatedAt?: number;
  node: DpNode;
  /** Requests processed since the last minute's datapoints (the world's accumulator). */
  minuteRequests: number;
}

export class SimEc2 {
  readonly instances = new Map<string, SimInstance>();
  readonly #byIp = new Map<string, SimInstance>();
  readonly #rng: Rng;
  #nextIp = 10;

  constructor(rng: Rng) {
    this.#rng = rng;
  }

  newInstanceId(): string {
    return `i-0${this.#rng.hex(16)}`;
  }

  /** A fresh private address in 10.0.0.0/16 (never reused within a run, so a stale probe never reaches a new node). */
  newPrivateIp(): string {
    const n = this.#nextIp++;
    return `10.0.${(n >> 8) & 255}.${n & 255}`;
  }

  add(instance: SimInstance): void {
    this.instances.set(instance.instanceId, instance);
    this.#byIp.set(instance.privateIp, instance);
  }

  byIp(ip: string): SimInstance | undefined {
    const i = this.#byIp.get(ip);
    return i && i.state !== "terminated" ? i : undefined;
  }

  markTerminated(instanceId: string, atMs: number): void {
    const i = this.instances.get(instanceId);
    if (!i || i.state === "terminated") return;
    i.state = "terminated";
    i.terminatedAt = atMs;
    i.node.terminate();
  }
}

export interface SimInstanceTypes {
  /** What DescribeInstanceTypes reports as each type's baseline, bits per second (a type absent: not reported). */
  baselineBpsByType?: Record<string, number>;
}

/** The `InstancesPort` over the simulated EC2. */
export class SimInstances implements InstancesPort {
  readonly #ec2: SimEc2;
  readonly #types: SimInstanceTypes;

  constructor(ec2: SimEc2, types: SimInstanceTypes = {}) {
    this.#ec2 = ec2;
    this.#types = types;
  }

  async describeInstance(instanceId: string): Promise<InstanceInfo | undefined> {
    const i = this.#ec2.instances.get(instanceId);
    if (!i) return undefined;
    return {
      instanceId: i.instanceId,
      state: i.state,
      privateIp: i.state === "terminated" ? undefined : i.privateIp,
      instanceType: i.instanceType,
      groupName: i.groupName,
      launchTime: i.launchTime,
    };
  }

  async baselineBandwidthBps(instanceType: string): Promise<number | undefined> {
    // Like the AWS adapter: DescribeInstanceTypes first, the fallback table when it reports nothing.
    return this.#types.baselineBpsByType?.[instanceType] ?? fallbackBaselineBps(instanceType);
  }
}

/** Baseline bandwidth of the scenario's nodes, bits per second per direction. */
export function nodeBaselineBps(instanceType: string, overrideGbps: number | undefined): number {
  if (overrideGbps !== undefined) return overrideGbps * 1e9;
  const bps = fallbackBaselineBps(instanceType);
  if (bps === undefined)
    throw new Error(
      `instance type "${instanceType}" is not in the bandwidth table: set nodes.baselineGbps in the scenario`,
    );
  return bps;
}
