/** "prod: manual scale 4 → 6 by alice", "prod: automatic scaling paused by bob": who, why, and whether it was forced. */
import type { NotificationEvent } from "../../ports/notifier.ts";
import { escapeInline, escapeMrkdwn } from "../escape.ts";
import { type Field, type MessageContext, message, type SlackMessage } from "./message.ts";

type ManualAction = Extract<NotificationEvent, { kind: "manual-action" }>;

function what(event: ManualAction): string {
  if (event.action === "pause") return "automatic scaling paused";
  if (event.action === "resume") return "automatic scaling resumed";
  const sizes = event.fromDesired !== undefined ? `${event.fromDesired} → ${event.toDesired}` : `to ${event.toDesired}`;
  return `manual scale ${sizes}${event.forced ? " (forced)" : ""}`;
}

export function manualActionMessage(event: ManualAction, ctx: MessageContext): SlackMessage {
  // The title is plain_text (not parsed by Slack); `by` is shown escaped in the fields and the fallback.
  const by = event.by ?? "unknown";
  const title = `${event.cluster}: ${what(event)} by ${by}`;
  const reason = escapeMrkdwn(event.reason, 500);
  const fieldList: Field[] = [
    ["By", escapeInline(by, 64)],
    // Who called as AWS authenticated them; `By` is what the request says.
    [
      "Caller (AWS)",
      event.callerArn !== undefined ? escapeInline(event.callerArn, 300) : "not verified (no caller proof)",
    ],
    ["Reason", reason],
  ];
  if (event.action === "scale") fieldList.push(["Desired", `${event.fromDesired ?? "?"} → ${event.toDesired ?? "?"}`]);
  if (event.forced) fieldList.push(["Forced", "yes — the control-plane outage breaker was open"]);
  return message({
    title,
    text: `${escapeInline(`${event.cluster}: ${what(event)} by ${by}`, 200)} — ${escapeInline(event.reason, 200)}`,
    fields: fieldList,
    at: event.at,
    requestId: event.requestId,
    ctx,
  });
}
