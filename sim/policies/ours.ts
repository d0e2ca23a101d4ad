/**
 * `ours`: the real autoscaler, deployed into the simulated cloud exactly as `serverless.yml` deploys it into AWS — the
 * scaler, launch and drain handlers built by their factories over `AutoscalerDeps` (the simulated ports, the virtual
 * clock, a silent Powertools logger), each a simulated Lambda (the scaler serialised, reserved concurrency 1; 60 s and
 * 900 s timeouts), triggered by
 * - the EventBridge 1-minute schedule (`scheduleOffsetSeconds` into each minute);
 * - CloudWatch alarms on the group's CPU and per-node NetworkOut above their targets (1 of 1 one-minute datapoints),
 *   whose state changes EventBridge delivers (at least once);
 * - the group's launch and terminate lifecycle hooks (named `dp-autoscaler-launch` / `-terminate`, heartbeat timeout
 *   from the cluster's `lifecycle`, DefaultResult ABANDON / CONTINUE), whose events EventBridge delivers best effort;
 * - continuations (`ContinuationPort`), delivered as asynchronous invokes a second later;
 * - the scenario's operator requests, each a direct invoke of the operator function (`createOperatorHandler`).
 * Faults apply on the way: lost lifecycle events, duplicated events, throttled AWS calls.
 */
import { deploymentConfigSchema } from "../../shared/config/schema.ts";
import type { ContinuationPort } from "../../shared/ports/continuation.ts";
import type { AutoscalerDeps } from "../../shared/ports/deps.ts";
import type { LifecycleHook } from "../../shared/ports/fleet.ts";
import { type LambdaFunction, type LambdaHandler, withOnlyPorts } from "../../shared/runtime/functions.ts";
import { createDrainHandler } from "../../shared/services/drain/create-handler.ts";
import { createLaunchHandler } from "../../shared/services/launch/create-handler.ts";
import { sweepLifecycle } from "../../shared/services/lifecycle/sweep.ts";
import { createOperatorHandler } from "../../shared/services/operator/create-handler.ts";
import { createScalerHandler } from "../../shared/services/scaler/create-handler.ts";
import type { ScalerResult } from "../../shared/services/scaler/run-trigger.ts";
import { type ThrottleCounter, withThrottling } from "../cloud/api-faults.ts";
import { withLatency } from "../cloud/api-latency.ts";
import { alarmStateChangeEvent, SIM_REGION, scheduleEvent } from "../cloud/aws-shapes.ts";
import { SimPublisher } from "../cloud/cloudwatch.ts";
import { SimInstances } from "../cloud/ec2.ts";
import { SimFleet } from "../cloud/fleet-port.ts";
import { SimLambda } from "../cloud/lambda.ts";
import { SimLogger } from "../cloud/logger.ts";
import { withStaleGroupReads } from "../cloud/stale-reads.ts";
import { SimTargets } from "../cloud/targets-port.ts";
import { EventBus } from "../event-bus.ts";
import { historyAwareMetrics } from "../history/history-metrics.ts";
import type { Rng } from "../random.ts";
import type { PolicySetup, SimPolicy, SimWorld } from "../world.ts";
import { oursAlarms } from "./ours-alarms.ts";

export const LAUNCH_HOOK_NAME = "dp-autoscaler-launch";
export const TERMINATE_HOOK_NAME = "dp-autoscaler-terminate";
/** The EMF metrics the scaler publishes are readable this long after the decision. */
const OWN_METRICS_DELAY_MS = 10_000;
/** An asynchronous self-invoke (the continuation) starts about this long later. */
const CONTINUATION_DELAY_MS = 1000;

export function oursPolicy(): SimPolicy {
  let stopped = false;
  const lambdas: SimLambda[] = [];

  return {
    name: "ours",
    setup(world: SimWorld): PolicySetup {
      const heartbeat = world.cluster.lifecycle.heartbeatTimeoutSeconds;
      const hooks: LifecycleHook[] = [
        {
          name: LAUNCH_HOOK_NAME,
          transition: "launching",
          heartbeatTimeoutSeconds: heartbeat,
          defaultResult: "ABANDON",
        },
        {
          name: TERMINATE_HOOK_NAME,
          transition: "terminating",
          heartbeatTimeoutSeconds: heartbeat,
          defaultResult: "CONTINUE",
        },
      ];
      return { hooks, attachTargetGroups: false, maxSize: world.cluster.maxNodes };
    },

    start(world: SimWorld) {
      const { clock, scenario } = world;
      const rng = world.rng.fork("ours");
      const bus = new EventBus(clock, rng.fork("bus"), scenario.cloud.eventDelaySeconds, scenario.faults);
      const functions: Partial<Record<"scaler" | "launch" | "drain", SimLambda>> = {};
      const continuation: ContinuationPort = {
        async continueLater(fn, payload) {
          const target = functions[fn];
          if (!target) throw new Error(`no ${fn} function in the simulated deployment`);
          clock.after(CONTINUATION_DELAY_MS, () => target.invokeAsync(structuredClone(payload)));
        },
      };
      const deps = simulatedDeps(world, continuation, rng);
      // Each function notifies through its own coalescing channel, as each warm container has its own coalescer.
      const depsOf = (fn: LambdaFunction) =>
        withOnlyPorts(
          {
            ...deps,
            notifier: world.notifier.channel(simulatedConfig(world).notify, world.cluster.notify),
          },
          fn,
        );
      const make = (name: LambdaFunction, handler: LambdaHandler, timeoutSeconds: number) => {
        const fn = new SimLambda(
          {
            functionName: `dp-autoscaler-${name}`,
            timeoutSeconds,
            reservedConcurrency: name === "scaler" ? 1 : undefined,
            coldStart: {
              initMs: scenario.cloud.lambdaInitMilliseconds,
              idleMs: scenario.cloud.lambdaIdleSeconds * 1000,
            },
          },
          handler,
          clock,
          rng.fork(name),
          {
            result: name === "scaler" ? (value) => recordDecisions(world, value as ScalerResult) : undefined,
            error: (message) => world.recorder.event(clock.now(), "fault", `${name} invocation failed: ${message}`),
          },
        );
        if (name !== "operator") functions[name] = fn;
        lambdas.push(fn);
        return fn;
      };
      // Each function sees only the ports its Lambda composition gives it (functions/<fn>/handler.ts): a handler that
      // starts calling another one fails here with a PortNotAvailableError, as it would in Lambda.
      const scalerDeps = depsOf("scaler");
      const scaler = make(
        "scaler",
        createScalerHandler(scalerDeps, {
          sweepLifecycle: (c, g) => sweepLifecycle(scalerDeps, c, g),
        }) as LambdaHandler,
        60,
      );
      const launch = make("launch", createLaunchHandler(depsOf("launch")) as LambdaHandler, 900);
      const drain = make("drain", createDrainHandler(depsOf("drain")) as LambdaHandler, 900);
      const operator = make("operator", createOperatorHandler(depsOf("operator")) as LambdaHandler, 30);

      // People and scripts: the scenario's operator requests, invoked directly (RequestResponse).
      for (const { atMinute, request } of scenario.operator) {
        const at = world.originMs + atMinute * 60_000;
        clock.at(at, async () => {
          const answer = (await operator.invoke(structuredClone(request))) as OperatorAnswer | undefined;
          const action = typeof request.action === "string" ? request.action : "?";
          world.recorder.event(
            at,
            "manual",
            answer?.ok
              ? `operator ${action}: ok`
              : `operator ${action} refused: ${answer?.error?.code ?? "?"}: ${answer?.error?.message ?? "no answer"}`,
          );
        });
      }

      // The EventBridge schedule rule: rate(1 minute).
      const ruleRng = rng.fork("schedule");
      const firstTick = Math.ceil(world.warmupStartMs / 60_000) * 60_000 + scenario.cloud.scheduleOffsetSeconds * 1000;
      const tick = (): void => {
        if (stopped) return;
        scaler.invokeAsync(scheduleEvent(ruleRng, "dp-autoscaler-scaler-tick", clock.now()));
        clock.after(60_000, tick);
      };
      clock.at(firstTick, tick);

      // The deployment's alarms: their state changes wake the scaler between ticks.
      const alarmRng = rng.fork("alarms");
      const alarms = oursAlarms(world);
      for (const alarm of alarms)
        alarm.onTransition((a, previous, current) => {
          if (stopped) return;
          bus.deliver(
            alarmStateChangeEvent(alarmRng, a.definition.name, a.definition.metric, current, previous),
            "alarm",
            (e) => scaler.invokeAsync(e),
          );
        });
      world.onMinutePublished(() => {
        for (const alarm of alarms) alarm.evaluate(world.cw, clock.now());
      });

      // The lifecycle hooks' events.
      world.asg.listen({
        lifecycleEvent: (action, transition) => {
          const target = transition === "launching" ? launch : drain;
          bus.deliver(bus.lifecycleEvent(world.asg.name, action, transition), "lifecycle", (e) =>
            target.invokeAsync(e),
          );
        },
      });
    },

    stop() {
      stopped = true;
    },

    busy: () => lambdas.some((l) => l.inFlight > 0),
  };
}

/** The deployment document the simulated functions load: the scenario's one cluster, defaults for the rest. */
function simulatedConfig(world: SimWorld) {
  return deploymentConfigSchema.parse({ version: 1, clusters: [world.cluster] });
}

/** The ports of the simulated cloud as the handlers see them: AWS calls take time and may be throttled (a fault). */
function simulatedDeps(world: SimWorld, continuation: ContinuationPort, rng: Rng): AutoscalerDeps {
  const { scenario, clock } = world;
  const rate = scenario.faults.apiThrottlingRate;
  const throttleRng = rng.fork("throttling");
  const counter: ThrottleCounter = { throttled: 0 };
  const latencyRng = rng.fork("api-latency");
  // A call takes its time, then answers — or fails with Throttling.
  const aws = <T extends object>(port: T, service: string): T =>
    withLatency(
      withThrottling(port, rate, throttleRng, counter, service),
      clock,
      latencyRng,
      scenario.cloud.apiCallMilliseconds,
    );
  const config = simulatedConfig(world);
  // The scenario's node bandwidth is what DescribeInstanceTypes reports for its type.
  const baselineBpsByType = { [scenario.nodes.instanceType]: world.nodeBandwidthBps };
  const deps: AutoscalerDeps = {
    loadConfig: async () => config,
    clock,
    logger: new SimLogger((level, message) => {
      if (level === "error") world.recorder.event(clock.now(), "fault", `autoscaler error log: ${message}`);
    }),
    fleet: withStaleGroupReads(
      aws(new SimFleet([world.asg]), "AutoScaling"),
      clock,
      rng.fork("stale-reads"),
      { rate: scenario.faults.staleGroupReadRate, maxMs: scenario.faults.staleGroupReadSeconds * 1000 },
      world.recorder,
    ),
    instances: aws(new SimInstances(world.ec2, { baselineBpsByType }), "EC2"),
    targets: aws(new SimTargets(world.lb), "ELBv2"),
    // The run's CloudWatch and, before it, the history of the days before the run.
    metrics: aws(historyAwareMetrics(world), "CloudWatch"),
    publisher: new SimPublisher(world.cw, OWN_METRICS_DELAY_MS),
    probe: world.probe,
    notifier: world.notifier,
    continuation,
    region: SIM_REGION,
  };
  return deps;
}

interface OperatorAnswer {
  ok: boolean;
  error?: { code?: string; message?: string };
}

/** The scaler's decisions on the run's timeline: every change, and each new reason to hold. */
function recordDecisions(world: SimWorld, result: ScalerResult | undefined): void {
  if (!result) return;
  const now = world.clock.now();
  for (const d of result.decisions) {
    if (!d.ok) {
      world.recorder.event(now, "fault", `${d.cluster}: reconcile failed: ${d.error ?? "unknown error"}`);
      continue;
    }
    if (d.action !== "hold") {
      world.recorder.event(now, "decision", `${d.summary ?? d.action} (${d.applied ?? "?"})`);
      lastHold.delete(world);
      continue;
    }
    const blocked = (d.guardrails ?? []).filter((g) => g.effect === "blocked");
    const text = d.summary ?? "hold";
    if (blocked.length > 0 && lastHold.get(world) !== text) {
      world.recorder.event(now, "guardrail", text);
      lastHold.set(world, text);
    }
  }
}

const lastHold = new WeakMap<SimWorld, string>();
