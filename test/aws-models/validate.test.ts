/**
 * The API-model check itself: it catches each kind of violation (so a green adapter suite means something), every
 * operation the adapters send is in the vendored models, every pattern is one JavaScript can run, and — where
 * botocore is installed in the same version — the vendored files are exactly what the script extracts from it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { VENDORED_OPERATIONS, vendorAwsModels } from "../../scripts/vendor-aws-models.ts";
import { AWS_MODELS, type AwsService, patternCompiles, validateInput, validateOutput } from "./validate.ts";

const ROOT = process.cwd();

describe("the validator catches what AWS would refuse or never send", () => {
  it("accepts a well-formed request and response", () => {
    expect(
      validateInput("autoscaling", "SetDesiredCapacity", {
        AutoScalingGroupName: "dp",
        DesiredCapacity: 6,
        HonorCooldown: false,
      }),
    ).toEqual([]);
    expect(
      validateOutput("elbv2", "DescribeTargetHealth", {
        $metadata: { httpStatusCode: 200 },
        TargetHealthDescriptions: [{ Target: { Id: "i-1", Port: 9080 }, TargetHealth: { State: "draining" } }],
      }),
    ).toEqual([]);
  });

  it.each([
    ["a missing required member", { DesiredCapacity: 6 }, /AutoScalingGroupName: required by SetDesiredCapacityType/],
    [
      "a member the API does not have",
      { AutoScalingGroupName: "dp", DesiredCapacity: 6, Force: true },
      /Force: not a member/,
    ],
    [
      "a fractional integer",
      { AutoScalingGroupName: "dp", DesiredCapacity: 6.5 },
      /DesiredCapacity: expected a whole number/,
    ],
    [
      "a string for a boolean",
      { AutoScalingGroupName: "dp", DesiredCapacity: 6, HonorCooldown: "no" },
      /expected a boolean/,
    ],
    [
      "an empty name (min length 1)",
      { AutoScalingGroupName: "", DesiredCapacity: 6 },
      /length 0 is below the minimum 1/,
    ],
    [
      "a 256-character name (max 255)",
      { AutoScalingGroupName: "x".repeat(256), DesiredCapacity: 6 },
      /above the maximum 255/,
    ],
  ])("SetDesiredCapacity with %s", (_, input, problem) => {
    expect(validateInput("autoscaling", "SetDesiredCapacity", input)).toEqual([expect.stringMatching(problem)]);
  });

  it("an enum value the API does not have, and a token shorter than the API's minimum", () => {
    const problems = validateInput("autoscaling", "CompleteLifecycleAction", {
      AutoScalingGroupName: "dp",
      LifecycleHookName: "launch",
      LifecycleActionResult: "CONTINUE",
      LifecycleActionToken: "tok-1",
      InstanceId: "i-0123456789abcdef0",
    });
    expect(problems).toEqual([expect.stringMatching(/LifecycleActionToken: length 5 is below the minimum 36/)]);
    const health = validateOutput("elbv2", "DescribeTargetHealth", {
      TargetHealthDescriptions: [{ Target: { Id: "i-1" }, TargetHealth: { State: "Healthy" } }],
    });
    expect(health).toEqual([
      expect.stringMatching(/State: the string "Healthy" is not one of TargetHealthStateEnum's/),
    ]);
  });

  it("a timestamp given as text (the SDK hands over Dates) and a list given as one item", () => {
    const problems = validateOutput("cloudwatch", "GetMetricData", {
      MetricDataResults: [{ Id: "cpu", Timestamps: ["2026-01-15T12:00:00Z"], Values: 3, StatusCode: "Complete" }],
    });
    expect(problems).toEqual([
      expect.stringMatching(/Timestamps\[0\]: expected a valid Date/),
      expect.stringMatching(/Values: expected an array/),
    ]);
  });

  it("a pattern the value does not match (Lambda's function name)", () => {
    const problems = validateInput("lambda", "Invoke", { FunctionName: "dp autoscaler", InvocationType: "Event" });
    expect(problems).toEqual([
      expect.stringMatching(/FunctionName: .* does not match NamespacedFunctionName's pattern/),
    ]);
    expect(
      validateInput("lambda", "Invoke", { FunctionName: "dp-autoscaler-prod-launch", InvocationType: "Event" }),
    ).toEqual([]);
  });

  it("refuses to validate an operation that was not vendored, naming where to add it", () => {
    expect(() => validateInput("autoscaling", "DetachInstances", {})).toThrow(/scripts\/vendor-aws-models\.ts/);
  });
});

describe("the vendored models", () => {
  const PACKAGE_TO_SERVICE: Record<string, AwsService> = {
    "auto-scaling": "autoscaling",
    cloudwatch: "cloudwatch",
    ec2: "ec2",
    "elastic-load-balancing-v2": "elbv2",
    lambda: "lambda",
    ssm: "ssm",
    "secrets-manager": "secretsmanager",
  };

  it("hold every operation the adapters in shared/aws send", () => {
    const sent = new Set<string>();
    for (const file of readdirSync(join(ROOT, "shared", "aws")).filter((f) => f.endsWith(".ts"))) {
      const text = readFileSync(join(ROOT, "shared", "aws", file), "utf8");
      for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@aws-sdk\/client-([a-z0-9-]+)"/g))
        for (const name of m[1]!.split(",").map((n) => n.trim()))
          if (/^[A-Za-z]+Command$/.test(name)) sent.add(`${PACKAGE_TO_SERVICE[m[2]!]}.${name.replace(/Command$/, "")}`);
    }
    expect(sent.size).toBeGreaterThanOrEqual(18);
    const vendored = Object.entries(AWS_MODELS).flatMap(([svc, model]) =>
      Object.keys(model.operations).map((op) => `${svc}.${op}`),
    );
    expect([...sent].filter((op) => !vendored.includes(op))).toEqual([]);
  });

  it("use only patterns JavaScript can run (none is silently skipped)", () => {
    for (const [service, model] of Object.entries(AWS_MODELS))
      for (const [name, shape] of Object.entries(model.shapes))
        if (shape.pattern !== undefined) expect(patternCompiles(shape.pattern), `${service}.${name}`).toBe(true);
  });

  const botocore = spawnSync(
    "python3",
    ["-c", "import botocore, os; print(os.path.dirname(botocore.__file__)); print(botocore.__version__)"],
    { encoding: "utf8" },
  );
  const [botocoreDir, botocoreVersion] = botocore.status === 0 ? botocore.stdout.trim().split("\n") : [];
  const vendoredVersion = AWS_MODELS.autoscaling.source.match(/^botocore (\S+),/)?.[1];
  const comparable = botocoreDir !== undefined && botocoreVersion === vendoredVersion;
  const reason = comparable
    ? `botocore ${botocoreVersion} is installed`
    : `skipped: needs botocore ${vendoredVersion} on python3 (found ${botocoreVersion ?? "none"})`;

  it.skipIf(!comparable)(`are exactly what scripts/vendor-aws-models.ts extracts from botocore (${reason})`, () => {
    const out = mkdtempSync(join(tmpdir(), "aws-models-"));
    vendorAwsModels(join(botocoreDir!, "data"), botocoreVersion!, out);
    for (const service of Object.keys(VENDORED_OPERATIONS))
      expect(readFileSync(join(out, `${service}.json`), "utf8"), service).toBe(
        readFileSync(join(ROOT, "test", "aws-models", `${service}.json`), "utf8"),
      );
  });
});
