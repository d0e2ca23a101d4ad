/**
 * Every verb of `dp-autoscaler`: its options (each described), positionals and examples. The commands parse with
 * these, `--help` prints them, `completion` turns them into bash and zsh completion. Light on purpose: loading the
 * grammar loads no simulator and no AWS client, so `--help` and completion answer at once.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { OPERATOR_ACTIONS } from "../shared/events/operator-request.ts";
import { LAMBDA_FUNCTIONS } from "../shared/runtime/functions.ts";
import { BUILTIN_SCENARIOS } from "../sim/scenario/builtins.ts";
import { POLICY_NAMES } from "../sim/types.ts";
import type { CommandSpec, OptionSpec } from "./command.ts";

const LOG_LEVEL_CHOICES = ["debug", "info", "warn", "error", "silent"] as const;

/** Where the benchmarks are: `bench/<name>.ts`. */
export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "bench");

/** The benchmarks, `bench/<name>.ts`. */
export function benchmarkNames(): string[] {
  return readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.slice(0, -3))
    .sort();
}

const scenarioNames = () => BUILTIN_SCENARIOS.map((s) => s.name);

/** What `simulate` and `compare` share: the deployment's cluster, field overrides, output. */
const scenarioOptions: Record<string, OptionSpec> = {
  config: {
    type: "string",
    value: "FILE",
    file: true,
    description: "replay against a cluster of this deployment configuration (JSON or YAML) instead of the scenario's",
  },
  cluster: {
    type: "string",
    value: "NAME",
    description: "which cluster of --config FILE (needed when it has several)",
  },
  set: {
    type: "string",
    multiple: true,
    value: "KEY=VALUE",
    description:
      "change one field of every scenario before it is validated (dotted path; VALUE is JSON when it parses)",
  },
  json: { type: "boolean", description: "print the result as JSON on stdout (no HTML report unless --report)" },
  report: { type: "string", value: "FILE.html", file: true, description: "write the HTML report here" },
  "no-report": { type: "boolean", description: "write no HTML report" },
};

/** What the verbs that call AWS share, spelled like the AWS CLI. */
const awsOptions: Record<string, OptionSpec> = {
  region: { type: "string", value: "REGION", description: "AWS region (default: AWS_REGION, then your AWS profile)" },
  profile: { type: "string", value: "NAME", description: "AWS profile from ~/.aws/config (default: AWS_PROFILE)" },
  verbose: { type: "boolean", short: "v", description: "show the handler's logs on stderr (same as --log-level info)" },
  "log-level": {
    type: "string",
    value: "LEVEL",
    choices: LOG_LEVEL_CHOICES,
    description: "the least important log line shown on stderr (default silent: only the command's own messages)",
  },
};

const EXIT_NOTE = "Exit codes: 0 success, 1 the work failed or found problems, 2 a usage error.";

export const GRAMMAR: Record<string, CommandSpec> = {
  simulate: {
    name: "simulate",
    summary: "One simulated run of a scenario under one policy: summary, terminal charts, HTML report.",
    synopsis:
      "[SCENARIO|FILE] [--policy P] [--config FILE [--cluster NAME]] [--set KEY=VALUE …] [--json] [--report FILE.html | --no-report]",
    positionals: [
      {
        name: "SCENARIO|FILE",
        description:
          "a built-in scenario (dp-autoscaler scenarios) or a scenario file, JSON or YAML (default nasa-launch-day)",
        choices: scenarioNames,
        file: true,
      },
    ],
    options: {
      policy: {
        type: "string",
        short: "p",
        value: "P",
        choices: POLICY_NAMES,
        description: "the policy that scales (default ours: the real handlers)",
      },
      ...scenarioOptions,
    },
    notes: [
      "The report goes to reports/<scenario>-<policy>.html unless --report or --no-report says otherwise.",
      EXIT_NOTE,
    ],
    examples: [
      "dp-autoscaler simulate autothrottle-bursty --policy target-tracking",
      "dp-autoscaler simulate --set cluster.signals.cpu.targetPercent=80 --json --no-report",
    ],
  },
  compare: {
    name: "compare",
    summary: "Every scenario under every policy on the same world and seed, side by side, with one HTML report.",
    synopsis:
      "[SCENARIO|FILE …] [--policies P,P…] [--config FILE [--cluster NAME]] [--set KEY=VALUE …] [--workers N] [--json] [--report FILE.html | --no-report]",
    positionals: [
      {
        name: "SCENARIO|FILE …",
        description: "built-in scenarios or scenario files, JSON or YAML (default: every built-in)",
        choices: scenarioNames,
        file: true,
      },
    ],
    options: {
      policies: {
        type: "string",
        value: "P,P…",
        description: `comma-separated policies (default all: ${POLICY_NAMES.join(", ")})`,
      },
      workers: {
        type: "string",
        value: "N",
        description: "worker threads, one run each (default: one per core; 1 runs them one after the other here)",
      },
      ...scenarioOptions,
    },
    notes: ["The report goes to reports/compare-<scenario|builtins>.html unless --report or --no-report.", EXIT_NOTE],
    examples: [
      "dp-autoscaler compare autothrottle-bursty --policies ours,target-tracking --no-report",
      "dp-autoscaler compare --config docs/examples/config.json --cluster prod",
    ],
  },
  scenarios: {
    name: "scenarios",
    summary: "The built-in scenarios, each with its description, traffic and cluster.",
    synopsis: "[--json]",
    positionals: [],
    options: { json: { type: "boolean", description: "print name, description and traffic of each as JSON" } },
    examples: ["dp-autoscaler scenarios", "dp-autoscaler scenarios --json"],
  },
  bench: {
    name: "bench",
    summary: "Benchmarks that print figures (quality, speed, bundles); the figures go to docs/BENCHMARKS.md by hand.",
    synopsis: "[NAME …] [--quick] [--set KEY=VALUE …]",
    positionals: [{ name: "NAME …", description: "benchmarks to run (default: all)", choices: benchmarkNames }],
    options: {
      quick: { type: "boolean", description: "fewer runs and policies: a smoke test of the figures, not the figures" },
      set: {
        type: "string",
        multiple: true,
        value: "KEY=VALUE",
        description: "change one field of every scenario the benchmark runs (quality, quality-seeds)",
      },
    },
    notes: [EXIT_NOTE],
    examples: [
      "dp-autoscaler bench sim-speed --quick",
      "dp-autoscaler bench quality --set cluster.signals.cpu.targetPercent=80",
    ],
  },
  decide: {
    name: "decide",
    summary: 'Offline "what would it do?": the decision for one observation under a configuration, with every reason.',
    synopsis: "--config FILE --observation FILE [--cluster NAME] [--json]",
    positionals: [],
    options: {
      config: {
        type: "string",
        short: "c",
        value: "FILE",
        file: true,
        description: "the deployment configuration (JSON or YAML; - reads stdin)",
      },
      observation: {
        type: "string",
        short: "o",
        value: "FILE",
        file: true,
        description: "what the scaler saw (docs/observation.schema.json; JSON or YAML; - reads stdin)",
      },
      cluster: { type: "string", value: "NAME", description: "the cluster to decide for (default: the observation's)" },
      json: { type: "boolean", description: "print the decision as JSON" },
    },
    notes: [
      "An observation no real cluster can produce (negative utilisation, desired above max, min above max) is refused",
      "with a warning instead of decided from.",
      EXIT_NOTE,
    ],
    examples: ["dp-autoscaler decide --config docs/examples/config.json --observation docs/examples/observation.json"],
  },
  "validate-config": {
    name: "validate-config",
    summary:
      "Checks configuration documents (JSON or YAML): every problem with its path, or a summary of each cluster.",
    synopsis: "FILE|- … [--json]",
    positionals: [{ name: "FILE|- …", description: "configuration files; - reads one from stdin", file: true }],
    options: {
      json: { type: "boolean", description: "print one object per file: file, valid, problems, clusters" },
    },
    notes: ['A "$schema" key is accepted, so editors can check against docs/config.schema.json.', EXIT_NOTE],
    examples: [
      "dp-autoscaler validate-config docs/examples/config.json",
      "cat docs/examples/config.json | dp-autoscaler validate-config - --json",
    ],
  },
  invoke: {
    name: "invoke",
    summary: "Runs one Lambda handler here against the AWS endpoint in the environment (AWS, LocalStack, moto).",
    synopsis: `<${LAMBDA_FUNCTIONS.join("|")}> --event FILE [--region REGION] [--profile NAME] [--verbose | --log-level LEVEL]`,
    positionals: [
      { name: "FUNCTION", description: `the handler: ${LAMBDA_FUNCTIONS.join(", ")}`, choices: () => LAMBDA_FUNCTIONS },
    ],
    options: {
      event: {
        type: "string",
        short: "e",
        value: "FILE",
        file: true,
        description: "the event, as JSON (- reads stdin)",
      },
      ...awsOptions,
    },
    notes: [
      "stdout carries the handler's JSON result only; logs and the autoscaler's own metrics (EMF) go to stderr.",
      "Exit codes: 0 ok; 1 the handler failed or answered ok: false; 2 a usage error or a missing file.",
    ],
    examples: [
      "AWS_ENDPOINT_URL=http://localhost:4566 dp-autoscaler invoke scaler --event test/fixtures/events/schedule.json --region us-east-1",
    ],
  },
  ctl: {
    name: "ctl",
    summary: "Operates a deployed cluster through the operator function (or the same handler run here with --local).",
    synopsis:
      "<status|explain|scale|pause|resume> --cluster NAME [--desired N [--expect N] | --add N | --remove N] [--reason TEXT] [--by NAME] [--dry-run] [--force] (--function NAME | --local) [--json] [--region REGION] [--profile NAME]",
    positionals: [
      {
        name: "ACTION",
        description: "status, explain (read); scale, pause, resume (change: --reason TEXT required)",
        choices: () => OPERATOR_ACTIONS,
      },
    ],
    options: {
      cluster: { type: "string", value: "NAME", description: "the cluster, as named in the configuration (required)" },
      desired: { type: "string", value: "N", description: "scale: the new desired capacity" },
      expect: {
        type: "string",
        value: "N",
        description: "scale --desired: refuse unless the desired capacity is N now",
      },
      add: {
        type: "string",
        value: "N",
        description: "scale: N nodes more than now (compare-and-set on a fresh read)",
      },
      remove: {
        type: "string",
        value: "N",
        description: "scale: N nodes fewer than now (compare-and-set on a fresh read)",
      },
      reason: {
        type: "string",
        value: "TEXT",
        description: "why (required by scale, pause and resume; goes to the log and Slack)",
      },
      by: { type: "string", value: "NAME", description: "who asks (default DP_AUTOSCALER_USER, then USER)" },
      "dry-run": { type: "boolean", description: "scale: check everything and say what would happen; change nothing" },
      force: { type: "boolean", description: "scale: even while the control-plane-outage breaker is open" },
      function: {
        type: "string",
        value: "NAME",
        description: "the deployed operator function (default DP_AUTOSCALER_OPERATOR_FUNCTION)",
      },
      local: {
        type: "boolean",
        description: "run the operator handler here, against the AWS endpoint in the environment",
      },
      json: { type: "boolean", description: "print the operator's answer as JSON" },
      ...awsOptions,
    },
    notes: [
      "Exit codes: 0 done; 1 refused, failed, or status could not read part of what it shows; 2 a usage error",
      "(checked before anything is sent).",
    ],
    examples: [
      "dp-autoscaler ctl status --cluster prod --function dp-autoscaler-prod-operator --region eu-west-1",
      'dp-autoscaler ctl scale --cluster prod --add 2 --reason "launch day" --local',
    ],
  },
  completion: {
    name: "completion",
    summary: "Prints a shell completion script for bash or zsh.",
    synopsis: "<bash|zsh>",
    positionals: [{ name: "SHELL", description: "bash or zsh", choices: () => ["bash", "zsh"] }],
    options: {},
    examples: [
      "source <(dp-autoscaler completion bash)   # in ~/.bashrc",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a template
      'dp-autoscaler completion zsh > "${fpath[1]}/_dp-autoscaler"   # then restart zsh',
    ],
  },
  version: {
    name: "version",
    summary: "Prints the version (also dp-autoscaler --version).",
    synopsis: "",
    positionals: [],
    options: {},
    examples: ["dp-autoscaler version"],
  },
};

export const VERBS = Object.keys(GRAMMAR);
