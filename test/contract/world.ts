/**
 * The neutral description of a cloud that every contract case starts from. An implementation's harness turns it into
 * its own world (the AWS harness: mocked SDK responses; the simulator: seeded simulated resources) and hands back the
 * port to test. Every field is optional: a case describes only what it needs.
 */
import type { Point } from "../../shared/domain/observation.ts";
import type { GroupInstance, LifecycleHook, ScalingActivity } from "../../shared/ports/fleet.ts";
import type { InstanceInfo } from "../../shared/ports/instances.ts";
import type { TargetHealth } from "../../shared/ports/targets.ts";

export interface GroupSpec {
  name: string;
  desired: number;
  min: number;
  max: number;
  instances?: GroupInstance[];
  tags?: Record<string, string>;
  targetGroupArns?: string[];
  hooks?: LifecycleHook[];
  /** Any order: implementations answer newest first. */
  activities?: ScalingActivity[];
}

/** A lifecycle action waiting for completion (the instance sits in Pending:Wait or Terminating:Wait). */
export interface PendingLifecycleAction {
  groupName: string;
  hookName: string;
  instanceId: string;
  token: string;
}

export interface InstanceTypeSpec {
  /** What the cloud reports as the type's baseline bandwidth; absent = the cloud does not say (fallback applies). */
  baselineGbps?: number;
}

export interface TargetGroupSpec {
  arn: string;
  /** Absent = the ELBv2 default (300 s). */
  deregistrationDelaySeconds?: number;
  /** Registered targets and their current health. */
  targets?: TargetHealth[];
}

/** Datapoints the metrics store holds for one metric at one stat and period (as CloudWatch would aggregate them). */
export interface MetricSeriesSpec {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  stat: string;
  periodSeconds: number;
  /** Any order; `t` is the period start (epoch ms). */
  points: Point[];
}

export interface WorldState {
  groups?: GroupSpec[];
  lifecycleActions?: PendingLifecycleAction[];
  instances?: InstanceInfo[];
  /** Instance types the cloud knows; a type not listed is unknown to it. */
  instanceTypes?: Record<string, InstanceTypeSpec>;
  targetGroups?: TargetGroupSpec[];
  metrics?: MetricSeriesSpec[];
}

/** How a contract suite gets the port under test: build a world from `state`, return the port that talks to it. */
export interface Harness<Port> {
  /** Shown in the test names, e.g. "AWS adapter" or "simulator". */
  name: string;
  given(state: WorldState): Promise<Port>;
}
