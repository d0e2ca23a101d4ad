/**
 * The sink when no webhook is configured (and the fallback when it cannot be read): the message's plain text goes to
 * the structured log, so a notification is never silently dropped.
 */
import type { Logger } from "@aws-lambda-powertools/logger";
import type { SlackMessage } from "./blocks/message.ts";

export function logNotification(logger: Logger, cluster: string, msg: SlackMessage, why?: string): void {
  logger.info("notification", { cluster, text: msg.text, ...(why ? { sink: "console", why } : { sink: "console" }) });
}
