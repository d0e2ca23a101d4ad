/**
 * `dp-autoscaler validate-config FILE|- … [--json]`: checks configuration documents, JSON or YAML (`-` reads stdin).
 * Every problem is printed with its path (`clusters[0].maxNodes: must be ≥ minNodes`) or its line:column for a syntax
 * error, and the exit code is 1; valid documents print one line per cluster and exit 0. A missing file exits 2.
 * `--json` prints one object per file (`file`, `valid`, `problems`, `clusters`) on stdout. Options: `cli/grammar.ts`.
 */
import { ConfigError } from "../../shared/config/errors.ts";
import type { ClusterConfig } from "../../shared/config/schema.ts";
import { readConfigFile } from "../../sim/config-file.ts";
import { DocumentSyntaxError, readDocumentText, STDIN, sourceName } from "../../sim/document.ts";
import { EXIT, UsageError } from "../command.ts";
import { GRAMMAR } from "../grammar.ts";
import { type CommandIo, consoleIo, runCommand } from "../run-command.ts";

const SPEC = GRAMMAR["validate-config"]!;

/** One line: "prod: ASG dp-prod, 2..10 nodes (CP serves 8), signals cpu 70 %, bandwidth 60 %; 1 target group; …". */
export function summariseCluster(c: ClusterConfig): string {
  const signals: string[] = [];
  if (c.signals.cpu.enabled) signals.push(`cpu ${c.signals.cpu.targetPercent} %`);
  if (c.signals.bandwidth.enabled) signals.push(`bandwidth ${c.signals.bandwidth.targetPercent} %`);
  if (c.signals.requestRate) signals.push(`request-rate ${c.signals.requestRate.targetPerNode}/s per node`);
  for (const s of c.signals.custom) signals.push(`${s.id} ${s.target}${s.unit ? ` ${s.unit}` : ""}`);
  const guardrails = [
    c.guardrails.bandwidthCeiling ? `bandwidth-ceiling ${c.guardrails.bandwidthCeiling.ceilingGbps} Gbps` : "",
    c.guardrails.upstreamLatency ? "upstream-latency" : "",
  ].filter((g) => g !== "");
  const alarms = [
    c.alarms.names.length > 0 ? `${c.alarms.names.length} alarm name${c.alarms.names.length === 1 ? "" : "s"}` : "",
    c.alarms.namePrefix ? `prefix "${c.alarms.namePrefix}"` : "",
  ].filter((a) => a !== "");
  const cp = c.controlPlane.maxDataPlanes === undefined ? "" : ` (CP serves ${c.controlPlane.maxDataPlanes})`;
  const tgs = `${c.targetGroupArns.length} target group${c.targetGroupArns.length === 1 ? "" : "s"}`;
  return [
    `${c.name}: ASG ${c.autoScalingGroupName}, ${c.minNodes}..${c.maxNodes} nodes${cp}, ${tgs}, readiness ${c.readiness.mode}`,
    `signals ${signals.join(", ")}`,
    `guardrails ${guardrails.length > 0 ? guardrails.join(", ") : "defaults only"}`,
    `alarms ${alarms.length > 0 ? alarms.join(", ") : "by AutoScalingGroupName dimension"}`,
  ].join("; ");
}

/** What one file came to: valid with its clusters, or its problems. */
interface FileVerdict {
  file: string;
  valid: boolean;
  problems: string[];
  clusters: string[];
}

function verdictOf(path: string): FileVerdict {
  const file = sourceName(path);
  try {
    const config = readConfigFile(path);
    return { file, valid: true, problems: [], clusters: config.clusters.map(summariseCluster) };
  } catch (err) {
    if (err instanceof DocumentSyntaxError) {
      const problem = `line ${err.line}:${err.column}: not valid ${err.format.toUpperCase()}: ${err.detail}`;
      return { file, valid: false, problems: [problem], clusters: [] };
    }
    if (err instanceof ConfigError) return { file, valid: false, problems: err.problems, clusters: [] };
    throw err;
  }
}

export function validateConfigFile(args: string[], io: CommandIo = consoleIo): Promise<number> {
  return runCommand(
    SPEC,
    args,
    async (line) => {
      const files = line.positionals;
      if (files.length === 0) throw new UsageError("name at least one FILE (or - for stdin)");
      if (files.filter((f) => f === STDIN).length > 1) throw new UsageError("stdin (-) can be read once");
      // Every file is read first: a missing one is a usage error before any verdict is printed.
      for (const f of files) if (f !== STDIN) readDocumentText(f);
      const verdicts = files.map(verdictOf);
      if (line.flag("json")) io.out(JSON.stringify(verdicts, null, 2));
      else for (const v of verdicts) printVerdict(v, io);
      return verdicts.every((v) => v.valid) ? EXIT.ok : EXIT.failed;
    },
    io,
  );
}

function printVerdict(v: FileVerdict, io: CommandIo): void {
  if (v.valid) {
    io.out(`${v.file}: valid, ${v.clusters.length} cluster${v.clusters.length === 1 ? "" : "s"}`);
    for (const c of v.clusters) io.out(`  ${c}`);
    return;
  }
  io.err(`${v.file}: ${v.problems.length} problem${v.problems.length === 1 ? "" : "s"}`);
  for (const p of v.problems) io.err(`  ${p}`);
}

export function run(args: string[]): Promise<number> {
  return validateConfigFile(args);
}
