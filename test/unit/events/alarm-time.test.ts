import { describe, expect, it } from "vitest";
import { parseAlarmTimestamp } from "../../../shared/events/alarm-time.ts";

describe("parseAlarmTimestamp", () => {
  it.each([
    ["2019-10-02T17:04:40.989+0000", Date.UTC(2019, 9, 2, 17, 4, 40, 989)],
    ["2019-10-02T19:04:40.989+0200", Date.UTC(2019, 9, 2, 17, 4, 40, 989)],
    ["2019-10-02T17:04:40Z", Date.UTC(2019, 9, 2, 17, 4, 40)],
    ["2019-10-02T17:04:40.989+00:00", Date.UTC(2019, 9, 2, 17, 4, 40, 989)],
  ])("reads %s", (text, ms) => {
    expect(parseAlarmTimestamp(text)).toBe(ms);
  });

  it.each(["yesterday", "2019-10-02", "2019-10-02 17:04:40", "2019-13-45T99:04:40Z"])("refuses %s", (text) => {
    expect(parseAlarmTimestamp(text)).toBeUndefined();
  });
});
