/**
 * In-memory `TargetsPort` with ELBv2's timing on a virtual clock: a registered target reads `unused` for a while
 * (eventual consistency), then `initial`, then `healthy` (or whatever a test forces); a deregistered one reads
 * `draining` until the group's delay has passed (or the test ends it), then `unused`.
 */

import type { Clock } from "../shared/ports/clock.ts";
import type { TargetHealth, TargetState, TargetsPort } from "../shared/ports/targets.ts";

interface Entry {
  registeredAt?: number;
  deregisteredAt?: number;
  forced?: TargetState;
}

export interface FakeTargetsOptions {
  /** After RegisterTargets, DescribeTargetHealth still says `unused` for this long. */
  unusedForMs?: number;
  /** Then `initial` for this long, then `healthy`. */
  initialForMs?: number;
  /** Deregistration delay per target group (default 300 s). */
  deregistrationDelaySeconds?: Record<string, number>;
  /** How long `draining` really lasts (default: the deregistration delay). */
  drainForMs?: number;
}

export interface TargetCall {
  op: "register" | "deregister";
  targetGroupArn: string;
  instanceId: string;
  at: number;
}

export class FakeTargets implements TargetsPort {
  readonly calls: TargetCall[] = [];
  private readonly groups = new Map<string, Map<string, Entry>>();
  /** Makes the next call of an operation throw. */
  private readonly failures = new Map<string, Error>();

  constructor(
    private readonly clock: Clock,
    private readonly options: FakeTargetsOptions = {},
  ) {}

  failNext(op: "register" | "deregister" | "health", error: Error): void {
    this.failures.set(op, error);
  }

  /** Forces a target's state (e.g. `unhealthy`), or `undefined` to let time decide again. */
  force(targetGroupArn: string, instanceId: string, state: TargetState | undefined): void {
    this.entry(targetGroupArn, instanceId).forced = state;
  }

  /** A target registered in the group now (as seen by DescribeTargetHealth, whatever its state). */
  isRegistered(targetGroupArn: string, instanceId: string): boolean {
    const e = this.groups.get(targetGroupArn)?.get(instanceId);
    return e?.registeredAt !== undefined && e.deregisteredAt === undefined;
  }

  registeredAnywhere(instanceId: string): string[] {
    return [...this.groups.keys()].filter((arn) => this.isRegistered(arn, instanceId));
  }

  async register(targetGroupArn: string, instanceIds: string[]): Promise<void> {
    this.maybeFail("register");
    for (const id of instanceIds) {
      this.calls.push({ op: "register", targetGroupArn, instanceId: id, at: this.clock.now() });
      const e = this.entry(targetGroupArn, id);
      if (e.registeredAt === undefined || e.deregisteredAt !== undefined) {
        e.registeredAt = this.clock.now();
        e.deregisteredAt = undefined;
      }
    }
  }

  async deregister(targetGroupArn: string, instanceIds: string[]): Promise<void> {
    this.maybeFail("deregister");
    for (const id of instanceIds) {
      this.calls.push({ op: "deregister", targetGroupArn, instanceId: id, at: this.clock.now() });
      const e = this.groups.get(targetGroupArn)?.get(id);
      if (e?.registeredAt !== undefined && e.deregisteredAt === undefined) e.deregisteredAt = this.clock.now();
    }
  }

  async health(targetGroupArn: string, instanceIds?: string[]): Promise<TargetHealth[]> {
    this.maybeFail("health");
    const group = this.groups.get(targetGroupArn) ?? new Map<string, Entry>();
    const ids = instanceIds ?? [...group.keys()].filter((id) => this.stateOf(targetGroupArn, id) !== "unused");
    return ids.map((id) => ({ instanceId: id, state: this.stateOf(targetGroupArn, id) }));
  }

  async deregistrationDelaySeconds(targetGroupArn: string): Promise<number> {
    return this.delaySeconds(targetGroupArn);
  }

  stateOf(targetGroupArn: string, instanceId: string): TargetState {
    const e = this.groups.get(targetGroupArn)?.get(instanceId);
    if (!e || e.registeredAt === undefined) return "unused";
    const now = this.clock.now();
    if (e.deregisteredAt !== undefined) {
      const drainMs = this.options.drainForMs ?? this.delaySeconds(targetGroupArn) * 1000;
      return now - e.deregisteredAt < drainMs ? "draining" : "unused";
    }
    if (e.forced) return e.forced;
    const age = now - e.registeredAt;
    const unusedFor = this.options.unusedForMs ?? 0;
    if (age < unusedFor) return "unused";
    return age < unusedFor + (this.options.initialForMs ?? 0) ? "initial" : "healthy";
  }

  private delaySeconds(targetGroupArn: string): number {
    return this.options.deregistrationDelaySeconds?.[targetGroupArn] ?? 300;
  }

  private entry(targetGroupArn: string, instanceId: string): Entry {
    let group = this.groups.get(targetGroupArn);
    if (!group) {
      group = new Map();
      this.groups.set(targetGroupArn, group);
    }
    let e = group.get(instanceId);
    if (!e) {
      e = {};
      group.set(instanceId, e);
    }
    return e;
  }

  private maybeFail(op: string): void {
    const err = this.failures.get(op);
    if (err) {
      this.failures.delete(op);
      throw err;
    }
  }
}
