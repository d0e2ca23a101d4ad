import { Metrics } from "@aws-lambda-powertools/metrics";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EmfPublisher } from "../../../shared/aws/emf-publisher.ts";
import { systemClock } from "../../../shared/ports/clock.ts";
import { OWN_METRICS, OWN_NAMESPACE } from "../../../shared/ports/metrics.ts";

/** Powertools writes EMF records as JSON lines to stdout through its own Console; capture them. */
let lines: string[];
beforeEach(() => {
  lines = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

const records = () =>
  lines
    .flatMap((l) => l.split("\n"))
    .filter((l) => l.startsWith("{"))
    .map(
      (l) => JSON.parse(l) as Record<string, unknown> & { _aws: { Timestamp: number; CloudWatchMetrics: unknown[] } },
    );

// A time close to the real clock, so Powertools does not warn that CloudWatch would drop it.
const AT = Math.floor(systemClock.now() / 60_000) * 60_000;

describe("EmfPublisher", () => {
  it("flushes one EMF record per publish, under the own namespace with only the Cluster dimension", () => {
    const publisher = new EmfPublisher(new Metrics({ namespace: OWN_NAMESPACE, serviceName: "dp-autoscaler" }));

    publisher.publish(
      "prod-eu",
      [
        { name: OWN_METRICS.recommended, unit: "Count", value: 6 },
        { name: "DecisionMs", unit: "Milliseconds", value: 12.5 },
      ],
      AT,
    );

    const [record, ...rest] = records();
    expect(rest).toHaveLength(0);
    expect(record).toMatchObject({
      _aws: {
        Timestamp: AT,
        CloudWatchMetrics: [
          {
            Namespace: "DPAutoscaler",
            Dimensions: [["Cluster"]],
            Metrics: [
              { Name: "RecommendedCapacity", Unit: "Count" },
              { Name: "DecisionMs", Unit: "Milliseconds" },
            ],
          },
        ],
      },
      Cluster: "prod-eu",
      RecommendedCapacity: 6,
      DecisionMs: 12.5,
    });
    // No `service` dimension: the metric must be readable back by {Cluster} alone.
    expect(record).not.toHaveProperty("service");
  });

  it("stamps each record with its own time and cluster", () => {
    const publisher = new EmfPublisher();
    publisher.publish("a", [{ name: "Decisions", unit: "Count", value: 1 }], AT);
    publisher.publish("b", [{ name: "Decisions", unit: "Count", value: 1 }], AT + 60_000);
    expect(records().map((r) => [r.Cluster, r._aws.Timestamp])).toEqual([
      ["a", AT],
      ["b", AT + 60_000],
    ]);
  });

  it("never throws, and a failed publish does not leak into the next one", () => {
    const publisher = new EmfPublisher();
    const halfValid = [
      { name: "Stale", unit: "Count" as const, value: 1 },
      { name: "", unit: "Count" as const, value: 1 },
    ];
    expect(() => publisher.publish("a", halfValid, AT)).not.toThrow();
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining("EMF publish failed for cluster a"));

    publisher.publish("b", [{ name: "Decisions", unit: "Count", value: 2 }], AT);
    const all = records();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ Cluster: "b", Decisions: 2 });
    expect(all[0]).not.toHaveProperty("Stale");
  });

  it("writes nothing for no metrics", () => {
    new EmfPublisher().publish("a", [], AT);
    expect(records()).toHaveLength(0);
  });
});
