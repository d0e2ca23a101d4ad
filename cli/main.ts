/**
 * `dp-autoscaler` — one entry, one file per verb in `cli/commands/<verb>.ts`, each exporting
 * `run(args: string[]): Promise<number>` (the exit code, `EXIT` in `cli/command.ts`). The grammar of every verb is in
 * `cli/grammar.ts`. Errors are one clear line on stderr; stdout carries results only.
 */
import { EXIT } from "./command.ts";
import { GRAMMAR, VERBS } from "./grammar.ts";
import { consoleIo, reportError } from "./run-command.ts";
import { didYouMean } from "./suggest.ts";
import { version } from "./version.ts";

export interface CommandModule {
  run(args: string[]): Promise<number>;
}

export function topLevelHelp(): string {
  const width = Math.max(...VERBS.map((v) => v.length));
  return [
    "usage: dp-autoscaler <command> [options]",
    "",
    "commands:",
    ...VERBS.map((v) => `  ${v.padEnd(width)}  ${GRAMMAR[v]!.summary}`),
    "",
    "dp-autoscaler <command> --help shows a command's options and examples; dp-autoscaler --version its version.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "-h" || (name === "help" && rest.length === 0)) {
    console.log(topLevelHelp());
    return EXIT.ok;
  }
  if (name === undefined) {
    console.error(topLevelHelp());
    return EXIT.usage;
  }
  if (name === "--version" || name === "-V") {
    console.log(version());
    return EXIT.ok;
  }
  // `help VERB` is `VERB --help`.
  if (name === "help") return main([rest[0]!, "--help"]);
  const spec = GRAMMAR[name];
  if (spec === undefined) {
    const option = name.startsWith("-");
    const known = option ? ["--help", "--version"] : VERBS;
    console.error(`dp-autoscaler: unknown ${option ? "option" : "command"} "${name}"${didYouMean(name, known)}`);
    console.error("(dp-autoscaler --help lists the commands)");
    return EXIT.usage;
  }
  try {
    const mod = (await import(`./commands/${name}.ts`)) as CommandModule;
    return await mod.run(rest);
  } catch (err) {
    // Each verb reports its own errors (`runCommand`); this is the net under a verb that failed to load.
    return reportError(spec, err, consoleIo);
  }
}
