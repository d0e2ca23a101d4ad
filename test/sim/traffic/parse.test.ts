import { describe, expect, it } from "vitest";
import { TraceDataError } from "../../../sim/traffic/errors.ts";
import { parseSeriesBytes, parseSeriesText } from "../../../sim/traffic/parse.ts";
import { formatInstant, formatIsoWithOffset, formatUtcOffset, parseInstant } from "../../../sim/traffic/time.ts";

const opts = { source: "t", stepSeconds: 60, utcOffsetMinutes: 0 };

function dataError(text: string, o = opts): TraceDataError {
  try {
    parseSeriesText(text, o);
  } catch (err) {
    if (err instanceof TraceDataError) return err;
    throw err;
  }
  throw new Error("expected a TraceDataError");
}

describe("parseInstant", () => {
  it("reads the trace format and ISO forms, with and without offsets", () => {
    expect(parseInstant("1995-07-13 09:49:00", -240)).toBe(Date.UTC(1995, 6, 13, 13, 49));
    expect(parseInstant("1995-07-13T09:49", -240)).toBe(Date.UTC(1995, 6, 13, 13, 49));
    expect(parseInstant("1995-07-13T09:49Z", -240)).toBe(Date.UTC(1995, 6, 13, 9, 49));
    expect(parseInstant("1995-07-13T09:49:00+02:00", 0)).toBe(Date.UTC(1995, 6, 13, 7, 49));
    expect(parseInstant("1995-07-13", 0)).toBe(Date.UTC(1995, 6, 13));
    expect(parseInstant("2000-02-29 00:00:00", 0)).toBe(Date.UTC(2000, 1, 29));
  });

  it("rejects impossible dates", () => {
    expect(parseInstant("1995-04-31 00:00:00", 0)).toBeNaN();
    expect(parseInstant("1900-02-29T00:00", 0)).toBeNaN();
    expect(parseInstant("1995-07-13 24:00:00", 0)).toBeNaN();
    expect(parseInstant("soon", 0)).toBeNaN();
  });

  it("formats in a trace's clock", () => {
    expect(formatInstant(Date.UTC(1995, 6, 13, 13, 49), -240)).toBe("1995-07-13 09:49 UTC−4");
    expect(formatInstant(Date.UTC(2024, 0, 1, 0, 0, 25), 0)).toBe("2024-01-01 00:00:25 UTC");
    expect(formatUtcOffset(330)).toBe("UTC+5:30");
    expect(formatIsoWithOffset(Date.UTC(1995, 6, 1, 4), -240)).toBe("1995-07-01T00:00:00-04:00");
  });
});

describe("parseSeriesText", () => {
  it("reads bare values with directives, comments, CRLF and no final newline", () => {
    const p = parseSeriesText("# hello\r\n# start: 1995-07-01T00:00:00-04:00\r\n# step: 60\r\n3\r\n\r\n0\r\n7", opts);
    expect(p.startMs).toBe(Date.UTC(1995, 6, 1, 4));
    expect(Array.from(p.values)).toEqual([3, 0, 7]);
    expect(p.rows).toBe(3);
  });

  it("zero-fills the steps a timestamped file leaves out, skipping its header", () => {
    const p = parseSeriesText("minute,count\n1995-07-01 00:00:00,42\n1995-07-01 00:02:00,5\n", {
      ...opts,
      utcOffsetMinutes: -240,
    });
    expect(p.startMs).toBe(Date.UTC(1995, 6, 1, 4));
    expect(Array.from(p.values)).toEqual([42, 0, 5]);
    expect(p.rows).toBe(2);
  });

  it("names the line of each problem", () => {
    expect(dataError("1\n2,3\n").line).toBe(2);
    expect(dataError("1\n-2\n").message).toContain("not a request count");
    expect(dataError("2020-01-01 00:01:00,1\n2020-01-01 00:00:00,1\n").message).toContain("must increase");
    expect(dataError("2020-01-01 00:00:00,1\n2020-01-01 00:00:30,1\n").message).toContain("off the 60-second grid");
    expect(dataError("# step: 1\n5\n").message).toContain("1-second steps, not 60-second");
    expect(dataError("\n\n").message).toContain("holds no data rows");
  });
});

describe("parseSeriesBytes", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);

  it.each([
    ["the bundled layout", "# x\n# start: 2024-01-01T00:00:00Z\n# step: 60\n3\n0\n12\n"],
    ["CRLF and no final newline", "# start: 2024-01-01T00:00:00Z\r\n3\r\n0\r\n12"],
    ["a blank line among the data", "3\n\n0\n12\n"],
    ["decimals and a header word", "rps\n3.5\n0\n12\n"],
    ["timestamped rows", "2024-01-01 00:00:00,3\n2024-01-01 00:02:00,12\n"],
  ])("reads %s exactly as the text reader does", (_, text) => {
    expect(parseSeriesBytes(bytes(text), opts)).toEqual(parseSeriesText(text, opts));
  });

  it("still reports bad lines precisely", () => {
    try {
      parseSeriesBytes(bytes("1\n2\n-3\n"), opts);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(TraceDataError);
      expect((err as TraceDataError).line).toBe(3);
    }
    expect(() => parseSeriesBytes(bytes("# step: 1\n5\n"), opts)).toThrow(/1-second steps/);
  });
});
