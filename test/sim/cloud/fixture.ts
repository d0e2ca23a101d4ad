/**
 * A small simulated cloud for unit tests of its parts: a virtual clock, a control plane, EC2, one target group and one
 * Auto Scaling group whose instances get DP nodes with fixed traits (boot 40 s, sync 5 s) unless a test says otherwise.
 */
import type { LifecycleHook } from "../../../shared/ports/fleet.ts";
import { SimAutoScalingGroup } from "../../../sim/cloud/auto-scaling-group.ts";
import { SimEc2, type SimInstance } from "../../../sim/cloud/ec2.ts";
import { SimLoadBalancing, SimTargetGroup, type TargetGroupSettings } from "../../../sim/cloud/target-group.ts";
import { ControlPlane } from "../../../sim/model/control-plane.ts";
import { DpNode, type DpNodeTraits } from "../../../sim/model/dp-node.ts";
import { createRng } from "../../../sim/random.ts";
import { VirtualClock } from "../../../sim/virtual-clock.ts";

export const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);
export const TG_ARN = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/dp/0123456789abcdef";

export const LAUNCH_HOOK: LifecycleHook = {
  name: "dp-autoscaler-launch",
  transition: "launching",
  heartbeatTimeoutSeconds: 300,
  defaultResult: "ABANDON",
};
export const TERMINATE_HOOK: LifecycleHook = {
  name: "dp-autoscaler-terminate",
  transition: "terminating",
  heartbeatTimeoutSeconds: 300,
  defaultResult: "CONTINUE",
};

export const NODE: DpNodeTraits = {
  mode: "api7",
  workers: 4,
  firstPid: 1000,
  bootMs: 40_000,
  syncMs: 5000,
  neverReady: false,
  cpConnectFailMs: 30_000,
  restartMs: 10_000,
};

export interface FixtureOptions {
  hooks?: LifecycleHook[];
  attach?: boolean;
  desired?: number;
  min?: number;
  max?: number;
  traits?: Partial<DpNodeTraits>;
  targetGroup?: Partial<TargetGroupSettings>;
}

export function cloudFixture(options: FixtureOptions = {}) {
  const clock = new VirtualClock(T0);
  const rng = createRng(7);
  const cp = new ControlPlane({ outages: [], slow: [] }, T0, undefined);
  const ec2 = new SimEc2(rng.fork("ec2"));
  const tg = new SimTargetGroup(
    {
      arn: TG_ARN,
      type: "alb",
      healthCheck: "http-traffic",
      intervalSeconds: 30,
      healthyThreshold: 5,
      unhealthyThreshold: 2,
      registrationDelaySeconds: { min: 10, max: 10 },
      deregistrationDelaySeconds: 300,
      albIdleDrainSeconds: 30,
      consistencyDelaySeconds: { min: 2, max: 2 },
      ...options.targetGroup,
    },
    clock,
    rng.fork("tg"),
  );
  const lb = new SimLoadBalancing(ec2, [tg]);
  const newInstance = (az: string, traits: Partial<DpNodeTraits> = {}, warm = false): SimInstance => {
    const id = ec2.newInstanceId();
    const t = { ...NODE, ...options.traits, ...traits };
    return {
      instanceId: id,
      privateIp: ec2.newPrivateIp(),
      instanceType: "c6i.xlarge",
      availabilityZone: az,
      groupName: "dp-asg",
      launchTime: clock.now(),
      state: warm ? "running" : "pending",
      node: warm ? DpNode.warm(id, t, clock, cp) : new DpNode(id, t, clock, cp),
      minuteRequests: 0,
    };
  };
  const asg = new SimAutoScalingGroup(
    {
      name: "dp-asg",
      min: options.min ?? 1,
      max: options.max ?? 10,
      desired: options.desired ?? 0,
      hooks: options.hooks ?? [LAUNCH_HOOK, TERMINATE_HOOK],
      attachedTargetGroupArns: options.attach ? [TG_ARN] : [],
      availabilityZones: ["us-east-1a", "us-east-1b", "us-east-1c"],
    },
    { reactionSeconds: { min: 5, max: 5 }, instanceRunningSeconds: 15, terminationSeconds: 30, hookEntrySeconds: 2 },
    { clock, rng: rng.fork("asg"), ec2, lb, createInstance: (az) => newInstance(az) },
  );
  /** Adds a warm, registered, in-service node. */
  const warmNode = (az = "us-east-1a"): SimInstance => {
    const i = newInstance(az, {}, true);
    ec2.add(i);
    asg.adopt(i);
    return i;
  };
  return { clock, cp, ec2, tg, lb, asg, newInstance, warmNode };
}

/** Advances the fixture's clock by `seconds`. */
export async function advance(clock: VirtualClock, seconds: number): Promise<void> {
  await clock.runUntil(clock.now() + seconds * 1000);
}
