/**
 * Fuzzing the configuration loader: the example document mutated as JSON and as text, and the environment / SSM
 * answers it is read from. Every input gives a configuration that keeps the schema's cross-field rules, or one
 * `ConfigError` listing its problems; nothing else is ever thrown, and a valid result reads back identically.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../shared/config/errors.ts";
import {
  CONFIG_ENV,
  CONFIG_PARAM_ENV,
  createConfigLoader,
  loadDeploymentConfig,
  parseDeploymentConfig,
} from "../../shared/config/loader.ts";
import type { DeploymentConfig } from "../../shared/config/schema.ts";
import { ensure } from "./support/ensure.ts";
import { readJson } from "./support/fixtures.ts";
import { mutatedFrom, prototypePolluted, weirdValue } from "./support/mutate.ts";
import { fuzzParams } from "./support/runs.ts";

const EXAMPLE = readJson("docs/examples/config.json");
const TG = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/dp-edge/0123456789abcdef";
const SEEDS: Record<string, unknown> = {
  example: EXAMPLE,
  minimal: { clusters: [{ name: "edge", autoScalingGroupName: "dp-edge", targetGroupArns: [TG] }] },
  "two-clusters": {
    clusters: [
      { name: "a", autoScalingGroupName: "asg-a", targetGroupArns: [TG], minNodes: 0, maxNodes: 1 },
      {
        name: "b",
        autoScalingGroupName: "asg-b",
        targetGroupArns: [TG],
        controlPlane: { maxDataPlanes: 4 },
        signals: {
          cpu: { enabled: false },
          custom: [{ id: "q", metric: { namespace: "N", metricName: "M" }, target: 5 }],
        },
      },
    ],
    notify: { slackWebhook: { ssmParameter: "/dp/slack" }, deliveryDeadlineMs: 100 },
  },
};

/** The cross-field rules, checked independently of the schema's own refinements. */
function checkConfig(c: DeploymentConfig): void {
  ensure(c.version === 1, "version 1");
  ensure(c.clusters.length >= 1 && c.clusters.length <= 50, "1–50 clusters");
  ensure(new Set(c.clusters.map((x) => x.name)).size === c.clusters.length, "cluster names are unique");
  ensure(new Set(c.clusters.map((x) => x.autoScalingGroupName)).size === c.clusters.length, "groups are unique");
  for (const x of c.clusters) {
    ensure(Number.isSafeInteger(x.minNodes) && Number.isSafeInteger(x.maxNodes), "node bounds are integers");
    ensure(0 <= x.minNodes && x.minNodes <= x.maxNodes && x.maxNodes <= 1000, `bounds [${x.minNodes}, ${x.maxNodes}]`);
    const cp = x.controlPlane.maxDataPlanes;
    ensure(cp === undefined || (Number.isSafeInteger(cp) && cp >= x.minNodes), `CP capacity ${cp}`);
    ensure(x.scaling.staleAfterSeconds >= 2 * x.scaling.metricPeriodSeconds, "staleAfter ≥ 2 periods");
    ensure(x.scaling.lookbackSeconds >= 2 * x.scaling.metricPeriodSeconds, "lookback ≥ 2 periods");
    ensure(
      x.signals.cpu.enabled || x.signals.bandwidth.enabled || !!x.signals.requestRate || x.signals.custom.length > 0,
      "at least one signal",
    );
    for (const url of [x.readiness.url, x.readiness.prometheusUrl])
      ensure(/^https?:\/\/\{privateIp\}(:\d{1,5})?\//.test(url), `probe URL ${url} reaches only the instance`);
    for (const n of [
      x.scaling.tolerance,
      x.readiness.pollIntervalSeconds,
      x.readiness.deadlineSeconds,
      x.signals.cpu.targetPercent,
      x.signals.bandwidth.targetPercent,
    ])
      ensure(Number.isFinite(n) && n >= 0, `a finite, non-negative setting (${n})`);
  }
}

function checkText(text: string): "valid" | "invalid" {
  let config: DeploymentConfig;
  try {
    config = parseDeploymentConfig(text, "fuzz");
  } catch (err) {
    ensure(err instanceof ConfigError, `threw ${(err as Error)?.name}: ${(err as Error)?.message}`);
    ensure(err.problems.length > 0 && err.problems.every((p) => typeof p === "string" && p.length > 0), "problems");
    ensure(err.source === "fuzz", "the error names the document's source");
    return "invalid";
  }
  checkConfig(config);
  // What was accepted reads back as itself: defaults applied once, nothing lost on the way.
  ensure(
    JSON.stringify(parseDeploymentConfig(JSON.stringify(config), "again")) === JSON.stringify(config),
    "a valid configuration round-trips",
  );
  return "valid";
}

/** Text-level damage: a cut, a stray character, a duplicated key. */
const textMutation = fc.record({
  kind: fc.constantFrom("cut", "insert", "dup-key", "bom", "none"),
  at: fc.nat(),
  char: fc.constantFrom("{", "}", ",", '"', ":", "\\", "\u0000", "\ufeff", "1e999", "-", "]"),
});
function damageText(text: string, m: { kind: string; at: number; char: string }): string {
  const i = m.at % (text.length + 1);
  switch (m.kind) {
    case "cut":
      return text.slice(0, i);
    case "insert":
      return text.slice(0, i) + m.char + text.slice(i);
    case "dup-key":
      // JSON.parse keeps the last duplicate: the document says one thing twice, the second wins.
      return text.replace('"minNodes": 2', '"minNodes": 2, "minNodes": 50');
    case "bom":
      return `\ufeff${text}`;
    default:
      return text;
  }
}

afterAll(() => {
  expect(prototypePolluted()).toBe(false);
});

describe("fuzz: configuration loader", () => {
  it("the seeds are valid configurations", () => {
    for (const [name, doc] of Object.entries(SEEDS))
      expect(() => parseDeploymentConfig(JSON.stringify(doc), name), name).not.toThrow();
  });

  it("mutated documents and damaged text give a valid configuration or one ConfigError", () => {
    const documents = mutatedFrom(SEEDS, 5).map((c) => JSON.stringify(c.value) ?? "undefined");
    const texts = fc
      .tuple(fc.constantFrom(...Object.values(SEEDS).map((d) => JSON.stringify(d, null, 2))), textMutation)
      .map(([t, m]) => damageText(t, m));
    const seen = { valid: 0, invalid: 0 };
    fc.assert(
      fc.property(fc.oneof({ weight: 3, arbitrary: documents }, texts, fc.string({ maxLength: 50 })), (text) => {
        seen[checkText(text)]++;
      }),
      fuzzParams("configDocuments"),
    );
    // Both outcomes were exercised (a mutation often hits a field the schema tolerates or defaults).
    expect(seen.valid).toBeGreaterThan(100);
    expect(seen.invalid).toBeGreaterThan(100);
  });

  it("any environment and SSM answer give a configuration or a ConfigError; a failed load is retried", async () => {
    const text = fc.oneof(
      fc.constantFrom(...Object.values(SEEDS).map((d) => JSON.stringify(d))),
      weirdValue.map((v) => (typeof v === "string" ? v : (JSON.stringify(v) ?? ""))),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          inline: fc.option(text, { nil: undefined }),
          param: fc.option(fc.oneof(fc.constant("/dp/config"), fc.string({ maxLength: 20 })), { nil: undefined }),
          ssm: fc.oneof(
            text.map((t) => ({ ok: true as const, t })),
            fc.string().map((m) => ({ ok: false as const, m })),
          ),
        }),
        async ({ inline, param, ssm }) => {
          const env = { [CONFIG_ENV]: inline, [CONFIG_PARAM_ENV]: param };
          const reads: string[] = [];
          const readParameter = async (name: string) => {
            reads.push(name);
            if (!ssm.ok) throw new Error(ssm.m);
            return ssm.t;
          };
          let first: DeploymentConfig | ConfigError;
          try {
            first = await loadDeploymentConfig(env, readParameter);
            checkConfig(first);
          } catch (err) {
            ensure(err instanceof ConfigError, `threw ${(err as Error)?.name}`);
            first = err;
          }
          // SSM is read only when the inline variable is empty and the parameter is named.
          const inlineSet = (inline?.trim() ?? "") !== "";
          const paramSet = (param?.trim() ?? "") !== "";
          ensure(reads.length === (paramSet && !inlineSet ? 1 : 0), `read SSM ${reads.length} times`);

          // The caching loader: a success is reused, a failure is not (the next call reads again).
          const loader = createConfigLoader(env, readParameter);
          const a = await loader().catch((e: unknown) => e);
          const b = await loader().catch((e: unknown) => e);
          ensure(first instanceof ConfigError === a instanceof ConfigError, "the loader agrees with a fresh load");
          if (a instanceof ConfigError) ensure(a !== b, "a failed load is retried");
          else ensure(a === b, "a loaded configuration is reused");
        },
      ),
      fuzzParams("configLoader"),
    );
  });
});
