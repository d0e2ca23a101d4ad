import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { ConfigError } from "../../../shared/config/errors.ts";
import { type DeploymentConfig, deploymentConfigSchema } from "../../../shared/config/schema.ts";
import type { Point } from "../../../shared/domain/observation.ts";
import { encodePause, PAUSE_TAG } from "../../../shared/domain/tags.ts";
import type { AutoscalerDeps } from "../../../shared/ports/deps.ts";
import { AwsContentionError } from "../../../shared/ports/errors.ts";
import { unavailablePorts } from "../../../shared/runtime/functions.ts";
import { createScalerHandler, type ScalerHandlerOptions } from "../../../shared/services/scaler/create-handler.ts";
import { FakeFleet } from "../../../test-kit/fake-fleet.ts";
import { FakeInstances } from "../../../test-kit/fake-instances.ts";
import { fakeLambdaContext } from "../../../test-kit/fake-lambda-context.ts";
import { capturingLogger } from "../../../test-kit/fake-logger.ts";
import { FakeMetrics, FakePublisher } from "../../../test-kit/fake-metrics.ts";
import { FakeNotifier } from "../../../test-kit/fake-notifier.ts";
import { ManualClock } from "../../../test-kit/manual-clock.ts";

/** Ports the scaler Lambda is not built with: any call throws PortNotAvailableError, as in production. */
const notInScaler = unavailablePorts("scaler");

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const tg = "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/dp/0123456789abcdef";
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/events/${name}`, import.meta.url), "utf8"));

// Two clusters; the prod alarm fixtures (dp-prod-cpu-high on dp-prod-asg) route to "prod" by dimension.
const baseConfig = deploymentConfigSchema.parse({
  clusters: [
    {
      name: "prod",
      autoScalingGroupName: "dp-prod-asg",
      targetGroupArns: [tg],
      signals: { bandwidth: { enabled: false } },
    },
    {
      name: "edge",
      autoScalingGroupName: "dp-edge-asg",
      targetGroupArns: [tg],
      signals: { bandwidth: { enabled: false } },
    },
  ],
});

/** A flat CPU series over the last ten minutes. */
function cpu(value: number): Point[] {
  return Array.from({ length: 10 }, (_, i) => ({ t: NOW - (10 - i) * 60_000, v: value }));
}

function world(config: DeploymentConfig = baseConfig, loadConfig?: () => Promise<DeploymentConfig>) {
  const clock = new ManualClock(NOW);
  const fleet = new FakeFleet(clock);
  const metrics = new FakeMetrics();
  const publisher = new FakePublisher();
  const notifier = new FakeNotifier();
  const log = capturingLogger();
  for (const [name, group] of [
    ["prod", "dp-prod-asg"],
    ["edge", "dp-edge-asg"],
  ] as const) {
    fleet.addGroup({
      name: group,
      desired: 4,
      min: 2,
      max: 10,
      instances: Array.from({ length: 4 }, (_, i) => ({
        instanceId: `i-${name}-${i}`,
        lifecycleState: "InService",
        healthStatus: "Healthy" as const,
        instanceType: "c6i.large",
      })),
    });
  }
  const deps: AutoscalerDeps = {
    loadConfig: loadConfig ?? (async () => config),
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
  const setCpu = (group: string, value: number) =>
    metrics.set({
      namespace: "AWS/EC2",
      metricName: "CPUUtilization",
      stat: "Average",
      dimensions: { AutoScalingGroupName: group },
      points: cpu(value),
    });
  const invoke = (event: unknown, options?: ScalerHandlerOptions) =>
    createScalerHandler(deps, options)(event, fakeLambdaContext());
  return { clock, fleet, metrics, publisher, notifier, log, deps, setCpu, invoke };
}

const setDesiredCalls = (fleet: FakeFleet) => fleet.calls.filter((c) => c.op === "setDesired").map((c) => c.detail);

describe("scaler handler", () => {
  it("on the schedule, scales a hot cluster out to an absolute size and holds the calm one", async () => {
    const w = world();
    w.setCpu("dp-prod-asg", 105); // 4 × 105 / 70 = 6
    w.setCpu("dp-edge-asg", 70);
    const r = await w.invoke(fixture("schedule.json"));
    expect(r.ok).toBe(true);
    expect(r.trigger).toBe("schedule");
    expect(r.decisions.map((d) => [d.cluster, d.action, d.currentDesired, d.desired, d.applied])).toEqual([
      ["prod", "scale-out", 4, 6, "set"],
      ["edge", "hold", 4, 4, "unchanged"],
    ]);
    expect(setDesiredCalls(w.fleet)).toEqual([6]);
    expect(w.fleet.groups.get("dp-prod-asg")!.desired).toBe(6);
    expect(w.notifier.kinds()).toEqual(["scale-decided"]);
  });

  it("publishes its own metrics: RecommendedCapacity, DesiredCapacity and action counts", async () => {
    const w = world();
    w.setCpu("dp-prod-asg", 105);
    w.setCpu("dp-edge-asg", 70);
    await w.invoke({ reconcile: "all" });
    expect(w.publisher.values("prod", "RecommendedCapacity")).toEqual([6]);
    expect(w.publisher.values("prod", "DesiredCapacity")).toEqual([6]);
    expect(w.publisher.values("prod", "ScaleOut")).toEqual([1]);
    expect(w.publisher.values("prod", "CapacityChanges")).toEqual([1]);
    expect(w.publisher.values("edge", "Hold")).toEqual([1]);
    expect(w.publisher.published.find((p) => p.cluster === "prod")!.atMs).toBe(NOW);
  });

  it("logs the whole decision, structured", async () => {
    const w = world();
    w.setCpu("dp-prod-asg", 105);
    await w.invoke({ reconcile: "prod" });
    const record = w.log.records().find((r) => r.decision !== undefined)!;
    expect(record.level).toBe("INFO");
    expect(record.message).toMatch(/^prod: scale-out 4 → 6/);
    expect(record.decision).toMatchObject({
      cluster: "prod",
      action: "scale-out",
      desired: 6,
      reasons: [expect.anything()],
    });
    expect(record.correlation_id).toBe("req-1");
  });

  it("the same alarm event twice changes the capacity exactly once", async () => {
    const w = world();
    w.setCpu("dp-prod-asg", 105);
    const event = fixture("alarm-eventbridge-new.json");
    const first = await w.invoke(event);
    const second = await w.invoke(event);
    expect(setDesiredCalls(w.fleet)).toEqual([6]);
    expect(first.decisions[0]).toMatchObject({ cluster: "prod", applied: "set", desired: 6 });
    expect(second.decisions[0]).toMatchObject({ cluster: "prod", applied: "unchanged", currentDesired: 6, desired: 6 });
    expect(w.notifier.kinds()).toEqual(["scale-decided"]);
  });

  it("concurrent duplicates set the same absolute size, never more", async () => {
    const w = world();
    w.setCpu("dp-prod-asg", 105);
    const event = fixture("sns-alarm-new.json");
    await Promise.all([w.invoke(event), w.invoke(event), w.invoke(event)]);
    const calls = setDesiredCalls(w.fleet);
    expect(new Set(calls)).toEqual(new Set([6]));
    expect(w.fleet.groups.get("dp-prod-asg")!.desired).toBe(6);
  });

  it("an alarm reconciles only its own cluster, whatever its new state (OK is a hint too)", async () => {
    const w = world();
    w.setCpu("dp-prod-asg", 105);
    w.setCpu("dp-edge-asg", 105);
    const event = fixture("alarm-eventbridge-new.json") as { detail: { state: { value: string } } };
    event.detail.state.value = "OK";
    const r = await w.invoke(event);
    expect(r.decisions.map((d) => d.cluster)).toEqual(["prod"]);
    expect(setDesiredCalls(w.fleet)).toEqual([6]);
  });

  it("logs and ignores an alarm of no managed cluster: ok, no action", async () => {
    const w = world();
    const r = await w.invoke(fixture("alarm-eventbridge-old.json"));
    expect(r).toEqual({
      ok: true,
      trigger: "alarm",
      decisions: [],
      ignored: [{ alarmName: "ServerCpuTooHigh", state: "ALARM", reason: "belongs to no managed cluster" }],
    });
    expect(w.fleet.calls).toEqual([]);
    expect(w.metrics.calls).toEqual([]);
    expect(
      w.log.records().some((l) => l.message === "alarm ServerCpuTooHigh ignored: it belongs to no managed cluster"),
    ).toBe(true);
    expect(w.publisher.values("_deployment", "UnknownAlarms")).toEqual([1]);
  });

  it.each([
    ["metric", "alarm-lambda-action-metric.json"],
    ["metric-math", "alarm-lambda-action-expression.json"],
  ])(
    "a %s alarm's own Lambda action reconciles its cluster (routed by dimension), whatever its state",
    async (_, name) => {
      for (const state of ["ALARM", "OK", "INSUFFICIENT_DATA"]) {
        const w = world();
        w.setCpu("dp-prod-asg", 105);
        w.setCpu("dp-edge-asg", 105);
        const event = fixture(name) as { alarmData: { state: { value: string } } };
        event.alarmData.state.value = state;
        const r = await w.invoke(event);
        expect(r, state).toMatchObject({ ok: true, trigger: "alarm" });
        expect(r.decisions.map((d) => d.cluster)).toEqual(["prod"]);
        expect(setDesiredCalls(w.fleet)).toEqual([6]);
      }
    },
  );

  it("a composite alarm's Lambda action, with no metrics, reconciles the cluster its name prefix names", async () => {
    const config = deploymentConfigSchema.parse({
      ...baseConfig,
      clusters: baseConfig.clusters.map((c) =>
        c.name === "prod" ? { ...c, alarms: { namePrefix: "dp-scaling-prod-" } } : c,
      ),
    });
    const w = world(config);
    w.setCpu("dp-prod-asg", 105);
    w.setCpu("dp-edge-asg", 105);
    const r = await w.invoke(fixture("alarm-lambda-action-composite.json"));
    expect(r.decisions.map((d) => [d.cluster, d.applied])).toEqual([["prod", "set"]]);
    expect(setDesiredCalls(w.fleet)).toEqual([6]);
    // Without the prefix nothing routes it: no metric carries the group's dimension.
    const unrouted = world();
    const ignored = await unrouted.invoke(fixture("alarm-lambda-action-composite.json"));
    expect(ignored.ignored).toEqual([
      { alarmName: "dp-scaling-prod-pressure", state: "OK", reason: "belongs to no managed cluster" },
    ]);
    expect(unrouted.fleet.calls).toEqual([]);
  });

  it("the same alarm action delivered twice (Lambda's asynchronous retry) changes the capacity once", async () => {
    const w = world();
    w.setCpu("dp-prod-asg", 105);
    const event = fixture("alarm-lambda-action-metric.json");
    await w.invoke(event);
    const second = await w.invoke(event);
    expect(setDesiredCalls(w.fleet)).toEqual([6]);
    expect(second.decisions[0]).toMatchObject({ cluster: "prod", applied: "unchanged", desired: 6 });
  });

  it.each([
    "alarm-lambda-action-malformed.json",
    "alarm-eventbridge-malformed.json",
    "sns-alarm-malformed-json.json",
    "sns-alarm-malformed-fields.json",
    "schedule-malformed.json",
  ])("refuses %s with one clear error, an InvalidEvents metric and no action", async (name) => {
    const w = world();
    const r = await w.invoke(fixture(name));
    expect(r.ok).toBe(false);
    expect(r.decisions).toEqual([]);
    expect(r.error).toMatch(/^invalid (EventBridge|SNS|CloudWatch alarm action)/);
    expect(w.fleet.calls).toEqual([]);
    expect(w.metrics.calls).toEqual([]);
    expect(w.publisher.values("_deployment", "InvalidEvents")).toEqual([1]);
    const errors = w.log.records().filter((l) => l.level === "ERROR");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe(r.error);
  });

  it("one cluster failing does not stop the others", async () => {
    const w = world();
    w.setCpu("dp-edge-asg", 105);
    w.fleet.groups.delete("dp-prod-asg");
    const r = await w.invoke({ reconcile: "all" });
    expect(r.ok).toBe(false);
    expect(r.decisions).toEqual([
      { cluster: "prod", ok: false, error: 'cluster prod: Auto Scaling group "dp-prod-asg" not found' },
      expect.objectContaining({ cluster: "edge", ok: true, applied: "set", desired: 6 }),
    ]);
    expect(w.fleet.groups.get("dp-edge-asg")!.desired).toBe(6);
    expect(w.publisher.values("prod", "ClusterErrors")).toEqual([1]);
  });

  it("a failure of SetDesiredCapacity in one cluster does not stop the next", async () => {
    const w = world();
    w.setCpu("dp-prod-asg", 105);
    w.setCpu("dp-edge-asg", 105);
    w.fleet.failNext("setDesired", Object.assign(new Error("AccessDenied"), { code: "AccessDenied" }));
    const r = await w.invoke(fixture("schedule.json"));
    expect(r.decisions.map((d) => [d.cluster, d.ok])).toEqual([
      ["prod", false],
      ["edge", true],
    ]);
    expect(w.fleet.groups.get("dp-edge-asg")!.desired).toBe(6);
  });

  it("Auto Scaling contention is logged and left to the next tick, which converges", async () => {
    const w = world();
    w.setCpu("dp-prod-asg", 105);
    const busy = new AwsContentionError("ScalingActivityInProgress", {
      code: "ScalingActivityInProgress",
      operation: "SetDesiredCapacity",
      retryable: true,
    });
    w.fleet.failNext("setDesired", busy);
    const first = await w.invoke({ reconcile: "prod" });
    expect(first.ok).toBe(true);
    expect(first.decisions[0]!.applied).toBe("contention");
    expect(w.publisher.values("prod", "ScalingContention")).toEqual([1]);
    expect(w.notifier.events).toEqual([]);
    const next = await w.invoke({ reconcile: "prod" });
    expect(next.decisions[0]!.applied).toBe("set");
    expect(w.fleet.groups.get("dp-prod-asg")!.desired).toBe(6);
  });

  it("a guardrail that blocks a scale-out is notified and counted; RecommendedCapacity is the pre-guardrail size", async () => {
    const w = world();
    w.setCpu("dp-prod-asg", 105);
    w.fleet.groups.get("dp-prod-asg")!.tags[PAUSE_TAG] = encodePause({ by: "bob", reason: "maintenance", since: NOW });
    const r = await w.invoke({ reconcile: "prod" });
    expect(r.decisions[0]).toMatchObject({ action: "hold", desired: 4, recommended: 6, applied: "unchanged" });
    expect(setDesiredCalls(w.fleet)).toEqual([]);
    expect(w.notifier.events).toEqual([
      expect.objectContaining({
        kind: "scale-blocked",
        cluster: "prod",
        guardrail: expect.objectContaining({ name: "paused" }),
      }),
    ]);
    expect(w.publisher.values("prod", "GuardrailBlocks.paused")).toEqual([1]);
    expect(w.publisher.values("prod", "RecommendedCapacity")).toEqual([6]);
  });

  it("uses an injected decide", async () => {
    const w = world();
    const decide = vi.fn((c, obs, now) => ({
      cluster: c.name,
      at: now,
      action: "scale-out" as const,
      currentDesired: obs.group.desired,
      desired: 7,
      recommended: 7,
      reasons: [],
      guardrails: [],
      summary: `${c.name}: scale-out to 7`,
    }));
    await w.invoke({ reconcile: "edge" }, { decide });
    expect(decide).toHaveBeenCalledTimes(1);
    expect(decide.mock.calls[0]![2]).toBe(NOW);
    expect(w.fleet.groups.get("dp-edge-asg")!.desired).toBe(7);
  });

  it("hands every reconciled cluster's group to the lifecycle sweep; its failure is only logged", async () => {
    const w = world();
    const seen: string[] = [];
    const sweepLifecycle = async (c: { name: string }, g: { name: string; instances: unknown[] }) => {
      seen.push(`${c.name}:${g.name}:${g.instances.length}`);
      if (c.name === "prod") throw new Error("CompleteLifecycleAction throttled");
    };
    const r = await w.invoke({ reconcile: "all" }, { sweepLifecycle });
    expect(seen).toEqual(["prod:dp-prod-asg:4", "edge:dp-edge-asg:4"]);
    expect(r.ok).toBe(true);
    expect(w.log.records().some((l) => l.message === "prod: lifecycle sweep failed")).toBe(true);
  });

  it("by default sweeps the lifecycle actions of waiting instances; false turns it off", async () => {
    const w = world();
    w.fleet.setLifecycleState("dp-prod-asg", "i-waiting", "Pending:Wait");
    await w.invoke({ reconcile: "prod" }, { sweepLifecycle: false });
    expect(w.fleet.calls.filter((c) => c.op === "describeHooks")).toEqual([]);
    await w.invoke({ reconcile: "prod" });
    expect(w.fleet.calls.filter((c) => c.op === "describeHooks")).toHaveLength(1);
  });

  it("refuses a reconcile request for an unknown cluster", async () => {
    const w = world();
    const r = await w.invoke({ reconcile: "nope" });
    expect(r).toEqual({
      ok: false,
      trigger: "reconcile",
      decisions: [],
      error: 'unknown cluster "nope" (configured: prod, edge)',
    });
    expect(w.fleet.calls).toEqual([]);
  });

  it("an invalid configuration: no action, a ConfigErrors metric, an error notification", async () => {
    const w = world(baseConfig, () =>
      Promise.reject(new ConfigError("DP_AUTOSCALER_CONFIG", ["clusters[0].maxNodes: must be ≥ minNodes"])),
    );
    const r = await w.invoke(fixture("schedule.json"));
    expect(r.ok).toBe(false);
    expect(r.error).toContain("clusters[0].maxNodes: must be ≥ minNodes");
    expect(w.fleet.calls).toEqual([]);
    expect(w.publisher.values("_deployment", "ConfigErrors")).toEqual([1]);
    expect(w.notifier.kinds()).toEqual(["autoscaler-error"]);
  });
});
