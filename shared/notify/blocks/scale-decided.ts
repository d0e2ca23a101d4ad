/** "prod: scale out 4 → 6" with the deciding signal, what the signals asked for, and any guardrail that capped it. */
import type { NotificationEvent } from "../../ports/notifier.ts";
import { escapeMrkdwn } from "../escape.ts";
import { actionWords, decidingSignal, describeGuardrail, describeSignal } from "./decision-fields.ts";
import { type Field, type MessageContext, message, type SlackMessage, safeTitle } from "./message.ts";

export function scaleDecidedMessage(
  event: Extract<NotificationEvent, { kind: "scale-decided" }>,
  ctx: MessageContext,
): SlackMessage {
  const d = event.decision;
  const title = `${event.cluster}: ${actionWords(d)} ${d.currentDesired} → ${d.desired}`;
  const signal = decidingSignal(d);
  const fieldList: Field[] = [
    ["Desired", `${d.currentDesired} → ${d.desired}`],
    ["Signals asked for", `${d.recommended} nodes`],
    ["Deciding signal", signal ? describeSignal(signal) : "none (no signal proposed a size)"],
  ];
  if (d.guardrails.length > 0) fieldList.push(["Guardrails", d.guardrails.map(describeGuardrail).join("\n")]);
  const text = `${safeTitle(title)} — ${signal ? describeSignal(signal) : escapeMrkdwn(d.summary, 300)}`;
  return message({
    title,
    text,
    body: escapeMrkdwn(d.summary, 1000),
    fields: fieldList,
    at: event.at,
    requestId: event.requestId,
    ctx,
  });
}
