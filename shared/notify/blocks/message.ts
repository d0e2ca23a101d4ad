/**
 * The shape every builder returns and the pieces they share: a header (cluster, what happened), a fields section,
 * a context line (time, request id, region), and the plain `text` fallback that phone notifications show.
 * Every `mrkdwn` object is `verbatim` so Slack does not auto-link names, channels or URLs inside our text.
 */
import type { ContextBlock, HeaderBlock, KnownBlock, MrkdwnElement, SectionBlock } from "@slack/types";
import { escapeInline, escapeMrkdwn, plainText } from "../escape.ts";

export interface SlackMessage {
  /** Fallback for notifications and clients without Block Kit; mrkdwn, already escaped. */
  text: string;
  blocks: KnownBlock[];
  /** Legacy webhooks honour it; app webhooks post to their own channel. */
  channel?: string;
}

/** What a builder needs besides the event. */
export interface MessageContext {
  region?: string;
}

/** A field: a bold label of ours and a value that is already mrkdwn-safe. */
export type Field = [label: string, safeValue: string];

export function mrkdwn(safeText: string): MrkdwnElement {
  return { type: "mrkdwn", text: safeText, verbatim: true };
}

export function header(text: string): HeaderBlock {
  return { type: "header", text: { type: "plain_text", text: plainText(text), emoji: true } };
}

/** Slack shows at most 10 fields, two per row. */
export function fields(items: Field[]): SectionBlock {
  return { type: "section", fields: items.slice(0, 10).map(([label, value]) => mrkdwn(`*${label}*\n${value}`)) };
}

export function section(safeText: string): SectionBlock {
  return { type: "section", text: mrkdwn(safeText) };
}

/**
 * Time as Slack's `<!date>` token (shown in the reader's time zone, with the ISO time as fallback), then the request
 * id and the region when known.
 */
export function context(at: number, requestId: string | undefined, ctx: MessageContext): ContextBlock {
  const iso = new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z");
  const parts = [`<!date^${Math.floor(at / 1000)}^{date_short_pretty} {time_secs}|${iso}>`];
  if (requestId) parts.push(`request \`${escapeInline(requestId, 100)}\``);
  if (ctx.region) parts.push(escapeInline(ctx.region, 40));
  return { type: "context", elements: [mrkdwn(parts.join("  ·  "))] };
}

/** Assembles a message: header, optional summary section, fields, context. */
export function message(parts: {
  title: string;
  text: string;
  fields: Field[];
  body?: string;
  at: number;
  requestId?: string;
  ctx: MessageContext;
}): SlackMessage {
  const blocks: KnownBlock[] = [header(parts.title)];
  if (parts.body) blocks.push(section(parts.body));
  if (parts.fields.length > 0) blocks.push(fields(parts.fields));
  blocks.push(context(parts.at, parts.requestId, parts.ctx));
  return { text: parts.text, blocks };
}

/** The title as mrkdwn-safe text, for the fallback line. */
export function safeTitle(title: string): string {
  return escapeInline(title, 150);
}

/** "42 s", "3 min 5 s", "2 h 10 min": how long something took, readable at a glance. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const rest = s % 60;
    return rest === 0 ? `${Math.floor(s / 60)} min` : `${Math.floor(s / 60)} min ${rest} s`;
  }
  const min = Math.floor((s % 3600) / 60);
  return min === 0 ? `${Math.floor(s / 3600)} h` : `${Math.floor(s / 3600)} h ${min} min`;
}

export { escapeInline, escapeMrkdwn };
