/**
 * MetricsPort over CloudWatch GetMetricData: every query of a decision in one request (split only past CloudWatch's
 * 500 queries per call), pages followed through NextToken and merged, points ascending. Values are passed through
 * exactly as CloudWatch returns them for the stat and period; a query with no datapoints is `[]`, never zeros, so the
 * decision can tell "no data" (hold) from "idle" (may scale in).
 */
import {
  type CloudWatchClient,
  GetMetricDataCommand,
  type MetricDataQuery,
  type MetricDataResult,
} from "@aws-sdk/client-cloudwatch";
import type { Point } from "../domain/observation.ts";
import type { MetricQuery, MetricsPort } from "../ports/metrics.ts";
import { cloudWatchClient } from "./clients.ts";
import { callAws } from "./errors.ts";

export const MAX_QUERIES_PER_CALL = 500;

export class CloudWatchMetrics implements MetricsPort {
  readonly #client: CloudWatchClient;

  constructor(client: CloudWatchClient = cloudWatchClient()) {
    this.#client = client;
  }

  async fetch(queries: MetricQuery[], startMs: number, endMs: number): Promise<Record<string, Point[]>> {
    const series: Record<string, Point[]> = {};
    for (const q of queries) series[q.id] = [];
    for (let i = 0; i < queries.length; i += MAX_QUERIES_PER_CALL) {
      const batch = queries.slice(i, i + MAX_QUERIES_PER_CALL).map(toDataQuery);
      let nextToken: string | undefined;
      do {
        const out = await callAws("GetMetricData", () =>
          this.#client.send(
            new GetMetricDataCommand({
              MetricDataQueries: batch,
              StartTime: new Date(startMs),
              EndTime: new Date(endMs),
              ScanBy: "TimestampAscending",
              NextToken: nextToken,
            }),
          ),
        );
        for (const result of out.MetricDataResults ?? []) {
          const points = series[result.Id ?? ""];
          if (points) points.push(...toPoints(result));
        }
        // PartialData on a result means "more on the next page": NextToken is set and the loop goes on.
        nextToken = out.NextToken;
      } while (nextToken);
    }
    for (const points of Object.values(series)) points.sort((a, b) => a.t - b.t);
    return series;
  }
}

function toDataQuery(q: MetricQuery): MetricDataQuery {
  return {
    Id: q.id,
    MetricStat: {
      Metric: {
        Namespace: q.namespace,
        MetricName: q.metricName,
        Dimensions: Object.entries(q.dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: q.periodSeconds,
      Stat: q.stat,
    },
    ReturnData: true,
  };
}

/**
 * A result CloudWatch could not compute (`InternalError`) or may not show (`Forbidden`) counts as no data: the
 * missing-data guardrail then holds and alerts, which is the safe reading of "we do not know".
 */
function toPoints(result: MetricDataResult): Point[] {
  if (result.StatusCode === "InternalError" || result.StatusCode === "Forbidden") return [];
  const timestamps = result.Timestamps ?? [];
  const values = result.Values ?? [];
  const points: Point[] = [];
  for (let i = 0; i < Math.min(timestamps.length, values.length); i++) {
    points.push({ t: timestamps[i]!.getTime(), v: values[i]! });
  }
  return points;
}
