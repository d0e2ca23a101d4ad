/**
 * The digest: which tick closes which period, what is read back from the own metrics, and when nothing is sent.
 */
import { describe, expect, it } from "vitest";
import { type ClusterConfig, clusterConfigSchema } from "../../../shared/config/schema.ts";
import { guardrailBlocksMetric, OWN_METRICS, OWN_NAMESPACE } from "../../../shared/ports/metrics.ts";
import { periodClosedBy, SETTLE_MINUTES } from "../../../shared/services/digest/period.ts";
import { digestQueries } from "../../../shared/services/digest/read-digest.ts";
import { sendDigestIfDue } from "../../../shared/services/digest/send-digest.ts";
import { capturingLogger } from "../../../test-kit/fake-logger.ts";
import { FakeMetrics } from "../../../test-kit/fake-metrics.ts";
import { FakeNotifier } from "../../../test-kit/fake-notifier.ts";

const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/prod-dp/0123456789abcdef";
const HOUR = 3_600_000;
const MINUTE = 60_000;
/** 10:00 UTC: the end of the 09:00–10:00 period. */
const TEN = Date.UTC(2026, 0, 15, 10, 0, 0);
/** The tick that sends the 09:00–10:00 digest: scheduled at 10:05, delivered a few seconds late. */
const CLOSING_TICK = TEN + SETTLE_MINUTES * MINUTE + 7_000;

function cluster(notify: Record<string, unknown> = {}): ClusterConfig {
  return clusterConfigSchema.parse({ name: "prod", autoScalingGroupName: "dp-prod", targetGroupArns: [TG], notify });
}

/** One own metric's datapoint for the whole 09:00–10:00 period. */
function own(metricName: string, stat: string, v: number) {
  return {
    namespace: OWN_NAMESPACE,
    metricName,
    stat,
    dimensions: { Cluster: "prod" },
    points: [{ t: TEN - HOUR, v }],
  };
}

function busyHour(): FakeMetrics {
  return new FakeMetrics()
    .set(own(OWN_METRICS.scaleOut, "Sum", 3))
    .set(own(OWN_METRICS.scaleIn, "Sum", 1))
    .set(own(OWN_METRICS.capacityChanges, "Sum", 4))
    .set(own(OWN_METRICS.secondsToReady, "SampleCount", 5))
    .set(own(OWN_METRICS.secondsToReady, "p50", 48))
    .set(own(OWN_METRICS.secondsToReady, "p95", 71.5))
    .set(own(OWN_METRICS.secondsDraining, "SampleCount", 2))
    .set(own(OWN_METRICS.inService, "Minimum", 4))
    .set(own(OWN_METRICS.inService, "Maximum", 9))
    .set(own(OWN_METRICS.desired, "Minimum", 4))
    .set(own(OWN_METRICS.desired, "Maximum", 10))
    .set(own(guardrailBlocksMetric("bandwidth-ceiling"), "Sum", 6));
}

function deps(metrics: FakeMetrics) {
  return { metrics, notifier: new FakeNotifier(), logger: capturingLogger().logger };
}

describe("periodClosedBy", () => {
  it("the tick of minute end + SETTLE_MINUTES closes the period, whatever its second; no other tick does", () => {
    expect(periodClosedBy(CLOSING_TICK, 60)).toEqual({ from: TEN - HOUR, to: TEN });
    expect(periodClosedBy(TEN + SETTLE_MINUTES * MINUTE, 60)).toEqual({ from: TEN - HOUR, to: TEN });
    const others = Array.from({ length: 59 }, (_, i) => TEN + (SETTLE_MINUTES + 1 + i) * MINUTE);
    expect(others.map((t) => periodClosedBy(t, 60)).filter(Boolean)).toEqual([]);
  });

  it("periods are aligned on UTC midnight; 0 turns the digest off", () => {
    expect(periodClosedBy(TEN + SETTLE_MINUTES * MINUTE, 15)).toEqual({ from: TEN - 15 * MINUTE, to: TEN });
    const midnight = Date.UTC(2026, 0, 16);
    expect(periodClosedBy(midnight + SETTLE_MINUTES * MINUTE, 1440)).toEqual({
      from: midnight - 24 * HOUR,
      to: midnight,
    });
    expect(periodClosedBy(CLOSING_TICK, 0)).toBeUndefined();
  });
});

describe("digestQueries", () => {
  it("one query per figure and per guardrail, each over the whole period, ids CloudWatch accepts", () => {
    const queries = digestQueries(cluster(), { from: TEN - HOUR, to: TEN });
    for (const q of queries) {
      expect(q.id).toMatch(/^[a-z][A-Za-z0-9_]*$/);
      expect(q.periodSeconds).toBe(3600);
      expect(q.dimensions).toEqual({ Cluster: "prod" });
      expect(q.namespace).toBe(OWN_NAMESPACE);
    }
    expect(new Set(queries.map((q) => q.id)).size).toBe(queries.length);
  });
});

describe("sendDigestIfDue", () => {
  it("reads the hour back in one GetMetricData and notifies its digest", async () => {
    const metrics = busyHour();
    const d = deps(metrics);
    expect(await sendDigestIfDue(d, cluster(), CLOSING_TICK, "req-1")).toBe("sent");
    expect(metrics.calls).toHaveLength(1);
    expect(metrics.calls[0]).toMatchObject({ startMs: TEN - HOUR, endMs: TEN });
    expect(d.notifier.events).toEqual([
      {
        kind: "digest",
        cluster: "prod",
        at: TEN,
        requestId: "req-1",
        digest: {
          from: TEN - HOUR,
          to: TEN,
          scaleOuts: 3,
          scaleIns: 1,
          capacityChanges: 4,
          nodesReady: 5,
          nodesDrained: 2,
          launchesAbandoned: 0,
          inService: { lowest: 4, peak: 9 },
          desired: { lowest: 4, peak: 10 },
          secondsToReady: { p50: 48, p95: 71.5 },
          guardrailBlocks: [{ name: "bandwidth-ceiling", count: 6 }],
        },
      },
    ]);
  });

  it("sends nothing for a quiet hour: no change, no node, only the routine holds (stabilisation, floor)", async () => {
    const metrics = new FakeMetrics()
      .set(own(OWN_METRICS.scaleOut, "Sum", 0))
      .set(own(OWN_METRICS.capacityChanges, "Sum", 0))
      .set(own(OWN_METRICS.inService, "Minimum", 2))
      .set(own(OWN_METRICS.inService, "Maximum", 2))
      .set(own(guardrailBlocksMetric("stabilisation"), "Sum", 20))
      .set(own(guardrailBlocksMetric("min-nodes"), "Sum", 40));
    const d = deps(metrics);
    expect(await sendDigestIfDue(d, cluster(), CLOSING_TICK)).toBe("quiet");
    expect(d.notifier.events).toEqual([]);
  });

  it("a guardrail that is news (here the upstream) alone makes a digest", async () => {
    const metrics = new FakeMetrics().set(own(guardrailBlocksMetric("upstream-latency"), "Sum", 3));
    const d = deps(metrics);
    expect(await sendDigestIfDue(d, cluster(), CLOSING_TICK)).toBe("sent");
  });

  it("reads nothing on the other ticks, nor when the cluster's digest is off", async () => {
    const metrics = busyHour();
    const d = deps(metrics);
    expect(await sendDigestIfDue(d, cluster(), CLOSING_TICK + MINUTE)).toBe("not-due");
    expect(await sendDigestIfDue(d, cluster({ digestMinutes: 0 }), CLOSING_TICK)).toBe("not-due");
    expect(metrics.calls).toEqual([]);
  });

  it("a failed read skips the period's digest without throwing", async () => {
    const metrics = busyHour();
    metrics.failNext(new Error("Throttling: Rate exceeded"));
    const d = deps(metrics);
    expect(await sendDigestIfDue(d, cluster(), CLOSING_TICK)).toBe("failed");
    expect(d.notifier.events).toEqual([]);
  });
});

describe("notify.digestMinutes", () => {
  it("defaults to hourly, and refuses a length that does not divide a day, naming the field", () => {
    expect(cluster().notify.digestMinutes).toBe(60);
    const bad = clusterConfigSchema.safeParse({
      name: "prod",
      autoScalingGroupName: "dp-prod",
      targetGroupArns: [TG],
      notify: { digestMinutes: 50 },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["notify.digestMinutes", "must be 0 (off) or 5–1440 minutes dividing a day"],
    ]);
  });
});
