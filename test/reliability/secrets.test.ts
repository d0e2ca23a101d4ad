/**
 * Secrets stay secret, end to end: the Slack webhook URL (a bearer secret) and tokens planted where the functions
 * read them — the webhook secret, a non-URL token stored in its place, AWS credentials in the environment, a webhook
 * pasted into the configuration — never appear in what the functions emit: Powertools log output, thrown or returned
 * errors, Slack payloads, handler results, operator responses, metrics. Checked on the happy path and on every error
 * path: the secret read fails or hangs, Slack answers 500 / 429 / 4xx echoing the URL / hangs, the configuration is
 * invalid, AWS calls fail.
 */
import type { Context } from "aws-lambda";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SecretReadError } from "../../shared/aws/secrets.ts";
import { ConfigError } from "../../shared/config/errors.ts";
import { createConfigLoader } from "../../shared/config/loader.ts";
import { type DeploymentConfig, deploymentConfigSchema, type SecretRef } from "../../shared/config/schema.ts";
import { createNotifier } from "../../shared/notify/index.ts";
import type { AutoscalerDeps } from "../../shared/ports/deps.ts";
import { createOperatorHandler } from "../../shared/services/operator/create-handler.ts";
import { createScalerHandler } from "../../shared/services/scaler/create-handler.ts";
import { renderHtmlReport } from "../../sim/report/html-report.ts";
import { renderJsonSummary } from "../../sim/report/json-summary.ts";
import { renderTerminalSummary } from "../../sim/report/terminal-summary.ts";
import { runScenario } from "../../sim/run.ts";
import { builtinScenario } from "../../sim/scenario/load.ts";
import { FakeFleet } from "../../test-kit/fake-fleet.ts";
import { FakeInstances } from "../../test-kit/fake-instances.ts";
import { fakeLambdaContext } from "../../test-kit/fake-lambda-context.ts";
import { type CapturedLogger, capturingLogger } from "../../test-kit/fake-logger.ts";
import { FakeMetrics, FakePublisher } from "../../test-kit/fake-metrics.ts";
import { FakeTargets } from "../../test-kit/fake-targets.ts";
import { FakeTimerClock } from "../../test-kit/fake-timer-clock.ts";
import { reply, SINK_SECRET, type SlackSink, startSlackSink } from "../../test-kit/slack-sink/server.ts";
import { startAwsStub } from "./support/aws-stub.ts";
import { stubAdapters, useStubEnvironment } from "./support/stub-adapters.ts";

/** A bot token stored where the webhook URL belongs (a plausible mistake): a secret all the same. */
const TOKEN = "xoxb-000000000042-FAKEb0tT0kenForTests";
/** What a real webhook looks like; only ever planted where it must fail before anything is sent. */
const REAL_LOOKING_HOOK = `https://hooks.slack.com/services/T0000/B0000/${SINK_SECRET}`;
const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dp-prod/0123456789abcdef";
const GROUP = "dp-prod-asg";

const SECRETS = [SINK_SECRET, TOKEN, "FAKEb0tT0ken", "stub-secret-not-real", "FAKE-SESSION-T0KEN"];

function configDoc(notify: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    clusters: [
      {
        name: "prod",
        autoScalingGroupName: GROUP,
        targetGroupArns: [TG],
        minNodes: 2,
        maxNodes: 10,
        signals: { bandwidth: { enabled: false } },
        // Each scale decision goes to Slack at once (no digest): the message these tests follow through every failure.
        notify: { slackChannel: "#dp-prod", digestMinutes: 0 },
      },
    ],
    notify: { slackWebhook: { ssmParameter: "/dp/slack-webhook" }, deliveryDeadlineMs: 2000, ...notify },
  };
}

interface World {
  clock: FakeTimerClock;
  fleet: FakeFleet;
  log: CapturedLogger;
  publisher: FakePublisher;
  deps: AutoscalerDeps;
  /** Handler results and operator answers returned so far. */
  results: unknown[];
  /** Everything the functions emitted so far, as one string. */
  emitted(extra?: unknown[]): string;
}

let sink: SlackSink;
let worlds: World[];

beforeEach(async () => {
  sink = await startSlackSink();
  worlds = [];
});
afterEach(async () => {
  await sink.close();
  // Whatever a test did, no planted secret reached anything the functions emitted.
  for (const w of worlds) for (const s of SECRETS) expect(w.emitted()).not.toContain(s);
});

function world(options: {
  config?: () => Promise<DeploymentConfig>;
  readSecret?: (ref: SecretRef) => Promise<string>;
  env?: NodeJS.ProcessEnv;
}): World {
  const clock = new FakeTimerClock();
  const fleet = new FakeFleet(clock);
  const log = capturingLogger();
  const metrics = new FakeMetrics();
  const publisher = new FakePublisher();
  const loadConfig = options.config ?? (async () => deploymentConfigSchema.parse(configDoc()));
  fleet.addGroup({
    name: GROUP,
    desired: 4,
    min: 2,
    max: 10,
    instances: Array.from({ length: 4 }, (_, i) => ({
      instanceId: `i-${i}`,
      lifecycleState: "InService",
      healthStatus: "Healthy" as const,
      instanceType: "c6i.large",
    })),
  });
  metrics.set({
    namespace: "AWS/EC2",
    metricName: "CPUUtilization",
    stat: "Average",
    dimensions: { AutoScalingGroupName: GROUP },
    points: Array.from({ length: 10 }, (_, i) => ({ t: clock.now() - (10 - i) * 60_000, v: 105 })),
  });
  const notifier = createNotifier({
    loadConfig,
    clock,
    logger: log.logger,
    readSecret: options.readSecret ?? (async () => sink.url),
    env: options.env ?? { AWS_REGION: "eu-west-1" },
  });
  const deps: AutoscalerDeps = {
    loadConfig,
    clock,
    logger: log.logger,
    fleet,
    instances: new FakeInstances(),
    targets: new FakeTargets(clock),
    metrics,
    publisher,
    probe: { get: async () => ({ kind: "error", error: "refused", message: "refused" }) },
    notifier,
    continuation: { continueLater: async () => {} },
    region: "eu-west-1",
  };
  const results: unknown[] = [];
  const w: World = {
    clock,
    fleet,
    log,
    publisher,
    deps,
    results,
    emitted: (extra = []) =>
      // Slack payloads: the bodies posted (the URL itself is only the request's target).
      [log.text(), sink.posts.map((p) => p.body), publisher.published, ...results, ...extra]
        .map((x) => (typeof x === "string" ? x : JSON.stringify(x)))
        .join("\n"),
  };
  worlds.push(w);
  return w;
}

const ctx = (): Context => fakeLambdaContext("dp-autoscaler-test", "req-secrets");

async function scalerTick(w: World) {
  const r = await createScalerHandler(w.deps)({ reconcile: "all" }, ctx());
  w.results.push(r);
  return r;
}

async function operator(w: World, request: unknown) {
  const r = await createOperatorHandler(w.deps)(request, ctx());
  w.results.push(r);
  return r;
}

describe("the webhook never leaves the notifier", () => {
  it("happy path: the scale-out is posted to Slack, and nothing emitted carries the webhook", async () => {
    const w = world({});
    const r = await scalerTick(w);
    expect(r.decisions[0]).toMatchObject({ action: "scale-out", applied: "set" });
    expect(sink.posts).toHaveLength(1);
    // The only place the URL went is the HTTP request line itself.
    expect(sink.posts[0]!.path).toContain(SINK_SECRET);
    expect(JSON.stringify(sink.posts[0]!.body)).not.toContain(SINK_SECRET);
  });

  for (const [name, answer] of [
    ["500", () => reply.serverError(500)],
    ["429 with a long Retry-After", () => reply.rateLimited(30)],
    ["400 whose body quotes the webhook URL", () => reply.status(400, `invalid_token for ${sink.url}`)],
    ["404 no_service", () => reply.status(404, "no_service")],
  ] as const)
    it(`Slack answers ${name}: scaling is done, the failure is logged without the URL`, async () => {
      const w = world({});
      sink.setDefault(answer());
      const pending = scalerTick(w);
      await sink.waitForPosts(1);
      // Retries (5xx backoff) run on the fake clock: let the delivery deadline pass.
      for (let i = 0; i < 10; i++) await w.clock.advance(250);
      const r = await pending;
      expect(r.ok).toBe(true);
      expect(w.fleet.groups.get(GROUP)!.desired).toBe(6);
      const failure = w.log.records().find((x) => x.message === "slack notification not delivered");
      expect(failure).toBeDefined();
      expect(JSON.stringify(failure)).not.toContain(sink.url);
    });

  it("Slack hangs: the tick ends at the delivery deadline with the size set, the message logged", async () => {
    const w = world({});
    sink.setDefault(reply.hang());
    const pending = scalerTick(w);
    await sink.waitForPosts(1);
    await w.clock.advance(2000);
    const r = await pending;
    expect(r.ok).toBe(true);
    expect(w.fleet.groups.get(GROUP)!.desired).toBe(6);
    expect(w.log.records().find((x) => x.message === "slack notification not delivered")).toMatchObject({
      reason: "deadline",
    });
  });

  it("the secret read fails (AccessDenied): the message goes to the log, naming the parameter, not its value", async () => {
    const w = world({
      readSecret: async (ref) => {
        throw new SecretReadError("ssm", (ref as { ssmParameter: string }).ssmParameter, "AccessDeniedException");
      },
    });
    const r = await scalerTick(w);
    expect(r.ok).toBe(true);
    expect(sink.posts).toHaveLength(0);
    const warn = w.log.records().find((x) => x.message === "notifier: webhook secret not readable");
    expect(warn).toMatchObject({ webhook: "ssm:/dp/slack-webhook" });
    expect(w.log.records().some((x) => x.message === "notification" && x.sink === "console")).toBe(true);
  });

  it("the secret read hangs: the tick is not held beyond the delivery deadline", async () => {
    const w = world({ readSecret: () => new Promise<string>(() => {}) });
    const pending = scalerTick(w);
    await w.clock.waitForSleeps(1);
    await w.clock.advance(2000);
    expect((await pending).ok).toBe(true);
    expect(w.log.records().some((x) => String(x.why).includes("not read in time"))).toBe(true);
  });

  it("the secret holds a bot token instead of a webhook URL: refused without echoing it", async () => {
    const w = world({ readSecret: async () => `  ${TOKEN}\n` });
    const r = await scalerTick(w);
    expect(r.ok).toBe(true);
    expect(sink.posts).toHaveLength(0);
    expect(w.log.records().some((x) => x.message === "notifier: the webhook is not an http(s) URL")).toBe(true);
  });

  it("a webhook from SLACK_WEBHOOK_URL (local runs) is used and never logged", async () => {
    const cfg = deploymentConfigSchema.parse(configDoc({ slackWebhook: undefined }));
    const w = world({ config: async () => cfg, env: { SLACK_WEBHOOK_URL: sink.url } });
    sink.setDefault(reply.status(403, `action_prohibited ${sink.url}`));
    await scalerTick(w);
    expect(sink.posts).toHaveLength(1);
  });
});

describe("a webhook pasted into the configuration is never echoed", () => {
  const planted: [string, Record<string, unknown>][] = [
    ["as the deployment's slackWebhook string", { slackWebhook: REAL_LOOKING_HOOK }],
    ["as an unknown field", { webhookUrl: REAL_LOOKING_HOOK }],
    ["inside a secret reference", { slackWebhook: { url: REAL_LOOKING_HOOK } }],
  ];
  for (const [where, notify] of planted)
    it(`${where}: the ConfigError, the scaler's error and the operator's answer do not carry it`, async () => {
      const text = JSON.stringify(configDoc(notify));
      const loadConfig = createConfigLoader({ DP_AUTOSCALER_CONFIG: text }, async () => "");
      const error = await loadConfig().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      const w = world({ config: loadConfig });
      const tick = await scalerTick(w);
      expect(tick.ok).toBe(false);
      const answer = await operator(w, { action: "status", cluster: "prod" });
      expect(answer).toMatchObject({ ok: false, error: { code: "config_error" } });
      for (const s of [SINK_SECRET, "hooks.slack.com"])
        expect(w.emitted([(error as Error).message, (error as ConfigError).problems])).not.toContain(s);
    });
});

describe("a webhook pasted where the secret's name belongs", () => {
  it("is never logged: the failed read is reported with the reference redacted", async () => {
    const cfg = deploymentConfigSchema.parse(configDoc({ slackWebhook: { ssmParameter: REAL_LOOKING_HOOK } }));
    // What SSM answers for a name with "://" in it: a ValidationException naming the (invalid) name.
    const w = world({
      config: async () => cfg,
      readSecret: async (ref) => {
        throw new SecretReadError("ssm", (ref as { ssmParameter: string }).ssmParameter, "ValidationException");
      },
    });
    const r = await scalerTick(w);
    expect(r.ok).toBe(true);
    expect(sink.posts).toHaveLength(0);
    expect(w.log.records().some((x) => x.message === "notifier: webhook secret not readable")).toBe(true);
    expect(w.log.text()).not.toContain("hooks.slack.com/services");
  });
});

describe("operator answers and announcements", () => {
  it("a manual scale is announced and answered without the webhook, also when Slack fails", async () => {
    const w = world({});
    sink.setDefault(reply.status(400, `invalid_token ${sink.url}`));
    const r = await operator(w, { action: "scale", cluster: "prod", desired: 5, reason: "test", requestedBy: "me" });
    expect(r).toMatchObject({ ok: true, changed: true });
    expect(sink.posts).toHaveLength(1);
  });
});

describe("AWS credentials", () => {
  it("a failing scaler tick against AWS (real SDK, throttled to death) logs no access key or session token", async () => {
    const stub = await startAwsStub();
    const restore = useStubEnvironment(stub.url);
    process.env.AWS_SESSION_TOKEN = "FAKE-SESSION-T0KEN";
    const aws = stubAdapters();
    try {
      stub.addGroup({ name: GROUP, desired: 4, min: 2, max: 10 });
      stub.failNext("*", "throttling", 20);
      const w = world({});
      Object.assign(w.deps, { fleet: aws.fleet, metrics: aws.metrics, instances: aws.instances });
      const pending = scalerTick(w);
      // The lifecycle sweep still runs after the failed observation: its group read is retried once, 1 s later on
      // the fake clock, and fails again (an error path of its own).
      await w.clock.waitForSleeps(1);
      await w.clock.advance(1000);
      const r = await pending;
      expect(r.ok).toBe(false);
      expect(r.decisions[0]?.error).toContain("Throttling");
      expect(w.log.text()).toContain("Throttling");
      expect(w.log.text()).toContain("lifecycle sweep skipped");
    } finally {
      aws.destroy();
      restore();
      await stub.close();
    }
  });
});

describe("simulator reports", () => {
  it("a run with a webhook and AWS credentials in the environment posts nothing and reports none of them", async () => {
    const keys = ["SLACK_WEBHOOK_URL", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"] as const;
    const saved = keys.map((k) => process.env[k]);
    process.env.SLACK_WEBHOOK_URL = sink.url;
    process.env.AWS_SECRET_ACCESS_KEY = "stub-secret-not-real";
    process.env.AWS_SESSION_TOKEN = "FAKE-SESSION-T0KEN";
    try {
      // The faults-mix built-in: Slack down, throttling, lost events — every error path of a run.
      const run = await runScenario(builtinScenario("faults-mix"), "ours");
      const reports = [
        renderTerminalSummary(run, { width: 100 }),
        renderJsonSummary([run]),
        renderHtmlReport([run], "secrets"),
        JSON.stringify(run),
      ].join("\n");
      expect(run.summary.notifications).toBeGreaterThan(0);
      expect(sink.posts).toEqual([]);
      for (const secret of SECRETS) expect(reports).not.toContain(secret);
    } finally {
      keys.forEach((k, i) => {
        if (saved[i] === undefined) delete process.env[k];
        else process.env[k] = saved[i];
      });
    }
  });
});
