/**
 * In-memory `FleetPort`: one or more Auto Scaling groups with lifecycle hooks and pending lifecycle actions, on a
 * virtual clock. Completing an action moves the instance on (CONTINUE → InService; ABANDON on launch → Terminating;
 * terminate → Terminating:Proceed); an action that is not pending answers `not-found`, as AWS's
 * "No active Lifecycle Action found" does. A hook times out like AWS's: heartbeat timeout after the last heartbeat.
 */

import type { Clock } from "../shared/ports/clock.ts";
import type {
  FleetPort,
  GroupState,
  LifecycleActionRef,
  LifecycleHook,
  LifecycleResult,
  ScalingActivity,
} from "../shared/ports/fleet.ts";

export interface PendingAction {
  groupName: string;
  hookName: string;
  instanceId: string;
  token: string;
  transition: "launching" | "terminating";
  startedAt: number;
  lastHeartbeatAt: number;
}

export interface FleetCall {
  op: "complete" | "heartbeat" | "putTags" | "deleteTags" | "setDesired" | "describeGroup" | "describeHooks";
  at: number;
  instanceId?: string;
  result?: string;
  detail?: unknown;
}

export class FakeFleet implements FleetPort {
  readonly groups = new Map<string, GroupState>();
  readonly hooks = new Map<string, LifecycleHook[]>();
  readonly activities = new Map<string, ScalingActivity[]>();
  readonly pending = new Map<string, PendingAction>();
  readonly calls: FleetCall[] = [];
  /** Called after a completion that found its action (tests use it to end an instance, or to crash). */
  onCompleted: (action: PendingAction, result: LifecycleResult) => void | Promise<void> = () => {};
  private readonly failures = new Map<string, Error>();

  constructor(private readonly clock: Clock) {}

  addGroup(group: Partial<GroupState> & { name: string }, hooks: LifecycleHook[] = []): GroupState {
    const g: GroupState = { desired: 0, min: 0, max: 10, instances: [], tags: {}, targetGroupArns: [], ...group };
    this.groups.set(g.name, g);
    this.hooks.set(g.name, hooks);
    return g;
  }

  /** An instance enters `Pending:Wait` (or `Terminating:Wait`) with a pending action. */
  startAction(a: Omit<PendingAction, "lastHeartbeatAt" | "startedAt"> & { startedAt?: number }): PendingAction {
    const startedAt = a.startedAt ?? this.clock.now();
    const action: PendingAction = { ...a, startedAt, lastHeartbeatAt: startedAt };
    this.pending.set(a.instanceId, action);
    this.setLifecycleState(
      a.groupName,
      a.instanceId,
      a.transition === "launching" ? "Pending:Wait" : "Terminating:Wait",
    );
    return action;
  }

  setLifecycleState(groupName: string, instanceId: string, lifecycleState: string): void {
    const g = this.groups.get(groupName);
    if (!g) throw new Error(`no group ${groupName}`);
    const i = g.instances.find((x) => x.instanceId === instanceId);
    if (i) i.lifecycleState = lifecycleState;
    else g.instances.push({ instanceId, lifecycleState, healthStatus: "Healthy" });
  }

  lifecycleStateOf(groupName: string, instanceId: string): string | undefined {
    return this.groups.get(groupName)?.instances.find((i) => i.instanceId === instanceId)?.lifecycleState;
  }

  /** Ends every pending action whose hook timed out (call from a clock listener). */
  expireHooks(onExpired?: (a: PendingAction, result: LifecycleResult) => void): void {
    const now = this.clock.now();
    for (const a of [...this.pending.values()]) {
      const hook = this.hooks.get(a.groupName)?.find((h) => h.name === a.hookName);
      if (hook && now - a.lastHeartbeatAt >= hook.heartbeatTimeoutSeconds * 1000) {
        this.pending.delete(a.instanceId);
        this.moveOn(a, hook.defaultResult);
        onExpired?.(a, hook.defaultResult);
      }
    }
  }

  failNext(op: FleetCall["op"], error: Error): void {
    this.failures.set(op, error);
  }

  completions(result?: LifecycleResult): FleetCall[] {
    return this.calls.filter((c) => c.op === "complete" && (result === undefined || c.detail === result));
  }

  heartbeats(): FleetCall[] {
    return this.calls.filter((c) => c.op === "heartbeat");
  }

  async describeGroup(groupName: string): Promise<GroupState | undefined> {
    this.record({ op: "describeGroup" });
    const g = this.groups.get(groupName);
    return g ? structuredClone(g) : undefined;
  }

  async recentActivities(groupName: string, maxRecords: number): Promise<ScalingActivity[]> {
    return (this.activities.get(groupName) ?? []).slice(0, maxRecords);
  }

  async setDesiredCapacity(groupName: string, desired: number): Promise<void> {
    this.record({ op: "setDesired", detail: desired });
    const g = this.groups.get(groupName);
    if (g) g.desired = desired;
  }

  async putTags(groupName: string, tags: Record<string, string>): Promise<void> {
    this.record({ op: "putTags", detail: tags });
    Object.assign(this.groups.get(groupName)?.tags ?? {}, tags);
  }

  async deleteTags(groupName: string, keys: string[]): Promise<void> {
    this.record({ op: "deleteTags", detail: keys });
    const tags = this.groups.get(groupName)?.tags;
    if (tags) for (const k of keys) delete tags[k];
  }

  async completeLifecycleAction(ref: LifecycleActionRef, result: LifecycleResult): Promise<"completed" | "not-found"> {
    const a = this.find(ref);
    this.record({ op: "complete", instanceId: ref.instanceId, result: a ? "completed" : "not-found", detail: result });
    if (!a) return "not-found";
    this.pending.delete(a.instanceId);
    this.moveOn(a, result);
    await this.onCompleted(a, result);
    return "completed";
  }

  async recordLifecycleActionHeartbeat(ref: LifecycleActionRef): Promise<"recorded" | "not-found"> {
    const a = this.find(ref);
    this.record({ op: "heartbeat", instanceId: ref.instanceId, result: a ? "recorded" : "not-found" });
    if (!a) return "not-found";
    a.lastHeartbeatAt = this.clock.now();
    return "recorded";
  }

  async describeLifecycleHooks(groupName: string): Promise<LifecycleHook[]> {
    this.record({ op: "describeHooks" });
    return this.hooks.get(groupName) ?? [];
  }

  private find(ref: LifecycleActionRef): PendingAction | undefined {
    const a = this.pending.get(ref.instanceId);
    if (!a || a.groupName !== ref.groupName || a.hookName !== ref.hookName) return undefined;
    if (ref.token !== undefined && ref.token !== a.token) return undefined;
    return a;
  }

  private moveOn(a: PendingAction, result: LifecycleResult): void {
    const next =
      a.transition === "terminating" ? "Terminating:Proceed" : result === "CONTINUE" ? "InService" : "Terminating";
    this.setLifecycleState(a.groupName, a.instanceId, next);
  }

  private record(call: Omit<FleetCall, "at">): void {
    const failure = this.failures.get(call.op);
    if (failure) {
      this.failures.delete(call.op);
      throw failure;
    }
    this.calls.push({ ...call, at: this.clock.now() });
  }
}
