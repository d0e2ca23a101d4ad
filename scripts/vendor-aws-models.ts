/**
 * Writes `test/aws-models/<service>.json`: the part of the AWS API models (botocore's `service-2.json`, the JSON the
 * AWS SDKs and CLIs are generated from) that the adapters in `shared/aws/` use — the operations below, and every
 * shape they reach, documentation stripped. The tests validate every request the adapters send and every response
 * the tests feed them against these (test/aws-models/validate.ts). Vendored, not installed: see
 * test/aws-models/README.md for why, and for the source and version of the copies.
 *
 *   npx tsx scripts/vendor-aws-models.ts <botocore data directory> <botocore version>
 *   (e.g. $(python3 -c "import botocore, os; print(os.path.dirname(botocore.__file__))")/data 1.43.11)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

/** botocore's directory and version per service, and the operations `shared/aws/` sends. */
export const VENDORED_OPERATIONS = {
  autoscaling: {
    model: "autoscaling/2011-01-01",
    operations: [
      "CompleteLifecycleAction",
      "CreateOrUpdateTags",
      "DeleteTags",
      "DescribeAutoScalingGroups",
      "DescribeLifecycleHooks",
      "DescribeScalingActivities",
      "RecordLifecycleActionHeartbeat",
      "SetDesiredCapacity",
    ],
  },
  elbv2: {
    model: "elbv2/2015-12-01",
    operations: ["DeregisterTargets", "DescribeTargetGroupAttributes", "DescribeTargetHealth", "RegisterTargets"],
  },
  cloudwatch: { model: "cloudwatch/2010-08-01", operations: ["GetMetricData"] },
  ec2: { model: "ec2/2016-11-15", operations: ["DescribeInstances", "DescribeInstanceTypes"] },
  lambda: { model: "lambda/2015-03-31", operations: ["Invoke"] },
  ssm: { model: "ssm/2014-11-06", operations: ["GetParameter"] },
  secretsmanager: { model: "secretsmanager/2017-10-17", operations: ["GetSecretValue"] },
} as const;

type Json = Record<string, unknown>;

/** Everything but documentation: the constraints the validator reads, and the rest kept for the reader. */
function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node as Json)
      .filter(([k]) => k !== "documentation" && k !== "documentationUrl")
      .map(([k, v]) => [k, strip(v)]),
  );
}

function reachable(shapes: Record<string, Json>, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    const shape = shapes[name];
    if (shape === undefined) throw new Error(`shape ${name} is not in the model`);
    seen.add(name);
    for (const member of Object.values((shape.members ?? {}) as Record<string, { shape: string }>)) visit(member.shape);
    for (const key of ["member", "key", "value"] as const) {
      const ref = shape[key] as { shape: string } | undefined;
      if (ref) visit(ref.shape);
    }
  };
  roots.forEach(visit);
  return seen;
}

/** Writes the trimmed models of `botocoreVersion`'s data directory into `outDir`; returns a line per service. */
export function vendorAwsModels(dataDir: string, botocoreVersion: string, outDir: string): string[] {
  const lines: string[] = [];
  for (const [service, { model, operations }] of Object.entries(VENDORED_OPERATIONS)) {
    const full = JSON.parse(gunzipSync(readFileSync(join(dataDir, model, "service-2.json.gz"))).toString("utf8")) as {
      metadata: Json;
      operations: Record<string, Json>;
      shapes: Record<string, Json>;
    };
    const ops = Object.fromEntries(operations.map((name) => [name, strip(full.operations[name]) as Json]));
    const roots = Object.values(ops).flatMap((op) =>
      [op.input, op.output, ...((op.errors as unknown[]) ?? [])]
        .filter((r): r is { shape: string } => r !== undefined)
        .map((r) => r.shape),
    );
    const names = [...reachable(full.shapes, roots)].sort();
    const out = {
      source: `botocore ${botocoreVersion}, botocore/data/${model}/service-2.json.gz (Apache-2.0), trimmed to these operations and the shapes they reach; documentation removed`,
      metadata: full.metadata,
      operations: ops,
      shapes: Object.fromEntries(names.map((n) => [n, strip(full.shapes[n])])),
    };
    writeFileSync(join(outDir, `${service}.json`), `${JSON.stringify(out, null, 1)}\n`);
    lines.push(`${service}: ${operations.length} operations, ${names.length} shapes`);
  }
  return lines;
}

if (process.argv[1]?.endsWith("vendor-aws-models.ts")) {
  const [dataDir, version] = process.argv.slice(2);
  if (!dataDir || !version) {
    console.error("usage: npx tsx scripts/vendor-aws-models.ts <botocore data directory> <botocore version>");
    process.exit(2);
  }
  for (const line of vendorAwsModels(dataDir, version, join("test", "aws-models"))) console.log(line);
}
