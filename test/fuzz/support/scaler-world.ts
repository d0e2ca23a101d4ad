/**
 * The real scaler handler over in-memory ports, for fuzzing: two clusters whose groups match the alarm fixtures
 * (`dp-prod-asg` → prod by dimension, `dp-edge-asg`), CPU hot enough that a valid event leads to a scale-out, and
 * ports that throw if the scaler touches what it has no business touching (targets, probes, continuations).
 */
import { type DeploymentConfig, deploymentConfigSchema } from "../../../shared/config/schema.ts";
import type { AutoscalerDeps } from "../../../shared/ports/deps.ts";
import { unavailablePorts } from "../../../shared/runtime/functions.ts";
import { createScalerHandler } from "../../../shared/services/scaler/create-handler.ts";
import { FakeFleet } from "../../../test-kit/fake-fleet.ts";
import { FakeInstances } from "../../../test-kit/fake-instances.ts";
import { fakeLambdaContext } from "../../../test-kit/fake-lambda-context.ts";
import { capturingLogger } from "../../../test-kit/fake-logger.ts";
import { FakeMetrics, FakePublisher } from "../../../test-kit/fake-metrics.ts";
import { FakeNotifier } from "../../../test-kit/fake-notifier.ts";
import { ManualClock } from "../../../test-kit/manual-clock.ts";

/** Ports the scaler Lambda is not built with: any call throws PortNotAvailableError, as in production. */
const notInScaler = unavailablePorts("scaler");

export const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const TG = "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/dp/0123456789abcdef";

export const SCALER_CONFIG: DeploymentConfig = deploymentConfigSchema.parse({
  clusters: [
    {
      name: "prod",
      autoScalingGroupName: "dp-prod-asg",
      targetGroupArns: [TG],
      minNodes: 2,
      maxNodes: 8,
      signals: { bandwidth: { enabled: false } },
      alarms: { namePrefix: "dp-prod-" },
    },
    {
      name: "edge",
      autoScalingGroupName: "dp-edge-asg",
      targetGroupArns: [TG],
      minNodes: 1,
      maxNodes: 5,
      signals: { bandwidth: { enabled: false } },
    },
  ],
});

export function scalerWorld(config: DeploymentConfig = SCALER_CONFIG) {
  const clock = new ManualClock(NOW);
  const fleet = new FakeFleet(clock);
  const metrics = new FakeMetrics();
  const publisher = new FakePublisher();
  const notifier = new FakeNotifier();
  const log = capturingLogger();
  for (const c of config.clusters) {
    fleet.addGroup({
      name: c.autoScalingGroupName,
      desired: 3,
      min: c.minNodes,
      max: c.maxNodes,
      instances: Array.from({ length: 3 }, (_, i) => ({
        instanceId: `i-${c.name}-${i}`,
        lifecycleState: "InService",
        healthStatus: "Healthy" as const,
        instanceType: "c6i.large",
      })),
    });
    metrics.set({
      namespace: "AWS/EC2",
      metricName: "CPUUtilization",
      stat: "Average",
      dimensions: { AutoScalingGroupName: c.autoScalingGroupName },
      points: Array.from({ length: 10 }, (_, i) => ({ t: NOW - (10 - i) * 60_000, v: 140 })),
    });
  }
  const deps: AutoscalerDeps = {
    loadConfig: async () => config,
    clock,
    logger: log.logger,
    fleet,
    instances: new FakeInstances(),
    targets: notInScaler.targets,
    metrics,
    publisher,
    probe: notInScaler.probe,
    notifier,
    continuation: notInScaler.continuation,
    region: "us-east-2",
  };
  const handler = createScalerHandler(deps);
  return {
    clock,
    fleet,
    metrics,
    publisher,
    notifier,
    log,
    deps,
    invoke: (event: unknown) => handler(event, fakeLambdaContext()),
    /** Calls that change a group. */
    mutations: () => fleet.calls.filter((c) => c.op === "setDesired" || c.op === "putTags" || c.op === "deleteTags"),
  };
}
