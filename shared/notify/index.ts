/**
 * `createNotifier`: the `NotifierPort` every function gets. Picks the sink per cluster (Slack through the cluster's
 * or the deployment's webhook secret, `SLACK_WEBHOOK_URL` locally, else the log), renders Block Kit, coalesces noise,
 * and delivers within `notify.deliveryDeadlineMs` of the call — config loading and secret reading included.
 * `notify` never rejects: a notification is never allowed to fail or delay scaling.
 *
 * The deadline is a `clock.sleep` raced against real HTTP, so the clock must be one whose sleeps wait for time to
 * pass (the system clock, or a test clock advanced by hand); a test clock that jumps forward on every `sleep` would
 * end each delivery before its request is sent.
 *
 * @example
 * const notifier = createNotifier({ loadConfig, clock: systemClock, logger, readSecret, env: process.env });
 * await notifier.notify({ kind: "node-ready", cluster: "prod", at: clock.now(), instanceId, secondsToReady: 42,
 *   secondsToRegistered: 47 });
 */
import type { Logger } from "@aws-lambda-powertools/logger";
import type { DeploymentConfig, SecretRef } from "../config/schema.ts";
import type { Clock } from "../ports/clock.ts";
import type { NotificationEvent, NotifierPort } from "../ports/notifier.ts";
import type { SlackMessage } from "./blocks/message.ts";
import { type ClusterNotifyPolicy, type CoalesceSettings, NotificationCoalescer, type Outgoing } from "./coalesce.ts";
import { logNotification } from "./console-sink.ts";
import { redactWebhook } from "./redact.ts";
import { render } from "./render.ts";
import { isRoutine, meetsSeverity, severityOf } from "./severity.ts";
import { deliverToSlack } from "./slack-delivery.ts";
import { chooseWebhook, WebhookSecretCache } from "./webhook-source.ts";
import { TIMED_OUT, within } from "./within.ts";

export interface NotifierOptions {
  loadConfig: () => Promise<DeploymentConfig>;
  clock: Clock;
  logger: Logger;
  readSecret: (ref: SecretRef) => Promise<string>;
  env: NodeJS.ProcessEnv;
}

export interface Notifier extends NotifierPort {
  /** Sends every held burst summary now (for a process about to exit). Never rejects. */
  flush(): Promise<void>;
}

interface Settings extends CoalesceSettings {
  deliveryDeadlineMs: number;
}

/** The schema's defaults, used until (or when) the configuration cannot be loaded. */
const DEFAULT_SETTINGS: Settings = { coalesceBlockedSeconds: 900, burstWindowSeconds: 60, deliveryDeadlineMs: 3000 };
/** The schema's per-cluster defaults, for a cluster the configuration does not name (or cannot be loaded). */
const DEFAULT_CLUSTER_POLICY: ClusterNotifyPolicy = { minSeverity: "info", digestMinutes: 60 };

export function createNotifier(options: NotifierOptions): Notifier {
  const { clock, logger, env } = options;
  const coalescer = new NotificationCoalescer();
  const secrets = new WebhookSecretCache(options.readSecret, clock);
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  let settings: Settings = DEFAULT_SETTINGS;
  let flushScheduledFor: number | undefined;

  /** The configuration, or undefined (with defaults kept) when it fails or does not arrive before `deadlineAt`. */
  async function loadConfig(deadlineAt: number): Promise<DeploymentConfig | undefined> {
    try {
      const config = await within(options.loadConfig(), clock, deadlineAt - clock.now());
      if (config === TIMED_OUT) {
        logger.warn("notifier: configuration not loaded in time; using the log sink");
        return undefined;
      }
      settings = {
        coalesceBlockedSeconds: config.notify.coalesceBlockedSeconds,
        burstWindowSeconds: config.notify.burstWindowSeconds,
        deliveryDeadlineMs: config.notify.deliveryDeadlineMs,
      };
      return config;
    } catch (err) {
      logger.warn("notifier: configuration not loaded; using the log sink", { error: describe(err) });
      return undefined;
    }
  }

  async function send(out: Outgoing, config: DeploymentConfig | undefined, deadlineAt: number): Promise<void> {
    const cluster = out.kind === "burst" ? out.cluster : out.event.cluster;
    const msg: SlackMessage = render(out, settings, { region });
    const channel = config?.clusters.find((c) => c.name === cluster)?.notify.slackChannel;
    if (channel) msg.channel = channel;
    const choice = chooseWebhook(config, cluster, env);
    if (choice.kind === "none") return logNotification(logger, cluster, msg);
    let url: string;
    if (choice.kind === "env") url = choice.url;
    else {
      try {
        const read = await within(secrets.get(choice.ref), clock, deadlineAt - clock.now());
        if (read === TIMED_OUT)
          return logNotification(logger, cluster, msg, `webhook ${choice.label} not read in time`);
        url = read;
      } catch (err) {
        logger.warn("notifier: webhook secret not readable", { webhook: choice.label, error: describe(err) });
        return logNotification(logger, cluster, msg, `webhook ${choice.label} not readable`);
      }
    }
    if (!/^https?:\/\//.test(url)) {
      // Never echo the value: it is a secret, even when it is wrong.
      logger.warn("notifier: the webhook is not an http(s) URL", { cluster });
      return logNotification(logger, cluster, msg, "webhook is not a URL");
    }
    const result = await deliverToSlack(url, msg, { clock, deadlineAt });
    if (result.ok) {
      logger.debug("slack notification delivered", { cluster, attempts: result.attempts });
      return;
    }
    // The result carries no URL (slack-delivery redacts); the text is logged so the message is not lost.
    logger.warn("slack notification not delivered", { cluster, ...result, text: msg.text });
  }

  async function sendAll(outgoing: Outgoing[], config: DeploymentConfig | undefined, deadlineAt: number) {
    // One after another: a webhook takes about one message per second, and a burst summary belongs before the event
    // that followed it.
    for (const out of outgoing) await send(out, config, deadlineAt);
  }

  function scheduleFlush(): void {
    const due = coalescer.nextDueAt();
    if (due === undefined || (flushScheduledFor !== undefined && flushScheduledFor <= due)) return;
    flushScheduledFor = due;
    void clock.sleep(Math.max(0, due - clock.now())).then(async () => {
      if (flushScheduledFor === due) flushScheduledFor = undefined;
      await guarded(async (deadlineAt) => {
        const config = await loadConfig(deadlineAt);
        await sendAll(coalescer.due(clock.now()), config, deadlineAt);
        scheduleFlush();
      });
    });
  }

  /** Runs `work` with a deadline from now; nothing escapes. */
  async function guarded(work: (deadlineAt: number) => Promise<void>): Promise<void> {
    try {
      await work(clock.now() + settings.deliveryDeadlineMs);
    } catch (err) {
      logger.warn("notifier: notification failed", { error: describe(err) });
    }
  }

  return {
    notify: (event: NotificationEvent) =>
      guarded(async (firstDeadlineAt) => {
        const start = clock.now();
        const config = await loadConfig(firstDeadlineAt);
        const deadlineAt = Math.min(firstDeadlineAt, start + settings.deliveryDeadlineMs);
        const policy = config?.clusters.find((c) => c.name === event.cluster)?.notify ?? DEFAULT_CLUSTER_POLICY;
        const outgoing = coalescer.offer(event, clock.now(), settings, policy);
        // Below what the cluster wants in Slack, or told in its digest: the decision or node event is in the
        // function's own log already.
        if (!meetsSeverity(event, policy.minSeverity))
          logger.debug("notifier: below the cluster's minSeverity, not sent", {
            cluster: event.cluster,
            kind: event.kind,
            severity: severityOf(event),
            minSeverity: policy.minSeverity,
          });
        else if (policy.digestMinutes > 0 && isRoutine(event))
          logger.debug("notifier: routine, told in the cluster's digest", { cluster: event.cluster, kind: event.kind });
        scheduleFlush();
        await sendAll(outgoing, config, deadlineAt);
      }),
    flush: () =>
      guarded(async (deadlineAt) => {
        const config = await loadConfig(deadlineAt);
        await sendAll(coalescer.drain(), config, deadlineAt);
      }),
  };
}

/** An error's name and message, redacted: safe to log. */
function describe(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return redactWebhook(text).slice(0, 300);
}

export { buildMessage } from "./blocks/index.ts";
export type { SlackMessage } from "./blocks/message.ts";
