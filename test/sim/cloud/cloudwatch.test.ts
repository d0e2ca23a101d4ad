import { describe, expect, it } from "vitest";
import { SimAlarm } from "../../../sim/cloud/alarms.ts";
import { metricKey, SimCloudWatch, SimMetrics } from "../../../sim/cloud/cloudwatch.ts";
import { VirtualClock } from "../../../sim/virtual-clock.ts";

const T0 = Date.UTC(2024, 0, 1, 12, 0, 0);
const MIN = 60_000;
const dims = { AutoScalingGroupName: "dp-asg" };
const CPU = metricKey("AWS/EC2", "CPUUtilization", dims);
const query = {
  id: "cpu",
  namespace: "AWS/EC2",
  metricName: "CPUUtilization",
  dimensions: dims,
  stat: "Average",
  periodSeconds: 60,
};

describe("simulated CloudWatch", () => {
  it("makes a datapoint readable only from its publication time on", async () => {
    const clock = new VirtualClock(T0 + MIN);
    const cw = new SimCloudWatch(clock);
    cw.put(CPU, T0, 50, T0 + MIN + 30_000);
    const metrics = new SimMetrics(cw);
    expect((await metrics.fetch([query], T0 - 10 * MIN, T0 + MIN)).cpu).toEqual([]);
    await clock.runUntil(T0 + MIN + 30_000);
    expect((await metrics.fetch([query], T0 - 10 * MIN, T0 + MIN)).cpu).toEqual([{ t: T0, v: 50 }]);
  });

  it("aggregates only the samples that have arrived: the newest minute's average and SampleCount change as they come", async () => {
    const clock = new VirtualClock(T0 + MIN);
    const cw = new SimCloudWatch(clock);
    cw.put(CPU, T0, 20, T0 + MIN + 10_000);
    cw.put(CPU, T0, 60, T0 + MIN + 40_000);
    cw.put(CPU, T0, 70, T0 + 4 * MIN); // a late datapoint
    const read = async () => {
      const out = await new SimMetrics(cw).fetch([query, { ...query, id: "n", stat: "SampleCount" }], T0, T0 + MIN);
      return [out.cpu?.[0]?.v, out.n?.[0]?.v];
    };
    expect(await read()).toEqual([undefined, undefined]);
    await clock.runUntil(T0 + MIN + 10_000);
    expect(await read()).toEqual([20, 1]);
    await clock.runUntil(T0 + MIN + 40_000);
    expect(await read()).toEqual([40, 2]);
    expect(cw.newestReadable(CPU)).toBe(T0);
    await clock.runUntil(T0 + 4 * MIN);
    expect(await read()).toEqual([50, 3]);
    // Later minutes make the complete one forget its samples; its aggregate stays.
    cw.put(CPU, T0 + 5 * MIN, 10, T0 + 6 * MIN);
    expect(await read()).toEqual([50, 3]);
  });

  it("aggregates the instances' samples with the query's statistic, bytes per period kept", async () => {
    const clock = new VirtualClock(T0 + 10 * MIN);
    const cw = new SimCloudWatch(clock);
    const NET = metricKey("AWS/EC2", "NetworkOut", dims);
    for (const [cpu, bytes] of [
      [20, 1e9],
      [60, 3e9],
    ] as const) {
      cw.put(CPU, T0, cpu, T0);
      cw.put(NET, T0, bytes, T0);
    }
    const metrics = new SimMetrics(cw);
    const out = await metrics.fetch(
      [
        query,
        { ...query, id: "cpu_max", stat: "Maximum" },
        { ...query, id: "n", stat: "SampleCount" },
        { ...query, id: "net_sum", metricName: "NetworkOut", stat: "Sum" },
        { ...query, id: "net_avg", metricName: "NetworkOut", stat: "Average" },
      ],
      T0,
      T0 + MIN,
    );
    expect(out).toEqual({
      cpu: [{ t: T0, v: 40 }],
      cpu_max: [{ t: T0, v: 60 }],
      n: [{ t: T0, v: 2 }],
      net_sum: [{ t: T0, v: 4e9 }],
      net_avg: [{ t: T0, v: 2e9 }],
    });
  });

  it("rolls minutes up into 5-minute periods aligned to the period", async () => {
    const clock = new VirtualClock(T0 + 20 * MIN);
    const cw = new SimCloudWatch(clock);
    for (let m = 0; m < 10; m++) cw.put(CPU, T0 + m * MIN, m, T0);
    const out = await new SimMetrics(cw).fetch([{ ...query, periodSeconds: 300 }], T0, T0 + 10 * MIN);
    expect(out.cpu).toEqual([
      { t: T0, v: 2 },
      { t: T0 + 5 * MIN, v: 7 },
    ]);
  });

  it("answers no points (never zeros) for minutes without data, and tells the newest readable minute", async () => {
    const clock = new VirtualClock(T0 + 10 * MIN);
    const cw = new SimCloudWatch(clock);
    cw.put(CPU, T0, 10, T0);
    cw.put(CPU, T0 + 3 * MIN, 30, T0);
    expect((await new SimMetrics(cw).fetch([query], T0, T0 + 5 * MIN)).cpu?.map((p) => p.t)).toEqual([
      T0,
      T0 + 3 * MIN,
    ]);
    expect(cw.newestReadable(CPU)).toBe(T0 + 3 * MIN);
  });
});

describe("simulated alarm", () => {
  const alarm = () =>
    new SimAlarm(
      {
        name: "dp-asg-cpu-high",
        metric: {
          namespace: "AWS/EC2",
          metricName: "CPUUtilization",
          dimensions: dims,
          stat: "Average",
          periodSeconds: 60,
        },
        comparison: "GreaterThanThreshold",
        threshold: 70,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
      },
      T0,
    );

  it("goes ALARM when M of the newest N datapoints breach, and reports only transitions", async () => {
    const clock = new VirtualClock(T0);
    const cw = new SimCloudWatch(clock);
    const a = alarm();
    const transitions: string[] = [];
    a.onTransition((_a, prev, cur) => transitions.push(`${prev.value}→${cur.value}`));
    const values = [50, 80, 60, 90, 95, 40, 30];
    for (let m = 0; m < values.length; m++) {
      cw.put(CPU, T0 + m * MIN, values[m]!, T0 + (m + 1) * MIN);
      await clock.runUntil(T0 + (m + 1) * MIN);
      a.evaluate(cw, clock.now());
    }
    expect(transitions).toEqual(["INSUFFICIENT_DATA→OK", "OK→ALARM", "ALARM→OK"]);
  });

  it("is INSUFFICIENT_DATA with no datapoint in its evaluation range", async () => {
    const clock = new VirtualClock(T0 + 30 * MIN);
    const a = alarm();
    expect(a.evaluate(new SimCloudWatch(clock), clock.now())).toBe("INSUFFICIENT_DATA");
  });
});
