/**
 * The handlers' logger in the simulator: a Powertools `Logger` (the type the handlers take) whose output is switched
 * off at the source. At level SILENT Powertools still builds context and reads the environment on every call, which
 * would cost more than the simulated cloud itself; here those calls do nothing. Warnings and errors are counted and
 * handed to a sink (the run's events), so a handler's trouble stays visible in the report.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import type { LogItemExtraInput, LogItemMessage } from "@aws-lambda-powertools/logger/types";

export type LogSink = (level: "warn" | "error", message: string) => void;

export class SimLogger extends Logger {
  warnings = 0;
  errors = 0;
  readonly #sink: LogSink | undefined;

  constructor(sink?: LogSink) {
    super({ serviceName: "dp-autoscaler", logLevel: "SILENT" });
    this.#sink = sink;
  }

  override info(): void {}
  override debug(): void {}
  override trace(): void {}

  override warn(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    this.warnings++;
    this.#sink?.("warn", withDetail(input, extra));
  }

  override error(input: LogItemMessage, ...extra: LogItemExtraInput): void {
    this.errors++;
    this.#sink?.("error", withDetail(input, extra));
  }

  override critical(input: LogItemMessage, ..._extra: LogItemExtraInput): void {
    this.error(input);
  }

  override appendKeys(): void {}
  override appendPersistentKeys(): void {}
  override removeKeys(): void {}
  override resetKeys(): void {}
  override addContext(): void {}
  override setCorrelationId(): void {}
  override refreshSampleRateCalculation(): void {}
  override clearBuffer(): void {}
  override flushBuffer(): void {}
}

/** The message, and what the handler attached that says why: `problem`, `error`, `reason` (first 300 characters). */
function withDetail(input: unknown, extra: readonly unknown[]): string {
  const details: string[] = [];
  for (const x of extra) {
    if (typeof x !== "object" || x === null) continue;
    const o = x as Record<string, unknown>;
    for (const key of ["problem", "problems", "error", "reason"]) {
      const v = o[key];
      if (v === undefined) continue;
      details.push(v instanceof Error ? v.message : typeof v === "string" ? v : JSON.stringify(v));
    }
  }
  const text = messageOf(input);
  return details.length === 0 ? text : `${text} — ${details.join("; ").slice(0, 300)}`;
}

function messageOf(input: unknown): string {
  if (typeof input === "string") return input;
  if (typeof input === "object" && input !== null && "message" in input)
    return String((input as { message: unknown }).message);
  return String(input);
}
