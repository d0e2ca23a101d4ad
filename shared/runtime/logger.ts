/**
 * The functions' Powertools logger, with one rule every log line obeys whatever path a string took to it: no string
 * is longer than `LOG_STRING_MAX` (message, attributes, error messages and stacks alike). Input is refused or cut
 * where it is parsed; this is the last line, so a field nobody thought of still cannot turn one event into megabytes
 * of logs.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import { cut, LOG_STRING_MAX } from "../events/text.ts";

export type LoggerOptions = NonNullable<ConstructorParameters<typeof Logger>[0]>;

/** Cuts every string value to `LOG_STRING_MAX` characters (Powertools calls it for each key while serialising). */
export function capLogString(_key: string, value: unknown): unknown {
  return typeof value === "string" && value.length > LOG_STRING_MAX ? cut(value, LOG_STRING_MAX) : value;
}

export function createLogger(options: LoggerOptions): Logger {
  return new Logger({ ...options, jsonReplacerFn: capLogString });
}
