/**
 * A small consistent world for launch/drain tests: one managed cluster (ASG + two target groups), its lifecycle hooks,
 * EC2 instances, a virtual clock, and recorders for notifications and hand-overs — all wired into `AutoscalerDeps`.
 * The probe is either scripted (a function of URL and virtual time) or real HTTP against the fake DP server.
 */
import type { Context } from "aws-lambda";
import { type ClusterConfigInput, type DeploymentConfig, deploymentConfigSchema } from "../shared/config/schema.ts";
import type { AutoscalerDeps } from "../shared/ports/deps.ts";
import type { LifecycleHook } from "../shared/ports/fleet.ts";
import type { HttpOutcome, HttpProbePort } from "../shared/ports/http-probe.ts";
import type { NotificationEvent } from "../shared/ports/notifier.ts";
import { FakeFleet } from "./fake-fleet.ts";
import { FakeInstances } from "./fake-instances.ts";
import { capturingLogger } from "./fake-logger.ts";
import { FakeTargets, type FakeTargetsOptions } from "./fake-targets.ts";
import { ManualClock } from "./manual-clock.ts";

export const ASG = "dp-edge-asg";
export const LAUNCH_HOOK = "dp-launch-hook";
export const TERMINATE_HOOK = "dp-terminate-hook";
export const TG_ALB = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dp-alb/0123456789abcdef";
export const TG_NLB = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dp-nlb/fedcba9876543210";
export const LAMBDA_TIMEOUT_MS = 900_000;

export const OK_API7: HttpOutcome = { kind: "response", status: 200, body: "" };
export const DP_MANAGER_DOWN: HttpOutcome = {
  kind: "response",
  status: 503,
  body: '{"error_msg":"none of the configured dp_manager available: connection refused"}\n',
};
export const REFUSED: HttpOutcome = { kind: "error", error: "refused", message: "connect ECONNREFUSED" };

export interface WorldOptions {
  cluster?: Partial<ClusterConfigInput>;
  /** The virtual clock (default `ManualClock`; a `SchedulingClock` where work runs beside a wait). */
  clock?: ManualClock;
  hookTimeoutSeconds?: number;
  targets?: FakeTargetsOptions;
  /** Default: a scripted probe answering `answer(url, now)`. */
  probe?: HttpProbePort;
  answer?: (url: string, now: number) => HttpOutcome;
}

export interface Handover {
  fn: "launch" | "drain";
  payload: Record<string, unknown>;
  at: number;
}

export class LifecycleWorld {
  readonly clock: ManualClock;
  readonly fleet: FakeFleet;
  readonly targets: FakeTargets;
  readonly instances = new FakeInstances();
  readonly log = capturingLogger();
  readonly notifications: NotificationEvent[] = [];
  readonly handovers: Handover[] = [];
  readonly probes: { url: string; at: number }[] = [];
  readonly config: DeploymentConfig;
  readonly deps: AutoscalerDeps;
  /** What the scripted probe answers; tests change it as time goes. */
  answer: (url: string, now: number) => HttpOutcome;
  private nextIp = 10;
  private nextRequest = 1;

  constructor(options: WorldOptions = {}) {
    this.clock = options.clock ?? new ManualClock();
    this.fleet = new FakeFleet(this.clock);
    this.targets = new FakeTargets(this.clock, options.targets);
    this.answer = options.answer ?? (() => REFUSED);
    this.config = deploymentConfigSchema.parse({
      clusters: [
        {
          name: "edge",
          autoScalingGroupName: ASG,
          targetGroupArns: [TG_ALB, TG_NLB],
          ...options.cluster,
        },
      ],
    });
    const hookTimeout = options.hookTimeoutSeconds ?? 300;
    const hooks: LifecycleHook[] = [
      { name: LAUNCH_HOOK, transition: "launching", heartbeatTimeoutSeconds: hookTimeout, defaultResult: "ABANDON" },
      {
        name: TERMINATE_HOOK,
        transition: "terminating",
        heartbeatTimeoutSeconds: hookTimeout,
        defaultResult: "CONTINUE",
      },
    ];
    this.fleet.addGroup({ name: ASG, desired: 2, min: 2, max: 10 }, hooks);
    const scripted: HttpProbePort = {
      get: async (url) => {
        this.probes.push({ url, at: this.clock.now() });
        return this.answer(url, this.clock.now());
      },
    };
    this.deps = {
      loadConfig: async () => this.config,
      clock: this.clock,
      logger: this.log.logger,
      fleet: this.fleet,
      instances: this.instances,
      targets: this.targets,
      metrics: { fetch: async () => ({}) },
      publisher: { publish: () => {} },
      probe: options.probe ?? scripted,
      notifier: {
        notify: async (e) => {
          this.notifications.push(e);
        },
      },
      continuation: {
        continueLater: async (fn, payload) => {
          this.handovers.push({ fn, payload, at: this.clock.now() });
        },
      },
      region: "eu-west-1",
    };
  }

  get cluster() {
    return this.config.clusters[0]!;
  }

  /** An instance launches into the group and waits in `Pending:Wait`; returns its EventBridge event. */
  launch(instanceId: string, options: { privateIp?: string; token?: string; startedAt?: number } = {}) {
    const startedAt = options.startedAt ?? this.clock.now();
    const token = options.token ?? `token-${instanceId}`;
    this.instances.add({
      instanceId,
      privateIp: options.privateIp ?? `10.0.1.${this.nextIp++}`,
      groupName: ASG,
      launchTime: startedAt,
    });
    this.fleet.startAction({
      groupName: ASG,
      hookName: LAUNCH_HOOK,
      instanceId,
      token,
      transition: "launching",
      startedAt,
    });
    return eventBridgeLifecycle("launching", { instanceId, token, hookName: LAUNCH_HOOK, time: startedAt });
  }

  /** An instance already serving in the group (`InService`, known to EC2): a peer the launch may ask about the CP. */
  inService(instanceId: string, options: { privateIp?: string; healthStatus?: "Healthy" | "Unhealthy" } = {}) {
    const info = this.instances.add({
      instanceId,
      privateIp: options.privateIp ?? `10.0.2.${this.nextIp++}`,
      groupName: ASG,
    });
    this.fleet.setLifecycleState(ASG, instanceId, "InService");
    if (options.healthStatus === "Unhealthy")
      this.fleet.groups.get(ASG)!.instances.find((i) => i.instanceId === instanceId)!.healthStatus = "Unhealthy";
    return info;
  }

  /** An in-service, registered instance starts terminating (`Terminating:Wait`); returns its EventBridge event. */
  async terminate(instanceId: string, options: { token?: string } = {}) {
    const token = options.token ?? `token-${instanceId}`;
    if (!this.instances.instances.has(instanceId))
      this.instances.add({ instanceId, privateIp: `10.0.1.${this.nextIp++}`, groupName: ASG });
    await this.targets.register(TG_ALB, [instanceId]);
    await this.targets.register(TG_NLB, [instanceId]);
    this.fleet.startAction({ groupName: ASG, hookName: TERMINATE_HOOK, instanceId, token, transition: "terminating" });
    return eventBridgeLifecycle("terminating", {
      instanceId,
      token,
      hookName: TERMINATE_HOOK,
      time: this.clock.now(),
    });
  }

  /** A Lambda context whose remaining time runs on the virtual clock from now. */
  context(timeoutMs = LAMBDA_TIMEOUT_MS): Context {
    const endsAt = this.clock.now() + timeoutMs;
    const id = `req-${this.nextRequest++}`;
    return {
      callbackWaitsForEmptyEventLoop: false,
      functionName: "dp-autoscaler-launch",
      functionVersion: "$LATEST",
      invokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:dp-autoscaler-launch",
      memoryLimitInMB: "256",
      awsRequestId: id,
      logGroupName: "/aws/lambda/dp-autoscaler-launch",
      logStreamName: "2026/01/15/[$LATEST]0123456789abcdef",
      getRemainingTimeInMillis: () => Math.max(0, endsAt - this.clock.now()),
      done: () => {},
      fail: () => {},
      succeed: () => {},
    };
  }

  /** Takes the hand-overs recorded so far (the caller invokes them, as Lambda would). */
  takeHandovers(): Handover[] {
    return this.handovers.splice(0, this.handovers.length);
  }

  notificationsOf<K extends NotificationEvent["kind"]>(kind: K): Extract<NotificationEvent, { kind: K }>[] {
    return this.notifications.filter((n): n is Extract<NotificationEvent, { kind: K }> => n.kind === kind);
  }
}

export function eventBridgeLifecycle(
  transition: "launching" | "terminating",
  o: { instanceId: string; token?: string; hookName: string; time: number; groupName?: string; destination?: string },
) {
  const launching = transition === "launching";
  return {
    version: "0",
    id: `evt-${o.instanceId}-${o.time}`,
    "detail-type": launching ? "EC2 Instance-launch Lifecycle Action" : "EC2 Instance-terminate Lifecycle Action",
    source: "aws.autoscaling",
    account: "123456789012",
    time: new Date(o.time).toISOString().replace(/\.\d{3}Z$/, "Z"),
    region: "eu-west-1",
    resources: [`arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:uuid:autoScalingGroupName/${ASG}`],
    detail: {
      ...(o.token !== undefined ? { LifecycleActionToken: o.token } : {}),
      AutoScalingGroupName: o.groupName ?? ASG,
      LifecycleHookName: o.hookName,
      EC2InstanceId: o.instanceId,
      LifecycleTransition: launching ? "autoscaling:EC2_INSTANCE_LAUNCHING" : "autoscaling:EC2_INSTANCE_TERMINATING",
      Origin: launching ? "EC2" : "AutoScalingGroup",
      Destination: o.destination ?? (launching ? "AutoScalingGroup" : "EC2"),
    },
  };
}
