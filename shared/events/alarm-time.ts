/**
 * CloudWatch writes alarm timestamps as `2019-10-02T17:04:40.989+0000`: an offset without a colon, which ISO 8601
 * extended format (and so `Date.parse` outside V8's lenient path) does not promise to read. Normalised here.
 */
const COMPACT_OFFSET = /([+-]\d{2})(\d{2})$/;

/** Epoch ms of a CloudWatch or EventBridge timestamp; undefined when it is not a timestamp. */
export function parseAlarmTimestamp(text: string): number | undefined {
  const iso = text.replace(COMPACT_OFFSET, "$1:$2");
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(iso)) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}
