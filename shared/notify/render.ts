/** Turns what the coalescer lets through into Slack messages. */
import type { KnownBlock } from "@slack/types";
import { buildMessage } from "./blocks/index.ts";
import { formatDuration, type MessageContext, mrkdwn, type SlackMessage } from "./blocks/message.ts";
import { nodeBurstMessage } from "./blocks/node-burst.ts";
import type { CoalesceSettings, Outgoing } from "./coalesce.ts";

export function render(outgoing: Outgoing, settings: CoalesceSettings, ctx: MessageContext): SlackMessage {
  if (outgoing.kind === "burst") return nodeBurstMessage(outgoing.events, outgoing.spanSeconds, ctx);
  const msg = buildMessage(outgoing.event, ctx);
  if (!outgoing.suppressedBefore) return msg;
  const note = `${outgoing.suppressedBefore} identical message${outgoing.suppressedBefore === 1 ? "" : "s"} suppressed in the previous ${formatDuration(settings.coalesceBlockedSeconds)}`;
  const blocks: KnownBlock[] = [...msg.blocks, { type: "context", elements: [mrkdwn(note)] }];
  return { ...msg, text: `${msg.text} (${note})`, blocks };
}
