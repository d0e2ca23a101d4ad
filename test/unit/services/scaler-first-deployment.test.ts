/**
 * Issue 12, item 3c: without the scaler's own `InServiceNodes` read-back (a first deployment, or its EMF not yet
 * delivered), a per-node datapoint is measured on the instances its `SampleCount` says, never on the nodes in service
 * now. Repeated alarms on unchanged data used to escalate 2 → 3 → 4 → 6 → 8 → 10 as the nodes they asked for joined.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { deploymentConfigSchema } from "../../../shared/config/schema.ts";
import type { Point } from "../../../shared/domain/observation.ts";
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

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const ASG = "dp-prod-asg";
const tg = "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/dp/0123456789abcdef";
const alarm = JSON.parse(
  readFileSync(new URL("../../fixtures/events/alarm-eventbridge-new.json", import.meta.url), "utf8"),
) as unknown;
const notInScaler = unavailablePorts("scaler");

const config = deploymentConfigSchema.parse({
  clusters: [
    { name: "prod", autoScalingGroupName: ASG, targetGroupArns: [tg], signals: { bandwidth: { enabled: false } } },
  ],
});

/** Ten minutes of one value per minute, the newest a minute old. */
const flat = (v: number): Point[] => Array.from({ length: 10 }, (_, i) => ({ t: NOW - (10 - i) * 60_000, v }));

/**
 * A cluster of 2 nodes at 90 % CPU (target 70 %: 2 × 90 / 70 = 2.6 → 3 nodes), measured on 2 reporting instances.
 * CloudWatch never gets a newer datapoint and the scaler's own InServiceNodes is not there (`readBack: false`).
 */
function world(readBack: boolean) {
  const clock = new ManualClock(NOW);
  const fleet = new FakeFleet(clock);
  const metrics = new FakeMetrics();
  const log = capturingLogger();
  fleet.addGroup({
    name: ASG,
    desired: 2,
    min: 2,
    max: 10,
    instances: [0, 1].map((i) => ({
      instanceId: `i-${i}`,
      lifecycleState: "InService",
      healthStatus: "Healthy" as const,
      instanceType: "c6i.large",
    })),
  });
  const dims = { AutoScalingGroupName: ASG };
  metrics.set({
    namespace: "AWS/EC2",
    metricName: "CPUUtilization",
    stat: "Average",
    dimensions: dims,
    points: flat(90),
  });
  metrics.set({
    namespace: "AWS/EC2",
    metricName: "CPUUtilization",
    stat: "SampleCount",
    dimensions: dims,
    points: flat(2),
  });
  if (readBack)
    metrics.set({
      namespace: "DPAutoscaler",
      metricName: "InServiceNodes",
      stat: "Average",
      dimensions: { Cluster: "prod" },
      points: flat(2),
    });
  const deps: AutoscalerDeps = {
    loadConfig: async () => config,
    clock,
    logger: log.logger,
    fleet,
    instances: new FakeInstances(),
    targets: notInScaler.targets,
    metrics,
    publisher: new FakePublisher(),
    probe: notInScaler.probe,
    notifier: new FakeNotifier(),
    continuation: notInScaler.continuation,
    region: "us-east-2",
  };
  const handler = createScalerHandler(deps);
  const group = fleet.groups.get(ASG)!;
  /** Every node the group asks for joins and goes into service; no new datapoint arrives. */
  const nodesJoin = () => {
    for (let i = group.instances.length; i < group.desired; i++)
      group.instances.push({
        instanceId: `i-${i}`,
        lifecycleState: "InService",
        healthStatus: "Healthy",
        instanceType: "c6i.large",
      });
  };
  /** The same alarm, again: returns the desired capacity after it. */
  const alarmAgain = async () => {
    await clock.advance(20_000);
    await handler(alarm, fakeLambdaContext());
    return group.desired;
  };
  return { fleet, nodesJoin, alarmAgain, log };
}

describe("repeated alarms on unchanged data (issue 12, 3c)", () => {
  it.each([
    ["without the InServiceNodes read-back (first deployment)", false],
    ["with it", true],
  ])("change the capacity once, however many nodes join meanwhile: %s", async (_, readBack) => {
    const w = world(readBack);
    const sizes: number[] = [];
    for (let round = 0; round < 6; round++) {
      sizes.push(await w.alarmAgain());
      w.nodesJoin();
    }
    expect(sizes).toEqual([3, 3, 3, 3, 3, 3]);
    expect(w.fleet.calls.filter((c) => c.op === "setDesired").map((c) => c.detail)).toEqual([3]);
  });

  it("says what the newest datapoint was measured on once nodes joined", async () => {
    const w = world(false);
    await w.alarmAgain();
    w.nodesJoin();
    await w.alarmAgain();
    const record = w.log.records().find((r) => r.decision !== undefined && /hold/.test(String(r.message)))!;
    const reasons = (record.decision as { reasons: { signal: string; note: string }[] }).reasons;
    expect(reasons.find((r) => r.signal === "cpu")!.note).toMatch(/measured on 2 nodes/);
  });
});
