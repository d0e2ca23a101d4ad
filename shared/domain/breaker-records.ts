/**
 * The CP-outage breaker's records: **one Auto Scaling group tag per abandoned launch**, keyed by the instance
 * (`dp-autoscaler:cp-abandon:i-…`), valued with the abandon's time (epoch ms) and reason. Two launches abandoned at
 * the same instant write two different keys, so neither can overwrite the other: the count is commutative by
 * construction (a read-modify-write of one shared tag lost all but one of simultaneous abandons). Only the invocation
 * whose ABANDON found its lifecycle action writes an instance's record, so each abandoned launch is one record.
 *
 * The breaker's open state is derived from these records (`openingRun`); the breaker tag (`BREAKER_TAG`, `tags.ts`)
 * is the view of that state the scaler and the operator read. Pure: no I/O.
 */
import { TAG_VALUE_MAX } from "./tags.ts";

export const ABANDON_RECORD_PREFIX = "dp-autoscaler:cp-abandon:";

export interface AbandonRecord {
  instanceId: string;
  /** Epoch ms, to the millisecond. */
  at: number;
  reason?: string;
}

/** Instance ids as EC2 names them; anything else under the prefix is not ours and is ignored. */
const INSTANCE_ID = /^i-[0-9a-f]{8,17}$/;
/** The last instant a JavaScript `Date` can hold (ms). */
const MAX_DATE_MS = 8.64e15;

export function abandonRecordKey(instanceId: string): string {
  return `${ABANDON_RECORD_PREFIX}${instanceId}`;
}

/** `{"t":<epoch ms>,"r":"<reason>"}`, the reason cut so that the value fits a tag (256 characters). */
export function encodeAbandonRecord(r: Pick<AbandonRecord, "at" | "reason">): string {
  const base = JSON.stringify({ t: Math.round(r.at), r: "" });
  let reason = r.reason ?? "";
  while (reason.length > 0 && base.length + JSON.stringify(reason).length - 2 > TAG_VALUE_MAX)
    reason = reason.slice(0, Math.max(0, reason.length - 8));
  return JSON.stringify({ t: Math.round(r.at), r: reason });
}

/** A record, or undefined when the key or the value is not one (a hand-edited tag never throws). */
export function decodeAbandonRecord(key: string, value: string): AbandonRecord | undefined {
  if (!key.startsWith(ABANDON_RECORD_PREFIX)) return undefined;
  const instanceId = key.slice(ABANDON_RECORD_PREFIX.length);
  if (!INSTANCE_ID.test(instanceId)) return undefined;
  try {
    const o = JSON.parse(value) as { t?: unknown; r?: unknown };
    const at = o?.t;
    if (typeof at !== "number" || !Number.isInteger(at) || at < 0 || at > MAX_DATE_MS) return undefined;
    return { instanceId, at, ...(typeof o.r === "string" && o.r !== "" ? { reason: o.r } : {}) };
  } catch {
    return undefined;
  }
}

/** Every record among a group's tags, oldest first (ties by instance id, so every reader sees the same order). */
export function abandonRecords(tags: Readonly<Record<string, string>>): AbandonRecord[] {
  const out: AbandonRecord[] = [];
  for (const [key, value] of Object.entries(tags)) {
    const r = decodeAbandonRecord(key, value);
    if (r) out.push(r);
  }
  return out.sort((a, b) => a.at - b.at || (a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : 0));
}

/**
 * The first run of `abandonsToOpen` consecutive records that fit within `windowMs` (last − first ≤ window), if any:
 * the breaker is open from the run's last record on. Every reader that sees the same records finds the same run.
 */
export function openingRun(
  records: readonly AbandonRecord[],
  abandonsToOpen: number,
  windowMs: number,
): AbandonRecord[] | undefined {
  for (let end = abandonsToOpen - 1; end < records.length; end++) {
    const first = records[end - abandonsToOpen + 1]!;
    if (records[end]!.at - first.at <= windowMs) return records.slice(end - abandonsToOpen + 1, end + 1);
  }
  return undefined;
}
