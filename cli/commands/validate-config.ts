/**
 * `dp-autoscaler validate-config FILE`: checks a configuration document. Every problem is printed with its path
 * (`clusters[0].maxNodes: must be ≥ minNodes`) and the exit code is 1; a valid document prints one line per cluster
 * and exits 0. A missing file or argument exits 2.
 */
import { readFile } from "node:fs/promises";
import { ConfigError } from "../../shared/config/errors.ts";
import { parseDeploymentConfig } from "../../shared/config/loader.ts";
import type { ClusterConfig } from "../../shared/config/schema.ts";

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

const consoleOutput: Output = { out: (l) => console.log(l), err: (l) => console.error(l) };

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

export async function validateConfigFile(args: string[], io: Output = consoleOutput): Promise<number> {
  const files = args.filter((a) => !a.startsWith("-"));
  if (files.length !== 1) {
    io.err("usage: dp-autoscaler validate-config FILE");
    return 2;
  }
  const file = files[0]!;
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    io.err(
      `dp-autoscaler validate-config: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
    return 2;
  }
  try {
    const config = parseDeploymentConfig(text, file);
    io.out(`${file}: valid, ${config.clusters.length} cluster${config.clusters.length === 1 ? "" : "s"}`);
    for (const c of config.clusters) io.out(`  ${summariseCluster(c)}`);
    return 0;
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    io.err(`${file}: ${err.problems.length} problem${err.problems.length === 1 ? "" : "s"}`);
    for (const p of err.problems) io.err(`  ${p}`);
    return 1;
  }
}

export function run(args: string[]): Promise<number> {
  return validateConfigFile(args);
}
