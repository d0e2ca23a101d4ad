/**
 * Running a Lambda handler inside the CLI (`invoke`, `ctl --local`) without letting it write on stdout: in Lambda,
 * stdout is the log stream, so Powertools writes its INFO/DEBUG logs and the autoscaler's own metrics (EMF lines)
 * there. In a terminal, stdout is the command's result, and `| jq` must see nothing else.
 *
 * - The log level: `--log-level`, else `--verbose` (info), else POWERTOOLS_LOG_LEVEL, else SILENT — quiet by default:
 *   the command's own one-line error says what failed (with the fix), and the logs are there when asked for.
 * - While the handler runs, whatever it writes to stdout goes to stderr instead; EMF metric lines are dropped unless
 *   the level is info or more detailed (they are metrics, not messages for a person).
 * - Node's process warnings — the AWS SDK's NodeVersionSupportWarning, emitted once per copy of the SDK core in
 *   node_modules — are not shown when quiet, and shown once each when not.
 */
import type { CommandLine } from "./command.ts";

type Env = Record<string, string | undefined>;

const DETAILED = new Set(["TRACE", "DEBUG", "INFO"]);

/** The Powertools log level the command line asks for. */
export function logLevelOf(line: CommandLine, env: Env): string {
  const level = line.string("log-level") ?? (line.flag("verbose") ? "info" : (env.POWERTOOLS_LOG_LEVEL ?? "silent"));
  return level.toUpperCase();
}

/**
 * Applies `--region`, `--profile` and the log level to the environment the handler and the SDK read (before either
 * is loaded), like the AWS CLI's options of the same names.
 */
export function applyRuntimeOptions(line: CommandLine, env: Env): { level: string } {
  const region = line.string("region");
  if (region !== undefined) {
    env.AWS_REGION = region;
    env.AWS_DEFAULT_REGION = region;
  }
  const profile = line.string("profile");
  if (profile !== undefined) env.AWS_PROFILE = profile;
  const level = logLevelOf(line, env);
  env.POWERTOOLS_LOG_LEVEL = level;
  if (!DETAILED.has(level)) env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  return { level };
}

/**
 * Each distinct process warning is printed once (Node prints every emission). Installed by the bin
 * (`cli/dp-autoscaler.js`) for the CLI's own process only.
 */
export function warnOncePerMessage(target: NodeJS.Process = process): void {
  const seen = new Set<string>();
  target.removeAllListeners("warning");
  target.on("warning", (w) => {
    const key = `${w.name}\n${w.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    target.stderr.write(`(node) ${w.name}: ${w.message}\n`);
  });
}

/** Runs `work` with stdout writes sent to stderr (EMF lines kept only when `showMetrics`). */
export async function withStdoutOnStderr<T>(showMetrics: boolean, work: () => Promise<T>): Promise<T> {
  const stdout = process.stdout;
  const original = stdout.write;
  stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    if (!showMetrics && text.startsWith('{"_aws"')) {
      const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      callback?.();
      return true;
    }
    return (process.stderr.write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof stdout.write;
  try {
    return await work();
  } finally {
    stdout.write = original;
  }
}

/** What `invoke` and `ctl --local` wrap a handler run in, given the level `applyRuntimeOptions` chose. */
export function handlerOutput(level: string): <T>(work: () => Promise<T>) => Promise<T> {
  return (work) => withStdoutOnStderr(DETAILED.has(level), work);
}
