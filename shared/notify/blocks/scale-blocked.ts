/**
 * "prod: scale-out blocked by bandwidth-ceiling": the guardrail with its numbers, what the signals asked for, and one
 * line on what it means for the person on call.
 */
import type { GuardrailName } from "../../domain/decision.ts";
import type { NotificationEvent } from "../../ports/notifier.ts";
import { escapeMrkdwn } from "../escape.ts";
import { decidingSignal, describeGuardrail, describeSignal } from "./decision-fields.ts";
import { type Field, type MessageContext, message, type SlackMessage, safeTitle } from "./message.ts";

const MEANING: Partial<Record<GuardrailName, string>> = {
  "control-plane-capacity": "The control plane serves no more data-plane nodes: raise its limit before adding nodes.",
  "bandwidth-ceiling":
    "The cluster is at a shared throughput ceiling (NAT, load balancer, link): more nodes cannot help.",
  "upstream-latency": "The upstream is slow while the gateway is fine: more gateway nodes would only add load to it.",
  "control-plane-outage":
    "New nodes cannot get configuration: scaling is frozen until the control plane answers again.",
  "missing-data": "A signal has no fresh data: the autoscaler holds rather than guess.",
  paused: "An operator paused automatic scaling for this cluster.",
  "max-nodes": "The cluster is at its configured maximum.",
};

export function scaleBlockedMessage(
  event: Extract<NotificationEvent, { kind: "scale-blocked" }>,
  ctx: MessageContext,
): SlackMessage {
  const d = event.decision;
  const g = event.guardrail;
  const direction = d.recommended < d.currentDesired ? "scale-in" : "scale-out";
  const title = `${event.cluster}: ${direction} blocked by ${g.name}`;
  const signal = decidingSignal(d);
  const fieldList: Field[] = [
    ["Desired", `${d.currentDesired} (signals asked for ${d.recommended})`],
    ["Guardrail", describeGuardrail(g)],
    ["Deciding signal", signal ? describeSignal(signal) : "none"],
  ];
  const meaning = MEANING[g.name];
  return message({
    title,
    text: `${safeTitle(title)} — ${escapeMrkdwn(g.detail, 300)}`,
    body: meaning ? `${meaning}\n${escapeMrkdwn(d.summary, 800)}` : escapeMrkdwn(d.summary, 800),
    fields: fieldList,
    at: event.at,
    requestId: event.requestId,
    ctx,
  });
}
