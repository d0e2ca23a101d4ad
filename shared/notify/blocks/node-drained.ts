/** "prod: node i-0abc drained" with how long draining took. */
import type { NotificationEvent } from "../../ports/notifier.ts";
import { escapeInline } from "../escape.ts";
import { formatDuration, type MessageContext, message, type SlackMessage, safeTitle } from "./message.ts";

export function nodeDrainedMessage(
  event: Extract<NotificationEvent, { kind: "node-drained" }>,
  ctx: MessageContext,
): SlackMessage {
  const title = `${event.cluster}: node ${event.instanceId} drained`;
  return message({
    title,
    text: `${safeTitle(title)} in ${formatDuration(event.secondsDraining)}`,
    fields: [
      ["Instance", escapeInline(event.instanceId, 40)],
      ["Draining took", formatDuration(event.secondsDraining)],
    ],
    at: event.at,
    requestId: event.requestId,
    ctx,
  });
}
