/** "prod: autoscaler error in scaler" with the error message (escaped: it may quote outside text). */
import type { NotificationEvent } from "../../ports/notifier.ts";
import { escapeInline, escapeMrkdwn } from "../escape.ts";
import { type MessageContext, message, type SlackMessage, safeTitle } from "./message.ts";

export function autoscalerErrorMessage(
  event: Extract<NotificationEvent, { kind: "autoscaler-error" }>,
  ctx: MessageContext,
): SlackMessage {
  const title = `${event.cluster}: autoscaler error in ${event.functionName}`;
  return message({
    title,
    text: `${safeTitle(title)} — ${escapeInline(event.message, 300)}`,
    body: escapeMrkdwn(event.message, 1500),
    fields: [["Function", escapeInline(event.functionName, 40)]],
    at: event.at,
    requestId: event.requestId,
    ctx,
  });
}
