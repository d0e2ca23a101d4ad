import { describe, expect, it } from "vitest";
import { deploymentConfigSchema, type SecretRef } from "../../../shared/config/schema.ts";
import { chooseWebhook, SECRET_TTL_MS, WebhookSecretCache } from "../../../shared/notify/webhook-source.ts";
import { ManualClock } from "../../../test-kit/manual-clock.ts";

const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dp/0123456789abcdef";
const config = deploymentConfigSchema.parse({
  clusters: [
    {
      name: "prod",
      autoScalingGroupName: "a",
      targetGroupArns: [TG],
      notify: { slackWebhook: { secretsManagerId: "prod-hook" } },
    },
    { name: "edge", autoScalingGroupName: "b", targetGroupArns: [TG] },
  ],
  notify: { slackWebhook: { ssmParameter: "/dp/hook" } },
});

describe("chooseWebhook", () => {
  it("prefers the cluster's override, then the deployment's, then SLACK_WEBHOOK_URL, then none", () => {
    const env = { SLACK_WEBHOOK_URL: "https://hooks.slack.com/services/local" };
    const noDeployment = deploymentConfigSchema.parse({
      clusters: [{ name: "edge", autoScalingGroupName: "b", targetGroupArns: [TG] }],
    });

    expect(chooseWebhook(config, "prod", env)).toEqual({
      kind: "secret",
      ref: { secretsManagerId: "prod-hook" },
      label: "secretsmanager:prod-hook",
    });
    expect(chooseWebhook(config, "edge", env)).toEqual({
      kind: "secret",
      ref: { ssmParameter: "/dp/hook" },
      label: "ssm:/dp/hook",
    });
    expect(chooseWebhook(noDeployment, "edge", env)).toEqual({ kind: "env", url: env.SLACK_WEBHOOK_URL });
    expect(chooseWebhook(undefined, "edge", {})).toEqual({ kind: "none" });
  });
});

describe("WebhookSecretCache", () => {
  it("reads once per TTL, trims the value, and retries after a failure", async () => {
    const clock = new ManualClock();
    const reads: SecretRef[] = [];
    let fail = true;
    const cache = new WebhookSecretCache(async (ref) => {
      reads.push(ref);
      if (fail) throw new Error("AccessDenied");
      return "  https://hooks.slack.com/services/x \n";
    }, clock);
    const ref = { ssmParameter: "/dp/hook" };

    await expect(cache.get(ref)).rejects.toThrow("AccessDenied");
    fail = false;
    expect(await cache.get(ref)).toBe("https://hooks.slack.com/services/x");
    await cache.get(ref);
    await clock.advance(SECRET_TTL_MS);
    await cache.get(ref);

    expect(reads).toHaveLength(3);
  });
});
