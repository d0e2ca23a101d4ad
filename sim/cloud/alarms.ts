/**
 * Simulated CloudWatch alarms with M-out-of-N evaluation. An alarm reads the newest N datapoints available in its
 * evaluation range (N + 2 periods: a datapoint not published yet is skipped, as CloudWatch does for the newest
 * periods), and goes ALARM when at least M breach, OK when the non-breaching ones make M impossible, and
 * INSUFFICIENT_DATA when the range holds no datapoint at all (`TreatMissingData: missing`). A transition is reported
 * to the listeners (EventBridge delivers it as a "CloudWatch Alarm State Change" event).
 */
import type { AlarmMetric, AlarmStateSnapshot } from "./aws-shapes.ts";
import { metricKey, type SimCloudWatch } from "./cloudwatch.ts";

export type Comparison =
  | "GreaterThanThreshold"
  | "GreaterThanOrEqualToThreshold"
  | "LessThanThreshold"
  | "LessThanOrEqualToThreshold";

export interface AlarmDefinition {
  name: string;
  metric: AlarmMetric;
  comparison: Comparison;
  threshold: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
}

export type AlarmState = AlarmStateSnapshot["value"];

export type AlarmListener = (alarm: SimAlarm, previous: AlarmStateSnapshot, current: AlarmStateSnapshot) => void;

export class SimAlarm {
  readonly definition: AlarmDefinition;
  readonly #key: string;
  #snapshot: AlarmStateSnapshot;
  readonly #listeners: AlarmListener[] = [];
  /** The newest datapoints evaluated (newest first), for reasons and tests. */
  lastValues: number[] = [];

  constructor(definition: AlarmDefinition, createdAt: number) {
    this.definition = definition;
    const m = definition.metric;
    this.#key = metricKey(m.namespace, m.metricName, m.dimensions);
    this.#snapshot = { value: "INSUFFICIENT_DATA", reason: "Unchecked: Initial alarm creation", atMs: createdAt };
  }

  get state(): AlarmState {
    return this.#snapshot.value;
  }

  get snapshot(): AlarmStateSnapshot {
    return this.#snapshot;
  }

  onTransition(listener: AlarmListener): void {
    this.#listeners.push(listener);
  }

  /** Evaluates at `nowMs` against the datapoints readable now; returns the state after evaluation. */
  evaluate(cw: SimCloudWatch, nowMs: number): AlarmState {
    const d = this.definition;
    const periodMs = d.metric.periodSeconds * 1000;
    const end = Math.floor(nowMs / periodMs) * periodMs;
    const points = cw.query(
      this.#key,
      d.metric.stat,
      d.metric.periodSeconds,
      end - (d.evaluationPeriods + 2) * periodMs,
      end,
    );
    const newest = points.slice(-d.evaluationPeriods).reverse();
    this.lastValues = newest.map((p) => p.v);
    let next: AlarmState = this.#snapshot.value;
    let reason = "";
    if (newest.length === 0) {
      next = "INSUFFICIENT_DATA";
      reason = "Insufficient Data: no datapoints were received for the evaluation periods.";
    } else {
      const breaching = newest.filter((p) => breaches(d.comparison, p.v, d.threshold)).length;
      const notBreaching = newest.length - breaching;
      if (breaching >= d.datapointsToAlarm) next = "ALARM";
      else if (notBreaching > d.evaluationPeriods - d.datapointsToAlarm) next = "OK";
      else if (next === "INSUFFICIENT_DATA") next = "OK";
      reason = `Threshold Crossed: ${breaching} out of the last ${newest.length} datapoints [${newest
        .map((p) => `${round(p.v)} (${new Date(p.t).toISOString().slice(0, 16)})`)
        .join(", ")}] were ${next === "ALARM" ? "" : "not "}${words(d.comparison)} the threshold (${d.threshold}).`;
    }
    if (next !== this.#snapshot.value) {
      const previous = this.#snapshot;
      this.#snapshot = { value: next, reason, atMs: nowMs };
      for (const l of this.#listeners) l(this, previous, this.#snapshot);
    }
    return next;
  }
}

export function breaches(comparison: Comparison, value: number, threshold: number): boolean {
  switch (comparison) {
    case "GreaterThanThreshold":
      return value > threshold;
    case "GreaterThanOrEqualToThreshold":
      return value >= threshold;
    case "LessThanThreshold":
      return value < threshold;
    case "LessThanOrEqualToThreshold":
      return value <= threshold;
  }
}

function words(c: Comparison): string {
  return {
    GreaterThanThreshold: "greater than",
    GreaterThanOrEqualToThreshold: "greater than or equal to",
    LessThanThreshold: "less than",
    LessThanOrEqualToThreshold: "less than or equal to",
  }[c];
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
