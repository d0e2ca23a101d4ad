/**
 * Where a cluster's Slack webhook comes from: the cluster's `notify.slackWebhook` override, else the deployment's
 * `notify.slackWebhook` (both secret references, resolved through `readSecret`), else `SLACK_WEBHOOK_URL` in the
 * environment (local runs), else none (the console sink). Resolved secrets are cached per warm container for
 * `SECRET_TTL_MS`, so a rotated webhook is picked up without a redeploy; a failed read is not cached.
 */
import type { DeploymentConfig, SecretRef } from "../config/schema.ts";
import type { Clock } from "../ports/clock.ts";
import { redactWebhook } from "./redact.ts";

/** How long a resolved webhook is reused before it is read again. */
export const SECRET_TTL_MS = 10 * 60 * 1000;

export type WebhookChoice =
  | { kind: "secret"; ref: SecretRef; label: string }
  | { kind: "env"; url: string }
  | { kind: "none" };

/** Which webhook applies to `cluster`, without reading anything. */
export function chooseWebhook(
  config: DeploymentConfig | undefined,
  cluster: string,
  env: NodeJS.ProcessEnv,
): WebhookChoice {
  const override = config?.clusters.find((c) => c.name === cluster)?.notify.slackWebhook;
  if (override) return { kind: "secret", ref: override, label: describeRef(override) };
  const deployment = config?.notify.slackWebhook;
  if (deployment) return { kind: "secret", ref: deployment, label: describeRef(deployment) };
  const local = env.SLACK_WEBHOOK_URL;
  if (local) return { kind: "env", url: local };
  return { kind: "none" };
}

/**
 * The reference's name, safe to log (it names where the secret is, not the secret) — redacted all the same, for the
 * day someone pastes the webhook URL itself where the parameter's name belongs.
 */
export function describeRef(ref: SecretRef): string {
  return redactWebhook("ssmParameter" in ref ? `ssm:${ref.ssmParameter}` : `secretsmanager:${ref.secretsManagerId}`);
}

export class WebhookSecretCache {
  private readonly entries = new Map<string, { expiresAt: number; value: Promise<string> }>();

  constructor(
    private readonly readSecret: (ref: SecretRef) => Promise<string>,
    private readonly clock: Clock,
  ) {}

  /** The webhook URL for `ref`; rejects (without the value in the error) when it cannot be read. */
  get(ref: SecretRef): Promise<string> {
    const key = describeRef(ref);
    const now = this.clock.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.value;
    const value = this.readSecret(ref).then((raw) => raw.trim());
    this.entries.set(key, { expiresAt: now + SECRET_TTL_MS, value });
    // A failed read must not stick: the next notification tries again.
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}
