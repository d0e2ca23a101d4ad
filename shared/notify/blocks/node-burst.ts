/**
 * One message for a burst of node events ("prod: 5 node events in 60 s — 3 ready, 1 abandoned, 1 drained"), so a
 * scale-out of ten nodes is one notification, not ten. The coalescer decides what a burst is; this only renders it.
 */
import type { NotificationEvent } from "../../ports/notifier.ts";
import { escapeInline } from "../escape.ts";
import { formatDuration, type MessageContext, message, type SlackMessage, safeTitle } from "./message.ts";

export type NodeEvent = Extract<NotificationEvent, { kind: "node-ready" | "node-abandoned" | "node-drained" }>;

const MAX_LINES = 15;

function line(e: NodeEvent): string {
  const id = escapeInline(e.instanceId, 40);
  if (e.kind === "node-ready")
    return `• ${id} ready after ${formatDuration(e.secondsToReady)}, registered after ${formatDuration(e.secondsToRegistered)}`;
  if (e.kind === "node-abandoned")
    return `• ${id} *abandoned* after ${formatDuration(e.secondsWaited)}: ${escapeInline(e.lastReason, 200)}`;
  return `• ${id} drained in ${formatDuration(e.secondsDraining)}`;
}

function count(events: NodeEvent[], kind: NodeEvent["kind"]): number {
  return events.filter((e) => e.kind === kind).length;
}

/** `events` oldest first, all of one cluster; `spanSeconds` is the time from the first to the last. */
export function nodeBurstMessage(events: NodeEvent[], spanSeconds: number, ctx: MessageContext): SlackMessage {
  const first = events[0]!;
  const last = events[events.length - 1]!;
  const parts: string[] = [];
  const ready = count(events, "node-ready");
  const abandoned = count(events, "node-abandoned");
  const drained = count(events, "node-drained");
  if (ready > 0) parts.push(`${ready} ready`);
  if (abandoned > 0) parts.push(`${abandoned} abandoned`);
  if (drained > 0) parts.push(`${drained} drained`);
  const title = `${first.cluster}: ${events.length} node events in ${formatDuration(spanSeconds)} — ${parts.join(", ")}`;
  const lines = events.slice(0, MAX_LINES).map(line);
  if (events.length > MAX_LINES) lines.push(`…and ${events.length - MAX_LINES} more`);
  return message({
    title,
    text: safeTitle(title),
    body: lines.join("\n"),
    fields: [
      ["Ready", String(ready)],
      ["Abandoned", String(abandoned)],
      ["Drained", String(drained)],
    ],
    at: last.at,
    requestId: last.requestId,
    ctx,
  });
}
