/** "prod: node i-0abc abandoned" with how long it was given and the last thing its readiness check said. */
import type { NotificationEvent } from "../../ports/notifier.ts";
import { escapeInline } from "../escape.ts";
import { formatDuration, type MessageContext, message, type SlackMessage, safeTitle } from "./message.ts";

export function nodeAbandonedMessage(
  event: Extract<NotificationEvent, { kind: "node-abandoned" }>,
  ctx: MessageContext,
): SlackMessage {
  const title = `${event.cluster}: node ${event.instanceId} abandoned`;
  // The reason comes from the node's own answer (e.g. an API7 503 body): outside text, escaped.
  const reason = escapeInline(event.lastReason, 400);
  return message({
    title,
    text: `${safeTitle(title)} after ${formatDuration(event.secondsWaited)} — ${reason}`,
    body: "Not ready in time: the Auto Scaling group terminates and replaces it.",
    fields: [
      ["Instance", escapeInline(event.instanceId, 40)],
      ["Waited", formatDuration(event.secondsWaited)],
      ["Last readiness reason", reason],
    ],
    at: event.at,
    requestId: event.requestId,
    ctx,
  });
}
