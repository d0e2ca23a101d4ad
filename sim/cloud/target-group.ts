/**
 * A simulated ELBv2 target group, with the timing that matters to a launch: registration takes a while before the first
 * health check (NLB: 90–180 s), a new target needs one passing check to turn `healthy`, an established one needs
 * `healthyThreshold` passes to recover and `unhealthyThreshold` failures to fall; DescribeTargetHealth lags a fresh
 * registration (`unused` for a moment: ELBv2 is eventually consistent); deregistration drains for the deregistration
 * delay (an ALB ends early once idle). The load balancer routes to healthy targets and fails open to all registered
 * ones when none is healthy.
 *
 * Health checks run in one sweep per interval for the whole group (targets share the check's phase); a new target
 * gets its first check on its own timer.
 */
import type { TargetHealth, TargetState } from "../../shared/ports/targets.ts";
import type { HealthCheckKind } from "../model/dp-node.ts";
import type { Rng } from "../random.ts";
import type { SecondsRange } from "../scenario/schema.ts";
import type { VirtualClock } from "../virtual-clock.ts";
import type { SimEc2, SimInstance } from "./ec2.ts";

export interface TargetGroupSettings {
  arn: string;
  type: "alb" | "nlb";
  healthCheck: HealthCheckKind;
  intervalSeconds: number;
  healthyThreshold: number;
  unhealthyThreshold: number;
  registrationDelaySeconds: SecondsRange;
  deregistrationDelaySeconds: number;
  albIdleDrainSeconds: number;
  consistencyDelaySeconds: SecondsRange;
}

interface Target {
  instance: SimInstance;
  state: TargetState;
  reason?: string;
  registeredAt: number;
  /** Before this, DescribeTargetHealth does not show the registration yet. */
  visibleAt: number;
  /** The first health check is done (the target joins the group's sweep). */
  checked: boolean;
  everHealthy: boolean;
  ok: number;
  fail: number;
  drainTimer?: { cancel(): void };
  firstCheckTimer?: { cancel(): void };
}

export interface TargetGroupListener {
  registered?(groupArn: string, instance: SimInstance): void;
  deregistered?(groupArn: string, instance: SimInstance): void;
  /** Draining ended: the target is gone from the group. */
  removed?(groupArn: string, instance: SimInstance): void;
}

export class SimTargetGroup {
  readonly settings: TargetGroupSettings;
  readonly #targets = new Map<string, Target>();
  readonly #clock: VirtualClock;
  readonly #rng: Rng;
  readonly #listeners: TargetGroupListener[] = [];
  /** Bumped whenever routing may change (registration, health, drain): lets callers cache `routable()`. */
  version = 0;

  constructor(settings: TargetGroupSettings, clock: VirtualClock, rng: Rng) {
    this.settings = settings;
    this.#clock = clock;
    this.#rng = rng;
    const sweep = (): void => {
      this.#sweep();
      clock.after(settings.intervalSeconds * 1000, sweep);
    };
    clock.after(settings.intervalSeconds * 1000, sweep);
  }

  listen(listener: TargetGroupListener): void {
    this.#listeners.push(listener);
  }

  /** Registers (idempotent). A target that is draining is registered again from scratch. */
  register(instance: SimInstance): void {
    const existing = this.#targets.get(instance.instanceId);
    if (existing && existing.state !== "draining") return;
    existing?.drainTimer?.cancel();
    const now = this.#clock.now();
    const s = this.settings;
    const target: Target = {
      instance,
      state: "initial",
      reason: "Elb.RegistrationInProgress",
      registeredAt: now,
      visibleAt: now + draw(this.#rng, s.consistencyDelaySeconds) * 1000,
      checked: false,
      everHealthy: false,
      ok: 0,
      fail: 0,
    };
    this.#targets.set(instance.instanceId, target);
    this.version++;
    target.firstCheckTimer = this.#clock.after(draw(this.#rng, s.registrationDelaySeconds) * 1000, () => {
      target.firstCheckTimer = undefined;
      target.reason = "Elb.InitialHealthChecking";
      target.checked = true;
      this.#check(target);
    });
    for (const l of this.#listeners) l.registered?.(s.arn, instance);
  }

  /** A target already registered in a given state (a contract test's world). */
  adopt(instance: SimInstance, state: TargetState, reason?: string): void {
    const now = this.#clock.now();
    const healthy = state === "healthy";
    this.#targets.set(instance.instanceId, {
      instance,
      state,
      reason,
      registeredAt: now,
      visibleAt: now,
      checked: state !== "initial",
      everHealthy: healthy,
      ok: healthy ? this.settings.healthyThreshold : 0,
      fail: state === "unhealthy" ? this.settings.unhealthyThreshold : 0,
    });
    this.version++;
  }

  /** Deregisters (idempotent; unknown targets are fine): the target drains, then leaves. */
  deregister(instanceId: string): void {
    const t = this.#targets.get(instanceId);
    if (!t || t.state === "draining") return;
    t.firstCheckTimer?.cancel();
    t.state = "draining";
    t.reason = "Target.DeregistrationInProgress";
    this.version++;
    const s = this.settings;
    const drainSeconds =
      s.type === "alb" ? Math.min(s.deregistrationDelaySeconds, s.albIdleDrainSeconds) : s.deregistrationDelaySeconds;
    t.drainTimer = this.#clock.after(drainSeconds * 1000, () => {
      this.#targets.delete(instanceId);
      this.version++;
      for (const l of this.#listeners) l.removed?.(s.arn, t.instance);
    });
    for (const l of this.#listeners) l.deregistered?.(s.arn, t.instance);
  }

  /** DescribeTargetHealth: the given targets (unknown ones `unused`), or every registered target. */
  health(instanceIds?: string[]): TargetHealth[] {
    const now = this.#clock.now();
    if (instanceIds === undefined) {
      const out: TargetHealth[] = [];
      for (const t of this.#targets.values()) if (now >= t.visibleAt) out.push(this.#report(t));
      return out;
    }
    return instanceIds.map((id) => {
      const t = this.#targets.get(id);
      if (!t || now < t.visibleAt) return { instanceId: id, state: "unused", reason: "Target.NotRegistered" };
      return this.#report(t);
    });
  }

  /** Registered and not draining (whatever its health). */
  isRegistered(instanceId: string): boolean {
    const t = this.#targets.get(instanceId);
    return t !== undefined && t.state !== "draining";
  }

  /** Registered, draining included. */
  has(instanceId: string): boolean {
    return this.#targets.has(instanceId);
  }

  /** The target's state as the load balancer holds it (no eventual-consistency lag), or undefined. */
  stateOf(instanceId: string): TargetState | undefined {
    return this.#targets.get(instanceId)?.state;
  }

  isDraining(instanceId: string): boolean {
    return this.#targets.get(instanceId)?.state === "draining";
  }

  /** The instances the load balancer sends new requests to now. */
  routable(): SimInstance[] {
    const healthy: SimInstance[] = [];
    const candidates: SimInstance[] = [];
    for (const t of this.#targets.values()) {
      if (t.state === "healthy") healthy.push(t.instance);
      else if (t.state === "unhealthy") candidates.push(t.instance);
    }
    // Fail open: with no healthy target, ELBv2 routes to every unhealthy one.
    return healthy.length > 0 ? healthy : candidates;
  }

  /** Count of targets by state (for status and tests). */
  countByState(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const t of this.#targets.values()) out[t.state] = (out[t.state] ?? 0) + 1;
    return out;
  }

  #report(t: Target): TargetHealth {
    if (t.instance.state === "terminated" && t.state !== "draining")
      return { instanceId: t.instance.instanceId, state: "unused", reason: "Target.InvalidState" };
    return t.reason === undefined
      ? { instanceId: t.instance.instanceId, state: t.state }
      : { instanceId: t.instance.instanceId, state: t.state, reason: t.reason };
  }

  #sweep(): void {
    for (const t of this.#targets.values()) if (t.checked && t.state !== "draining") this.#check(t);
  }

  #check(t: Target): void {
    const s = this.settings;
    const pass = t.instance.state !== "terminated" && t.instance.node.passesHealthCheck(s.healthCheck);
    if (pass) {
      t.ok++;
      t.fail = 0;
    } else {
      t.fail++;
      t.ok = 0;
    }
    if (t.state === "initial") {
      if (pass) this.#setHealthy(t);
      else if (t.fail >= s.unhealthyThreshold) this.#setUnhealthy(t);
    } else if (t.state === "healthy") {
      if (t.fail >= s.unhealthyThreshold) this.#setUnhealthy(t);
    } else if (t.state === "unhealthy" && t.ok >= s.healthyThreshold) {
      this.#setHealthy(t);
    }
  }

  #setHealthy(t: Target): void {
    this.version++;
    t.state = "healthy";
    t.reason = undefined;
    t.everHealthy = true;
  }

  #setUnhealthy(t: Target): void {
    this.version++;
    t.state = "unhealthy";
    t.reason = this.settings.healthCheck === "tcp" ? "Target.FailedHealthChecks" : "Target.ResponseCodeMismatch";
  }
}

/** The target groups of a run, by ARN: the registry and what routes requests. */
export class SimLoadBalancing {
  readonly groups = new Map<string, SimTargetGroup>();

  constructor(
    readonly ec2: SimEc2,
    groups: SimTargetGroup[],
  ) {
    for (const g of groups) this.groups.set(g.settings.arn, g);
  }

  /** Registered in at least one group and not draining there. */
  isRegisteredAnywhere(instanceId: string): boolean {
    for (const g of this.groups.values()) if (g.isRegistered(instanceId)) return true;
    return false;
  }

  isHealthyAnywhere(instanceId: string): boolean {
    for (const g of this.groups.values()) if (g.stateOf(instanceId) === "healthy") return true;
    return false;
  }

  isDrainingAnywhere(instanceId: string): boolean {
    for (const g of this.groups.values()) if (g.isDraining(instanceId)) return true;
    return false;
  }
}

function draw(rng: Rng, range: SecondsRange): number {
  return range.max > range.min ? rng.uniform(range.min, range.max) : range.min;
}
