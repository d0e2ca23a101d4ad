/**
 * CloudWatch's retention and resolution rules for standard-resolution metrics
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#metrics-retention,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricStat.html):
 * - datapoints of 1 minute are kept for 15 days; then only as 5-minute aggregates until 63 days; then only as 1-hour
 *   aggregates until 455 days; then they are gone;
 * - a query whose StartTime is more than 3 hours ago must use a period that is a multiple of 60 s (start within
 *   15 days), 300 s (15–63 days) or 3600 s (beyond), or it gets no datapoints.
 */

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
export const RETENTION_DAYS = 455;

/** The finest period (seconds) data `ageMs` old is still available at; undefined = gone. */
export function resolutionSecondsAt(ageMs: number): 60 | 300 | 3600 | undefined {
  if (ageMs <= 15 * DAY) return 60;
  if (ageMs <= 63 * DAY) return 300;
  if (ageMs <= RETENTION_DAYS * DAY) return 3600;
  return undefined;
}

/** Does a query starting at `startMs` with this period get datapoints at all (MetricStat's Period rule)? */
export function periodAllowed(periodSeconds: number, startMs: number, nowMs: number): boolean {
  const age = nowMs - startMs;
  if (age <= 3 * 60 * MINUTE) return true;
  const required = resolutionSecondsAt(age) ?? 3600;
  return periodSeconds % required === 0;
}
