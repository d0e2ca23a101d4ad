/**
 * "prod: 09:00–10:00 UTC — 3 capacity changes, 4 nodes added, 2 removed": what a cluster did over one digest period,
 * in one message instead of one per decision and per node. Built by the scaler from its own metrics
 * (`shared/services/digest/`); a period in which nothing happened sends no digest at all.
 */
import { ROUTINE_HOLDS } from "../../domain/decision.ts";
import type { ActivityDigest, NotificationEvent, Range } from "../../ports/notifier.ts";
import { escapeInline } from "../escape.ts";
import { type Field, formatDuration, type MessageContext, message, type SlackMessage, safeTitle } from "./message.ts";

/** "09:00–10:00 UTC", with the start's date when the period is a day or longer. */
export function periodLabel(from: number, to: number): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const hhmm = (ms: number) => iso(ms).slice(11, 16);
  if (to - from >= 86_400_000) return `${iso(from).slice(0, 10)} (UTC day)`;
  return `${hhmm(from)}–${hhmm(to)} UTC`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function range(r: Range | undefined): string {
  if (!r) return "no data";
  return r.lowest === r.peak ? String(r.peak) : `${r.lowest} – ${r.peak}`;
}

/** The headline: the changes, the nodes, and the blocks that are news (not the routine holds). */
function headline(d: ActivityDigest): string {
  const parts: string[] = [];
  if (d.capacityChanges > 0) parts.push(plural(d.capacityChanges, "capacity change"));
  if (d.nodesReady > 0) parts.push(`${d.nodesReady} added`);
  if (d.nodesDrained > 0) parts.push(`${d.nodesDrained} removed`);
  if (d.launchesAbandoned > 0) parts.push(`${d.launchesAbandoned} abandoned`);
  const blocks = d.guardrailBlocks.filter((g) => !ROUTINE_HOLDS.includes(g.name)).reduce((sum, g) => sum + g.count, 0);
  if (blocks > 0) parts.push(plural(blocks, "blocked decision"));
  return parts.length > 0 ? parts.join(", ") : "no change";
}

export function digestMessage(
  event: Extract<NotificationEvent, { kind: "digest" }>,
  ctx: MessageContext,
): SlackMessage {
  const d = event.digest;
  const title = `${event.cluster}: ${periodLabel(d.from, d.to)} — ${headline(d)}`;
  const guardrails = d.guardrailBlocks.map((g) => `${escapeInline(g.name, 40)} ×${g.count}`).join(", ");
  const fields: Field[] = [
    ["Actions", `${plural(d.scaleOuts, "scale-out")}, ${plural(d.scaleIns, "scale-in")}`],
    ["Nodes added / removed", `${d.nodesReady} / ${d.nodesDrained}`],
    ["In service (lowest – peak)", range(d.inService)],
    ["Desired (lowest – peak)", range(d.desired)],
    [
      "Time to ready p50 / p95",
      d.secondsToReady
        ? `${formatDuration(d.secondsToReady.p50)} / ${formatDuration(d.secondsToReady.p95)}`
        : "no node became ready",
    ],
    ["Guardrails that blocked", guardrails || "none"],
  ];
  if (d.launchesAbandoned > 0) fields.push(["Launches abandoned", String(d.launchesAbandoned)]);
  return message({ title, text: safeTitle(title), fields, at: d.to, requestId: event.requestId, ctx });
}
