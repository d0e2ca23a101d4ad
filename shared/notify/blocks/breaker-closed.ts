/** "prod: control plane back, breaker closed": which node proved it, and how long scaling was frozen. */
import type { NotificationEvent } from "../../ports/notifier.ts";
import { escapeInline } from "../escape.ts";
import { formatDuration, type MessageContext, message, type SlackMessage, safeTitle } from "./message.ts";

export function breakerClosedMessage(
  event: Extract<NotificationEvent, { kind: "breaker-closed" }>,
  ctx: MessageContext,
): SlackMessage {
  const title = `${event.cluster}: control plane back — breaker closed`;
  return message({
    title,
    text: `${safeTitle(title)} after ${formatDuration(event.openSeconds)}`,
    body: "A new node became ready: automatic scaling resumes.",
    fields: [
      ["Closed by node", escapeInline(event.instanceId, 40)],
      ["Was open for", formatDuration(event.openSeconds)],
    ],
    at: event.at,
    requestId: event.requestId,
    ctx,
  });
}
