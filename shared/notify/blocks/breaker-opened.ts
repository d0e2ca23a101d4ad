/** "prod: control-plane outage, breaker open": scaling is frozen; the abandons in a row and the last reason say why. */
import type { NotificationEvent } from "../../ports/notifier.ts";
import { escapeInline } from "../escape.ts";
import { type MessageContext, message, type SlackMessage, safeTitle } from "./message.ts";

export function breakerOpenedMessage(
  event: Extract<NotificationEvent, { kind: "breaker-opened" }>,
  ctx: MessageContext,
): SlackMessage {
  const title = `${event.cluster}: control-plane outage — breaker open`;
  const reason = escapeInline(event.lastReason, 400);
  return message({
    title,
    text: `${safeTitle(title)} after ${event.abandons} abandoned launches — ${reason}`,
    body:
      "New nodes cannot get configuration from the control plane. Scale-out and scale-in are frozen until a new node " +
      "becomes ready. Check the control plane (etcd / dp-manager) first; see docs/operations.md.",
    fields: [
      ["Abandoned launches in a row", String(event.abandons)],
      ["Last readiness reason", reason],
    ],
    at: event.at,
    requestId: event.requestId,
    ctx,
  });
}
