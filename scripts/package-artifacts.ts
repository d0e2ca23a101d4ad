/**
 * What `npm run package` (`osls package --stage ci`) leaves in `.serverless/`: the CloudFormation template and one
 * zip per function. Shared by the deployment tests (test/deploy/) and the bundle benchmark (bench/bundles.ts), so
 * both look at exactly what would be deployed.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inflateRawSync } from "node:zlib";
import type { LambdaFunction } from "../shared/runtime/functions.ts";

/** `npm run package` failed; `output` is what osls printed (its error is in there). */
export class PackageError extends Error {
  constructor(
    readonly status: number | null,
    readonly output: string,
  ) {
    super(`npm run package failed (exit ${status}):\n${output.slice(-4000)}`);
    this.name = "PackageError";
  }
}

/** Runs `npm run package` in `root` and waits for it; throws a PackageError when it fails. */
export function runPackage(root: string): void {
  const result = spawnSync("npm", ["run", "--silent", "package"], {
    cwd: root,
    encoding: "utf8",
    // Packaging must not need AWS: every AWS endpoint points at a closed local port, so a look-up that creeps in
    // (an ${ssm:} variable, say) fails the package instead of quietly using a developer's credentials.
    env: { ...process.env, AWS_ENDPOINT_URL: "http://127.0.0.1:9", AWS_EC2_METADATA_DISABLED: "true" },
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status !== 0) throw new PackageError(result.status, `${result.stdout}\n${result.stderr}`);
}

export function serverlessDir(root: string): string {
  return join(root, ".serverless");
}

/** The packaged stack template, as osls wrote it. */
export function readPackagedTemplate(root: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(serverlessDir(root), "cloudformation-template-update-stack.json"), "utf8"));
}

export function artifactPath(root: string, fn: LambdaFunction): string {
  return join(serverlessDir(root), `${fn}.zip`);
}

export interface ZipEntry {
  name: string;
  /** Bytes in the archive. */
  compressedSize: number;
  /** Bytes once extracted. */
  size: number;
  /** The extracted content. */
  read(): Buffer;
}

/** Lists a zip archive's files (stored or deflated, no zip64: Lambda artifacts are far below 4 GB). */
export function readZip(archive: Buffer): ZipEntry[] {
  const end = findEndOfCentralDirectory(archive);
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error(`zip: bad central directory entry at ${at}`);
    const method = archive.readUInt16LE(at + 10);
    const compressedSize = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const localHeader = archive.readUInt32LE(at + 42);
    const name = archive.toString("utf8", at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    entries.push({
      name,
      compressedSize,
      size,
      read: () => {
        const start =
          localHeader + 30 + archive.readUInt16LE(localHeader + 26) + archive.readUInt16LE(localHeader + 28);
        const data = archive.subarray(start, start + compressedSize);
        if (method === 0) return Buffer.from(data);
        if (method === 8) return inflateRawSync(data);
        throw new Error(`zip: ${name} uses compression method ${method}`);
      },
    });
  }
  return entries;
}

function findEndOfCentralDirectory(archive: Buffer): number {
  for (let at = archive.length - 22; at >= Math.max(0, archive.length - 22 - 65_535); at--)
    if (archive.readUInt32LE(at) === 0x06054b50) return at;
  throw new Error("zip: no end of central directory record");
}

/** The AWS SDK clients the functions use, each with its Smithy namespace, which the client's operation schemas name. */
export const SDK_CLIENT_NAMESPACES = {
  "@aws-sdk/client-auto-scaling": "com.amazonaws.autoscaling",
  "@aws-sdk/client-cloudwatch": "com.amazonaws.cloudwatch",
  "@aws-sdk/client-ec2": "com.amazonaws.ec2",
  "@aws-sdk/client-elastic-load-balancing-v2": "com.amazonaws.elasticloadbalancingv2",
  "@aws-sdk/client-lambda": "com.amazonaws.lambda",
  "@aws-sdk/client-secrets-manager": "com.amazonaws.secretsmanager",
  "@aws-sdk/client-ssm": "com.amazonaws.ssm",
} as const;
export type SdkClientPackage = keyof typeof SDK_CLIENT_NAMESPACES;

/** The function's bundle (`functions/<fn>/handler.mjs` in its zip), as text. */
export function readBundle(root: string, fn: LambdaFunction): string {
  const entry = readZip(readFileSync(artifactPath(root, fn))).find((e) => e.name.endsWith(".mjs"));
  if (entry === undefined) throw new Error(`${artifactPath(root, fn)} holds no .mjs bundle`);
  return entry.read().toString("utf8");
}

/**
 * Which of the SDK clients a bundle contains, sorted: those whose namespace appears as a string literal. (The
 * credential chain's own STS/SSO clients come from `@aws-sdk/nested-clients` and are not counted.)
 */
export function bundledSdkClients(bundle: string): SdkClientPackage[] {
  return (Object.keys(SDK_CLIENT_NAMESPACES) as SdkClientPackage[])
    .filter(
      (pkg) => bundle.includes(`"${SDK_CLIENT_NAMESPACES[pkg]}"`) || bundle.includes(`'${SDK_CLIENT_NAMESPACES[pkg]}'`),
    )
    .sort();
}
