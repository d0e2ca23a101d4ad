/**
 * The one Prometheus gauge readiness needs: `apisix_etcd_reachable`. APISIX's `/status/ready` latches after the first
 * config load, so on OSS the gauge is the only proof that the node reaches etcd now. API7 adds labels
 * (`gateway_group_id`, `instance_id`); every series must read 1.
 */
import type { HttpOutcome } from "../ports/http-probe.ts";
import { describeError, excerpt, notReady, type ReadinessVerdict } from "./readiness.ts";

export const ETCD_REACHABLE_METRIC = "apisix_etcd_reachable";

export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/**
 * The samples of one metric in Prometheus text exposition format. Comments (`# HELP`, `# TYPE`) and other metrics are
 * skipped; a trailing timestamp is ignored; label values may hold spaces, `}` and escaped quotes.
 */
export function parseSamples(text: string, metric: string): Sample[] {
  const out: Sample[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line.startsWith(metric)) continue;
    const rest = line.slice(metric.length);
    if (rest[0] !== "{" && rest[0] !== " " && rest[0] !== "\t") continue; // a longer name with the same prefix
    const parsed = rest[0] === "{" ? parseLabels(rest) : { labels: {}, end: 0 };
    if (!parsed) continue;
    const [valueText] = rest.slice(parsed.end).trim().split(/\s+/);
    const value = parseValue(valueText ?? "");
    if (value !== undefined) out.push({ labels: parsed.labels, value });
  }
  return out;
}

/** Verdict on the Prometheus endpoint's answer: ready only when every `apisix_etcd_reachable` series is 1. */
export function interpretEtcdReachable(outcome: HttpOutcome): ReadinessVerdict {
  if (outcome.kind === "error") return notReady(`metrics endpoint: ${describeError(outcome.error, outcome.message)}`);
  if (outcome.status !== 200) return notReady(`metrics endpoint: HTTP ${outcome.status}: ${excerpt(outcome.body)}`);
  const samples = parseSamples(outcome.body, ETCD_REACHABLE_METRIC);
  // Metrics refresh every 15 s (APISIX ≥ 3.14): a new node's first scrape may not have the gauge yet.
  if (samples.length === 0) return notReady(`${ETCD_REACHABLE_METRIC} not reported yet`);
  const down = samples.filter((s) => s.value !== 1);
  if (down.length > 0) return notReady(`etcd unreachable (${ETCD_REACHABLE_METRIC} ${down[0]!.value})`);
  return { ready: true, reason: `${ETCD_REACHABLE_METRIC} 1`, cpRelated: false };
}

function parseLabels(rest: string): { labels: Record<string, string>; end: number } | undefined {
  const labels: Record<string, string> = {};
  let i = 1;
  for (;;) {
    while (rest[i] === " " || rest[i] === ",") i++;
    if (rest[i] === "}") return { labels, end: i + 1 };
    const eq = rest.indexOf("=", i);
    if (eq < 0 || rest[eq + 1] !== '"') return undefined;
    const name = rest.slice(i, eq).trim();
    let value = "";
    let j = eq + 2;
    for (; j < rest.length && rest[j] !== '"'; j++) {
      if (rest[j] === "\\" && j + 1 < rest.length) {
        j++;
        value += rest[j] === "n" ? "\n" : rest[j];
      } else value += rest[j];
    }
    if (j >= rest.length) return undefined;
    labels[name] = value;
    i = j + 1;
  }
}

function parseValue(text: string): number | undefined {
  if (text === "+Inf") return Number.POSITIVE_INFINITY;
  if (text === "-Inf") return Number.NEGATIVE_INFINITY;
  if (text === "NaN") return Number.NaN;
  const v = Number(text);
  return text !== "" && Number.isFinite(v) ? v : undefined;
}
