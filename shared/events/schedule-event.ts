/**
 * The EventBridge "Scheduled Event" (a `rate(1 minute)` rule): the tick that catches whatever events missed —
 * Auto Scaling events are best effort and alarms fire only on transitions.
 */
import { EventBridgeSchema } from "@aws-lambda-powertools/parser/schemas/eventbridge";
import { z } from "zod";

export const SCHEDULE_EVENT_SOURCE = "aws.events";
export const SCHEDULE_EVENT_DETAIL_TYPE = "Scheduled Event";

export const scheduledEventSchema = EventBridgeSchema.extend({
  source: z.literal(SCHEDULE_EVENT_SOURCE),
  "detail-type": z.literal(SCHEDULE_EVENT_DETAIL_TYPE),
});
export type ScheduledEvent = z.infer<typeof scheduledEventSchema>;
