/**
 * The simulator's side of the port contracts: a `WorldState` → a simulated cloud (virtual clock, EC2, Auto Scaling
 * groups, target groups, CloudWatch) and its ports, the same classes `ours` runs against in every simulation.
 *
 * Two liberties, both only here: targets named without an instance are registered through a running stand-in (ELBv2
 * would refuse an unknown instance with `InvalidTarget`), and DescribeTargetHealth shows a registration at once (the
 * simulation's default lags up to 3 s, as ELBv2's eventual consistency does).
 */
import type { FleetPort } from "../../shared/ports/fleet.ts";
import type { InstancesPort } from "../../shared/ports/instances.ts";
import type { MetricsPort } from "../../shared/ports/metrics.ts";
import type { TargetsPort } from "../../shared/ports/targets.ts";
import { SimAutoScalingGroup } from "../../sim/cloud/auto-scaling-group.ts";
import { metricKey, SimCloudWatch, SimMetrics } from "../../sim/cloud/cloudwatch.ts";
import { type Ec2State, SimEc2, type SimInstance, SimInstances } from "../../sim/cloud/ec2.ts";
import { SimFleet } from "../../sim/cloud/fleet-port.ts";
import { SimLoadBalancing, SimTargetGroup } from "../../sim/cloud/target-group.ts";
import { SimTargets } from "../../sim/cloud/targets-port.ts";
import { ControlPlane } from "../../sim/model/control-plane.ts";
import { DpNode } from "../../sim/model/dp-node.ts";
import { createRng } from "../../sim/random.ts";
import { VirtualClock } from "../../sim/virtual-clock.ts";
import type { WorldState } from "./world.ts";

const T0 = Date.UTC(2024, 0, 1, 13, 0, 0);

export interface SimulatedCloud {
  fleet: FleetPort;
  instances: InstancesPort;
  targets: TargetsPort;
  metrics: MetricsPort;
  clock: VirtualClock;
}

export function simulatedCloudFrom(state: WorldState): SimulatedCloud {
  // The contracts' metric worlds sit around 2024-01-01 12:00; the clock is past them so every datapoint is readable.
  const clock = new VirtualClock(T0 + 86_400_000);
  const rng = createRng(1);
  const cp = new ControlPlane({ outages: [], slow: [] }, T0, undefined);
  const ec2 = new SimEc2(rng.fork("ec2"));
  const instance = (
    id: string,
    fields: {
      state?: Ec2State;
      privateIp?: string;
      instanceType?: string;
      groupName?: string;
      launchTime?: number;
      availabilityZone?: string;
    } = {},
  ): SimInstance => ({
    instanceId: id,
    privateIp: fields.privateIp ?? ec2.newPrivateIp(),
    instanceType: fields.instanceType ?? "c6i.large",
    availabilityZone: fields.availabilityZone ?? "eu-west-1a",
    groupName: fields.groupName ?? "",
    launchTime: fields.launchTime ?? T0,
    state: fields.state ?? "running",
    node: new DpNode(
      id,
      {
        mode: "api7",
        workers: 2,
        firstPid: 100,
        bootMs: undefined,
        syncMs: 0,
        neverReady: false,
        cpConnectFailMs: 0,
        restartMs: 0,
      },
      clock,
      cp,
    ),
    minuteRequests: 0,
  });
  const known = (id: string, fields: Parameters<typeof instance>[1] = {}): SimInstance => {
    const existing = ec2.instances.get(id);
    if (existing) return existing;
    const created = instance(id, fields);
    ec2.add(created);
    return created;
  };
  for (const i of state.instances ?? [])
    known(i.instanceId, {
      state: i.state as Ec2State,
      privateIp: i.privateIp,
      instanceType: i.instanceType,
      groupName: i.groupName,
      launchTime: i.launchTime,
    });

  const groups = (state.targetGroups ?? []).map((spec, n) => {
    const g = new SimTargetGroup(
      {
        arn: spec.arn,
        type: "alb",
        healthCheck: "http-traffic",
        intervalSeconds: 30,
        healthyThreshold: 5,
        unhealthyThreshold: 2,
        registrationDelaySeconds: { min: 5, max: 35 },
        deregistrationDelaySeconds: spec.deregistrationDelaySeconds ?? 300,
        albIdleDrainSeconds: 30,
        consistencyDelaySeconds: { min: 0, max: 0 },
      },
      clock,
      rng.fork(`tg-${n}`),
    );
    for (const t of spec.targets ?? []) g.adopt(known(t.instanceId), t.state, t.reason);
    return g;
  });
  const lb = new SimLoadBalancing(ec2, groups);

  const asgs = (state.groups ?? []).map((spec) => {
    const asg = new SimAutoScalingGroup(
      {
        name: spec.name,
        min: spec.min,
        max: spec.max,
        desired: spec.desired,
        hooks: (spec.hooks ?? []).map((h) => ({ ...h })),
        attachedTargetGroupArns: spec.targetGroupArns ?? [],
        availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
      },
      { reactionSeconds: { min: 5, max: 5 }, instanceRunningSeconds: 15, terminationSeconds: 30, hookEntrySeconds: 2 },
      {
        clock,
        rng: rng.fork(spec.name),
        ec2,
        lb,
        createInstance: (az) => instance(ec2.newInstanceId(), { availabilityZone: az, groupName: spec.name }),
      },
    );
    for (const m of spec.instances ?? [])
      asg.adopt(
        known(m.instanceId, {
          instanceType: m.instanceType,
          availabilityZone: m.availabilityZone,
          groupName: spec.name,
        }),
        m.lifecycleState,
        m.healthStatus,
      );
    Object.assign(asg.tags, spec.tags ?? {});
    asg.adoptActivities(spec.activities ?? []);
    return asg;
  });
  for (const a of state.lifecycleActions ?? []) {
    const asg = asgs.find((g) => g.name === a.groupName);
    asg?.adoptAction(a.instanceId, a.hookName, a.token);
  }

  const cw = new SimCloudWatch(clock);
  for (const m of state.metrics ?? [])
    for (const p of m.points)
      cw.putStatistic(metricKey(m.namespace, m.metricName, m.dimensions), m.stat, m.periodSeconds, p, p.t);

  const baselineBpsByType: Record<string, number> = {};
  for (const [type, spec] of Object.entries(state.instanceTypes ?? {}))
    if (spec.baselineGbps !== undefined) baselineBpsByType[type] = spec.baselineGbps * 1e9;

  return {
    fleet: new SimFleet(asgs),
    instances: new SimInstances(ec2, { baselineBpsByType }),
    targets: new SimTargets(lb, { unknownInstance: (id) => instance(id) }),
    metrics: new SimMetrics(cw),
    clock,
  };
}
