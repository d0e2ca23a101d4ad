/** "prod: node i-0abc ready and registered" with the time to ready and to registered. */
import type { NotificationEvent } from "../../ports/notifier.ts";
import { escapeInline } from "../escape.ts";
import { formatDuration, type MessageContext, message, type SlackMessage, safeTitle } from "./message.ts";

export function nodeReadyMessage(
  event: Extract<NotificationEvent, { kind: "node-ready" }>,
  ctx: MessageContext,
): SlackMessage {
  const title = `${event.cluster}: node ${event.instanceId} ready and registered`;
  return message({
    title,
    text: `${safeTitle(title)} — ready after ${formatDuration(event.secondsToReady)}, registered after ${formatDuration(event.secondsToRegistered)}`,
    fields: [
      ["Instance", escapeInline(event.instanceId, 40)],
      ["Ready after", formatDuration(event.secondsToReady)],
      ["Registered after", formatDuration(event.secondsToRegistered)],
    ],
    at: event.at,
    requestId: event.requestId,
    ctx,
  });
}
