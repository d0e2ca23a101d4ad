/**
 * The scaler sends each cluster's digest. Why the scaler: it is the one function that runs on a clock (the 1-minute
 * schedule), so a period's end is noticed without any timer or state; it already holds the MetricsPort
 * (GetMetricData, to read the signals) and the notifier; and its reserved concurrency of 1 means one sender, so two
 * containers cannot both send a period's digest. Launch and drain run only when nodes come and go (an idle hour
 * would never be closed), and the operator only on request.
 *
 * Called after the tick's scaling, so a digest never delays a decision; it never throws (a failed read is logged and
 * that period's digest skipped — the figures are still on the dashboard).
 */
import type { ClusterConfig } from "../../config/schema.ts";
import type { AutoscalerDeps } from "../../ports/deps.ts";
import { periodClosedBy } from "./period.ts";
import { readDigest, somethingHappened } from "./read-digest.ts";

export type DigestOutcome = "not-due" | "sent" | "quiet" | "failed";

export async function sendDigestIfDue(
  deps: Pick<AutoscalerDeps, "metrics" | "notifier" | "logger">,
  cluster: ClusterConfig,
  tickAt: number,
  requestId?: string,
): Promise<DigestOutcome> {
  const period = periodClosedBy(tickAt, cluster.notify.digestMinutes);
  if (!period) return "not-due";
  try {
    const digest = await readDigest(deps.metrics, cluster, period);
    if (!somethingHappened(digest)) {
      deps.logger.debug(`${cluster.name}: nothing happened in the digest period; no digest sent`, { period });
      return "quiet";
    }
    await deps.notifier.notify({
      kind: "digest",
      cluster: cluster.name,
      at: period.to,
      ...(requestId ? { requestId } : {}),
      digest,
    });
    return "sent";
  } catch (err) {
    deps.logger.warn(`${cluster.name}: digest not sent`, { cluster: cluster.name, period, error: err as Error });
    return "failed";
  }
}
