/**
 * A simulated EC2 Auto Scaling group: desired/min/max, launches and terminations with their activities, lifecycle
 * hooks, tags, and target groups attached to the group itself (the ASG-native registration the baselines use).
 *
 * Launch: RunInstances `asgReactionSeconds` after the desired size changed → `Pending` → with a launch hook
 * `Pending:Wait` (a lifecycle action: event to EventBridge, heartbeat timeout, DefaultResult) → CONTINUE →
 * `Pending:Proceed` → registration in attached target groups → `InService`. ABANDON (called, or the timeout's default)
 * → the instance terminates and the group launches a replacement. Without a hook the instance goes `InService` once
 * EC2 reports it running.
 *
 * Scale-in: the victims are chosen like the default termination policy, simplified: the Availability Zone with the most
 * instances first, then at random (seeded) — every instance uses the same launch template and billing is per second,
 * so AWS's later criteria do not separate them. A victim goes `Terminating` → (attached target groups: deregistered,
 * the deregistration delay waited) → with a terminate hook `Terminating:Wait` (an action, as above; both results
 * terminate) → `Terminating:Proceed` → EC2 shutting down → terminated.
 *
 * Lifecycle actions time out after the heartbeat timeout (restarted by heartbeats), capped at min(48 h, 100 ×
 * timeout). A launch abandoned is terminated without the terminate hook (it never served).
 */
import { AwsValidationError } from "../../shared/ports/errors.ts";
import type { LifecycleHook, LifecycleResult, ScalingActivity } from "../../shared/ports/fleet.ts";
import type { Rng } from "../random.ts";
import type { SecondsRange } from "../scenario/schema.ts";
import type { TimerHandle, VirtualClock } from "../virtual-clock.ts";
import { uuid } from "./aws-shapes.ts";
import type { SimEc2, SimInstance } from "./ec2.ts";
import type { SimLoadBalancing } from "./target-group.ts";

export interface GroupSettings {
  name: string;
  min: number;
  max: number;
  desired: number;
  hooks: LifecycleHook[];
  /** Target groups attached to the ASG: it registers at the end of the launch hook and deregisters on scale-in. */
  attachedTargetGroupArns: string[];
  availabilityZones: string[];
}

export interface GroupTimings {
  reactionSeconds: SecondsRange;
  instanceRunningSeconds: number;
  terminationSeconds: number;
  /** Pending → the launch hook's Pending:Wait. */
  hookEntrySeconds: number;
}

export interface ActiveAction {
  hook: LifecycleHook;
  token: string;
  instanceId: string;
  startedAt: number;
  timeoutAt: number;
  hardDeadline: number;
  timer: TimerHandle;
}

export interface Member {
  instance: SimInstance;
  lifecycleState: string;
  healthStatus: "Healthy" | "Unhealthy";
  action?: ActiveAction;
}

export type ActionOutcome = "continue" | "abandon" | "timeout-continue" | "timeout-abandon" | "instance-gone";

/** What the group reports, for the run's accounting. */
export interface GroupListener {
  desiredChanged?(from: number, to: number): void;
  launched?(instance: SimInstance): void;
  actionStarted?(action: ActiveAction, transition: "launching" | "terminating"): void;
  actionEnded?(action: ActiveAction, transition: "launching" | "terminating", outcome: ActionOutcome): void;
  inService?(instance: SimInstance): void;
  terminating?(instance: SimInstance, why: "scale-in" | "abandoned"): void;
  terminated?(instance: SimInstance): void;
  /** The group emitted a lifecycle event to EventBridge. */
  lifecycleEvent?(action: ActiveAction, transition: "launching" | "terminating"): void;
}

/** Actions are kept at most this long past their first heartbeat timeout. */
const HARD_CAP_MS = 48 * 3600_000;
const ACTIVITIES_KEPT = 200;

export class SimAutoScalingGroup {
  readonly name: string;
  min: number;
  max: number;
  desired: number;
  readonly hooks: LifecycleHook[];
  readonly attachedTargetGroupArns: string[];
  readonly tags: Record<string, string> = {};
  readonly members = new Map<string, Member>();
  readonly #activities: ScalingActivity[] = [];
  readonly #settings: GroupSettings;
  readonly #timings: GroupTimings;
  readonly #clock: VirtualClock;
  readonly #rng: Rng;
  readonly #ec2: SimEc2;
  readonly #lb: SimLoadBalancing;
  readonly #createInstance: (az: string) => SimInstance;
  readonly #listeners: GroupListener[] = [];
  #reconcileTimer: TimerHandle | undefined;

  constructor(
    settings: GroupSettings,
    timings: GroupTimings,
    deps: {
      clock: VirtualClock;
      rng: Rng;
      ec2: SimEc2;
      lb: SimLoadBalancing;
      /** Creates the EC2 instance (and its DP node) in an Availability Zone. */
      createInstance: (az: string) => SimInstance;
    },
  ) {
    this.name = settings.name;
    this.min = settings.min;
    this.max = settings.max;
    this.desired = settings.desired;
    this.hooks = settings.hooks;
    this.attachedTargetGroupArns = settings.attachedTargetGroupArns;
    this.#settings = settings;
    this.#timings = timings;
    this.#clock = deps.clock;
    this.#rng = deps.rng;
    this.#ec2 = deps.ec2;
    this.#lb = deps.lb;
    this.#createInstance = deps.createInstance;
  }

  listen(listener: GroupListener): void {
    this.#listeners.push(listener);
  }

  /** Adds an instance that is already in the group (the fleet a run starts with; a contract test's world). */
  adopt(instance: SimInstance, lifecycleState = "InService", healthStatus: "Healthy" | "Unhealthy" = "Healthy"): void {
    this.members.set(instance.instanceId, { instance, lifecycleState, healthStatus });
  }

  /** A lifecycle action already waiting on `hookName` for a member (a contract test's world). */
  adoptAction(instanceId: string, hookName: string, token: string): void {
    const member = this.members.get(instanceId);
    const hook = this.hooks.find((h) => h.name === hookName);
    if (!member || !hook)
      throw new Error(`cannot adopt an action of ${instanceId} on ${hookName}: unknown member or hook`);
    this.#startAction(member, hook, token, false);
  }

  /** Past scaling activities (any order; answered newest first). */
  adoptActivities(activities: readonly ScalingActivity[]): void {
    this.#activities.push(...activities.map((a) => ({ ...a })));
    this.#activities.sort((a, b) => b.startTime - a.startTime);
  }

  /** SetDesiredCapacity. Rejects values outside [min, max] as Auto Scaling does. */
  setDesired(desired: number, operation = "SetDesiredCapacity"): void {
    if (!Number.isInteger(desired) || desired < 0)
      throw validation(operation, `DesiredCapacity must be a non-negative integer, got ${desired}`);
    if (desired > this.max)
      throw validation(
        operation,
        `New SetDesiredCapacity value ${desired} is above max value ${this.max} for the AutoScalingGroup.`,
      );
    if (desired < this.min)
      throw validation(
        operation,
        `New SetDesiredCapacity value ${desired} is below min value ${this.min} for the AutoScalingGroup.`,
      );
    const from = this.desired;
    this.desired = desired;
    if (from !== desired) for (const l of this.#listeners) l.desiredChanged?.(from, desired);
    this.#scheduleReconcile();
  }

  /** Instances counted against desired: everything not on its way out. */
  activeMembers(): Member[] {
    const out: Member[] = [];
    for (const m of this.members.values()) if (!m.lifecycleState.startsWith("Terminating")) out.push(m);
    return out;
  }

  activities(maxRecords: number): ScalingActivity[] {
    return this.#activities.slice(0, maxRecords).map((a) => ({ ...a }));
  }

  /** CompleteLifecycleAction: by token when given, else by instance id. */
  complete(
    hookName: string,
    instanceId: string,
    token: string | undefined,
    result: LifecycleResult,
  ): "completed" | "not-found" {
    const m = this.#findAction(hookName, instanceId, token);
    if (!m) return "not-found";
    const action = m.action!;
    action.timer.cancel();
    m.action = undefined;
    const transition = action.hook.transition;
    for (const l of this.#listeners)
      l.actionEnded?.(action, transition, result === "CONTINUE" ? "continue" : "abandon");
    this.#proceed(m, transition, result);
    return "completed";
  }

  heartbeat(hookName: string, instanceId: string, token: string | undefined): "recorded" | "not-found" {
    const m = this.#findAction(hookName, instanceId, token);
    if (!m) return "not-found";
    const a = m.action!;
    a.timer.cancel();
    a.timeoutAt = Math.min(this.#clock.now() + a.hook.heartbeatTimeoutSeconds * 1000, a.hardDeadline);
    a.timer = this.#clock.at(a.timeoutAt, () => this.#timeout(m, a));
    return "recorded";
  }

  /** Members in a lifecycle wait, for invariants at the end of a run. */
  pendingActions(): ActiveAction[] {
    const out: ActiveAction[] = [];
    for (const m of this.members.values()) if (m.action) out.push(m.action);
    return out;
  }

  #findAction(hookName: string, instanceId: string, token: string | undefined): Member | undefined {
    if (token !== undefined) {
      for (const m of this.members.values()) if (m.action?.token === token && m.action.hook.name === hookName) return m;
      return undefined;
    }
    const m = this.members.get(instanceId);
    return m?.action?.hook.name === hookName ? m : undefined;
  }

  #scheduleReconcile(): void {
    if (this.#reconcileTimer) return;
    const r = this.#timings.reactionSeconds;
    const delay = r.max > r.min ? this.#rng.uniform(r.min, r.max) : r.min;
    this.#reconcileTimer = this.#clock.after(delay * 1000, () => {
      this.#reconcileTimer = undefined;
      this.#reconcile();
    });
  }

  #reconcile(): void {
    const active = this.activeMembers();
    if (active.length < this.desired) {
      for (let i = active.length; i < this.desired; i++) this.#launch();
    } else if (active.length > this.desired) {
      const victims = this.#chooseVictims(active, active.length - this.desired);
      const cause = `an instance was taken out of service in response to a difference between desired and actual capacity, shrinking the capacity from ${active.length} to ${this.desired}`;
      for (const v of victims) this.#startTermination(v, "scale-in", cause);
    }
  }

  #launch(): void {
    const az = this.#zoneWithFewest();
    const instance = this.#createInstance(az);
    this.#ec2.add(instance);
    const member: Member = { instance, lifecycleState: "Pending", healthStatus: "Healthy" };
    this.members.set(instance.instanceId, member);
    const active = this.activeMembers().length;
    const activity = this.#activity(
      `Launching a new EC2 instance: ${instance.instanceId}`,
      `At ${isoSeconds(this.#clock.now())} an instance was started in response to a difference between desired and actual capacity, increasing the capacity from ${active - 1} to ${this.desired}.`,
    );
    for (const l of this.#listeners) l.launched?.(instance);
    this.#clock.after(this.#timings.instanceRunningSeconds * 1000, () => {
      if (instance.state === "pending") instance.state = "running";
      if (member.lifecycleState === "Pending" && !this.#hook("launching")) this.#enterService(member, activity);
    });
    const hook = this.#hook("launching");
    if (hook)
      this.#clock.after(this.#timings.hookEntrySeconds * 1000, () => {
        if (member.lifecycleState !== "Pending") return;
        member.lifecycleState = "Pending:Wait";
        activity.statusCode = "InProgress";
        this.#startAction(member, hook);
      });
  }

  #startAction(member: Member, hook: LifecycleHook, token?: string, announce = true): void {
    const now = this.#clock.now();
    const timeoutAt = now + hook.heartbeatTimeoutSeconds * 1000;
    const action: ActiveAction = {
      hook,
      token: token ?? uuid(this.#rng),
      instanceId: member.instance.instanceId,
      startedAt: now,
      timeoutAt,
      hardDeadline: now + Math.min(HARD_CAP_MS, 100 * hook.heartbeatTimeoutSeconds * 1000),
      timer: { cancel: () => {} },
    };
    action.timer = this.#clock.at(timeoutAt, () => this.#timeout(member, action));
    member.action = action;
    if (!announce) return;
    for (const l of this.#listeners) l.actionStarted?.(action, hook.transition);
    for (const l of this.#listeners) l.lifecycleEvent?.(action, hook.transition);
  }

  #timeout(member: Member, action: ActiveAction): void {
    if (member.action !== action) return;
    member.action = undefined;
    const result = action.hook.defaultResult;
    for (const l of this.#listeners)
      l.actionEnded?.(action, action.hook.transition, result === "CONTINUE" ? "timeout-continue" : "timeout-abandon");
    this.#proceed(member, action.hook.transition, result);
  }

  #proceed(member: Member, transition: "launching" | "terminating", result: LifecycleResult): void {
    if (transition === "terminating") {
      this.#finishTermination(member);
      return;
    }
    if (result === "ABANDON") {
      this.#startTermination(member, "abandoned", "the launch lifecycle action was abandoned");
      return;
    }
    member.lifecycleState = "Pending:Proceed";
    this.#enterService(member, undefined);
  }

  #enterService(member: Member, activity: ScalingActivity | undefined): void {
    const instance = member.instance;
    if (instance.state === "terminated") return;
    for (const arn of this.attachedTargetGroupArns) {
      // The ASG registers a running instance; one still pending is registered when EC2 reports it running.
      if (instance.state === "running") this.#lb.groups.get(arn)?.register(instance);
    }
    member.lifecycleState = "InService";
    if (activity) {
      activity.statusCode = "Successful";
      activity.endTime = this.#clock.now();
    } else this.#completeLaunchActivity(instance.instanceId);
    for (const l of this.#listeners) l.inService?.(instance);
  }

  #startTermination(member: Member, why: "scale-in" | "abandoned", cause: string): void {
    if (member.lifecycleState.startsWith("Terminating")) return;
    member.action?.timer.cancel();
    member.action = undefined;
    member.lifecycleState = "Terminating";
    this.#activity(
      `Terminating EC2 instance: ${member.instance.instanceId}`,
      `At ${isoSeconds(this.#clock.now())} ${cause}.`,
    );
    for (const l of this.#listeners) l.terminating?.(member.instance, why);
    if (why === "abandoned") {
      this.#endActivity(`Launching a new EC2 instance: ${member.instance.instanceId}`, "Failed");
      this.#finishTermination(member);
      this.#scheduleReconcile();
      return;
    }
    // Attached target groups: Auto Scaling deregisters and waits for the deregistration delay first.
    let drainMs = 0;
    for (const arn of this.attachedTargetGroupArns) {
      const g = this.#lb.groups.get(arn);
      if (!g?.has(member.instance.instanceId)) continue;
      g.deregister(member.instance.instanceId);
      const s = g.settings;
      const seconds =
        s.type === "alb" ? Math.min(s.deregistrationDelaySeconds, s.albIdleDrainSeconds) : s.deregistrationDelaySeconds;
      drainMs = Math.max(drainMs, seconds * 1000);
    }
    this.#clock.after(drainMs, () => {
      const hook = this.#hook("terminating");
      if (hook) {
        member.lifecycleState = "Terminating:Wait";
        this.#startAction(member, hook);
      } else this.#finishTermination(member);
    });
  }

  #finishTermination(member: Member): void {
    member.lifecycleState = "Terminating:Proceed";
    const instance = member.instance;
    instance.state = "shutting-down";
    this.#clock.after(this.#timings.terminationSeconds * 1000, () => {
      this.#ec2.markTerminated(instance.instanceId, this.#clock.now());
      this.members.delete(instance.instanceId);
      this.#completeTerminateActivity(instance.instanceId);
      for (const l of this.#listeners) l.terminated?.(instance);
    });
  }

  #hook(transition: "launching" | "terminating"): LifecycleHook | undefined {
    return this.hooks.find((h) => h.transition === transition);
  }

  #zoneWithFewest(): string {
    const counts = this.#zoneCounts();
    let best = this.#settings.availabilityZones[0]!;
    for (const az of this.#settings.availabilityZones) if ((counts.get(az) ?? 0) < (counts.get(best) ?? 0)) best = az;
    return best;
  }

  #zoneCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.activeMembers()) {
      const az = m.instance.availabilityZone;
      counts.set(az, (counts.get(az) ?? 0) + 1);
    }
    return counts;
  }

  #chooseVictims(active: Member[], count: number): Member[] {
    const pool = [...active];
    const victims: Member[] = [];
    while (victims.length < count && pool.length > 0) {
      const counts = new Map<string, number>();
      for (const m of pool) counts.set(m.instance.availabilityZone, (counts.get(m.instance.availabilityZone) ?? 0) + 1);
      let zone = "";
      let most = -1;
      for (const [az, n] of counts) if (n > most) [zone, most] = [az, n];
      const inZone = pool.filter((m) => m.instance.availabilityZone === zone);
      const pick = inZone[Math.floor(this.#rng.next() * inZone.length)]!;
      victims.push(pick);
      pool.splice(pool.indexOf(pick), 1);
    }
    return victims;
  }

  #activity(description: string, cause: string): ScalingActivity {
    const a: ScalingActivity = {
      activityId: uuid(this.#rng),
      statusCode: "InProgress",
      description,
      cause,
      startTime: this.#clock.now(),
    };
    this.#activities.unshift(a);
    if (this.#activities.length > ACTIVITIES_KEPT) this.#activities.length = ACTIVITIES_KEPT;
    return a;
  }

  #completeLaunchActivity(instanceId: string): void {
    this.#endActivity(`Launching a new EC2 instance: ${instanceId}`);
  }

  #completeTerminateActivity(instanceId: string): void {
    this.#endActivity(`Terminating EC2 instance: ${instanceId}`);
  }

  #endActivity(description: string, status: "Successful" | "Failed" = "Successful"): void {
    const a = this.#activities.find((x) => x.description === description && x.statusCode === "InProgress");
    if (!a) return;
    a.statusCode = status;
    a.endTime = this.#clock.now();
  }
}

function validation(operation: string, message: string): AwsValidationError {
  return new AwsValidationError(message, { code: "ValidationError", operation, retryable: false, httpStatusCode: 400 });
}

function isoSeconds(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}
