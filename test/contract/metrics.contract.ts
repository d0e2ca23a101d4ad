/**
 * What every MetricsPort must do. Run against the AWS adapter (`aws-metrics.test.ts`) and the simulator
 * (`sim-metrics.test.ts`). Semantics are CloudWatch's: a series is one metric (namespace, name, exact dimension set)
 * at one stat and period; the window is [start, end); `t` is the period start.
 */
import { describe, expect, it } from "vitest";
import type { MetricQuery, MetricsPort } from "../../shared/ports/metrics.ts";
import type { Harness, MetricSeriesSpec } from "./world.ts";

const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);
const MIN = 60_000;

const cpuQuery: MetricQuery = {
  id: "cpu",
  namespace: "AWS/EC2",
  metricName: "CPUUtilization",
  dimensions: { AutoScalingGroupName: "dp-asg" },
  stat: "Average",
  periodSeconds: 60,
};
const netInQuery: MetricQuery = { ...cpuQuery, id: "net_in", metricName: "NetworkIn", stat: "Sum" };

const series = (q: MetricQuery, values: number[], from = T0): MetricSeriesSpec => ({
  namespace: q.namespace,
  metricName: q.metricName,
  dimensions: q.dimensions,
  stat: q.stat,
  periodSeconds: q.periodSeconds,
  points: values.map((v, i) => ({ t: from + i * q.periodSeconds * 1000, v })),
});

export function metricsContract(harness: Harness<MetricsPort>): void {
  describe(`MetricsPort contract (${harness.name})`, () => {
    it("returns each query's points ascending, with values exactly as stored", async () => {
      const stored = series(cpuQuery, [40.25, 41.5, 43]);
      const metrics = await harness.given({ metrics: [{ ...stored, points: [...stored.points].reverse() }] });
      expect(await metrics.fetch([cpuQuery], T0, T0 + 3 * MIN)).toEqual({ cpu: stored.points });
    });

    it("answers [] (never zeros) for a query with no data, next to one with data", async () => {
      const metrics = await harness.given({ metrics: [series(cpuQuery, [40])] });
      expect(await metrics.fetch([cpuQuery, netInQuery], T0, T0 + 5 * MIN)).toEqual({
        cpu: [{ t: T0, v: 40 }],
        net_in: [],
      });
    });

    it("keeps bytes per period as bytes per period (no unit conversion)", async () => {
      const metrics = await harness.given({ metrics: [series(netInQuery, [7_500_000_000])] });
      expect((await metrics.fetch([netInQuery], T0, T0 + MIN)).net_in).toEqual([{ t: T0, v: 7_500_000_000 }]);
    });

    it("returns only points in [start, end)", async () => {
      const metrics = await harness.given({ metrics: [series(cpuQuery, [1, 2, 3, 4, 5])] });
      const out = await metrics.fetch([cpuQuery], T0 + MIN, T0 + 3 * MIN);
      expect(out.cpu?.map((p) => p.v)).toEqual([2, 3]);
    });

    it("matches the exact dimension set, stat and period", async () => {
      const metrics = await harness.given({
        metrics: [
          series({ ...cpuQuery, dimensions: { AutoScalingGroupName: "other-asg" } }, [99]),
          series({ ...cpuQuery, stat: "Maximum" }, [98]),
          series({ ...cpuQuery, periodSeconds: 300 }, [97]),
        ],
      });
      expect(await metrics.fetch([cpuQuery], T0, T0 + 5 * MIN)).toEqual({ cpu: [] });
    });

    it("returns long windows whole (e.g. 24 h of 1-minute points for many queries)", async () => {
      const values = Array.from({ length: 1440 }, (_, i) => i);
      const queries = Array.from({ length: 8 }, (_, i) => ({
        ...cpuQuery,
        id: `q${i}`,
        dimensions: { AutoScalingGroupName: `g${i}` },
      }));
      const metrics = await harness.given({ metrics: queries.map((q) => series(q, values)) });
      const out = await metrics.fetch(queries, T0, T0 + 1440 * MIN);
      for (const q of queries) expect(out[q.id]?.map((p) => p.v)).toEqual(values);
    });
  });
}
