/**
 * A real Powertools `Logger` whose output is captured instead of printed, so tests can assert on what would reach
 * CloudWatch Logs — including that a secret never does. Uses the logger's own JSON formatting, errors included.
 */
import { Console } from "node:console";
import { Writable } from "node:stream";
import type { Logger } from "@aws-lambda-powertools/logger";
import { createLogger } from "../shared/runtime/logger.ts";

export interface CapturedLogger {
  logger: Logger;
  /** Every line written, raw. */
  lines: string[];
  /** Every line, parsed. */
  records(): Array<Record<string, unknown>>;
  /** All output as one string (for "never contains" assertions). */
  text(): string;
}

export function capturingLogger(serviceName = "dp-autoscaler-test"): CapturedLogger {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      for (const line of String(chunk).split("\n")) if (line.trim() !== "") lines.push(line);
      callback();
    },
  });
  // The functions' own logger (its length cap included), printing into the capture.
  const logger = createLogger({ serviceName, logLevel: "DEBUG" });
  // The logger prints through its own Console instance (see Logger#setConsole); point it at the capture.
  (logger as unknown as { console: Console }).console = new Console({ stdout: sink, stderr: sink });
  return {
    logger,
    lines,
    records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    text: () => lines.join("\n"),
  };
}
