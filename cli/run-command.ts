/**
 * The frame every verb runs in: parse the command line against its grammar, answer `--help`, run the work, and turn
 * whatever it threw into one explained message on stderr and the exit code of the one rule (`EXIT`).
 */
import {
  type CommandLine,
  type CommandSpec,
  EXIT,
  parseCommandLine,
  renderHelp,
  reportUsageError,
  UsageError,
} from "./command.ts";
import { explainError } from "./errors.ts";

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Readonly<Record<string, string | undefined>>;
}

export const consoleIo: CommandIo = { out: (l) => console.log(l), err: (l) => console.error(l), env: process.env };

/** Prints an error the way every verb does: the first line named by the verb, details indented under it. */
export function reportError(spec: CommandSpec, err: unknown, io: CommandIo): number {
  if (err instanceof UsageError) return reportUsageError(spec, err, io.err);
  const explained = explainError(err, io.env);
  const [first, ...rest] = explained.lines;
  io.err(`dp-autoscaler ${spec.name}: ${first}`);
  for (const line of rest) io.err(`  ${line}`);
  if (io.env.DP_AUTOSCALER_DEBUG && err instanceof Error) io.err(err.stack ?? err.message);
  return explained.exitCode;
}

export async function runCommand(
  spec: CommandSpec,
  args: readonly string[],
  work: (line: CommandLine) => Promise<number>,
  io: CommandIo = consoleIo,
): Promise<number> {
  try {
    const line = parseCommandLine(spec, args);
    if (line.help) {
      io.out(renderHelp(spec));
      return EXIT.ok;
    }
    return await work(line);
  } catch (err) {
    return reportError(spec, err, io);
  }
}
