/** One builder per `NotificationEvent` kind; `buildMessage` picks it. Adding a kind without a builder fails to compile. */
import type { NotificationEvent } from "../../ports/notifier.ts";
import { autoscalerErrorMessage } from "./autoscaler-error.ts";
import { breakerClosedMessage } from "./breaker-closed.ts";
import { breakerOpenedMessage } from "./breaker-opened.ts";
import { digestMessage } from "./digest.ts";
import { manualActionMessage } from "./manual-action.ts";
import type { MessageContext, SlackMessage } from "./message.ts";
import { nodeAbandonedMessage } from "./node-abandoned.ts";
import { nodeDrainedMessage } from "./node-drained.ts";
import { nodeReadyMessage } from "./node-ready.ts";
import { scaleBlockedMessage } from "./scale-blocked.ts";
import { scaleDecidedMessage } from "./scale-decided.ts";

export function buildMessage(event: NotificationEvent, ctx: MessageContext): SlackMessage {
  switch (event.kind) {
    case "scale-decided":
      return scaleDecidedMessage(event, ctx);
    case "scale-blocked":
      return scaleBlockedMessage(event, ctx);
    case "node-ready":
      return nodeReadyMessage(event, ctx);
    case "node-abandoned":
      return nodeAbandonedMessage(event, ctx);
    case "node-drained":
      return nodeDrainedMessage(event, ctx);
    case "breaker-opened":
      return breakerOpenedMessage(event, ctx);
    case "breaker-closed":
      return breakerClosedMessage(event, ctx);
    case "manual-action":
      return manualActionMessage(event, ctx);
    case "autoscaler-error":
      return autoscalerErrorMessage(event, ctx);
    case "digest":
      return digestMessage(event, ctx);
  }
}

export type { MessageContext, SlackMessage } from "./message.ts";
export { type NodeEvent, nodeBurstMessage } from "./node-burst.ts";
