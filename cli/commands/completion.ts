/**
 * `dp-autoscaler completion <bash|zsh>`: prints a completion script built from the grammar (`cli/completion.ts`).
 * bash: `source <(dp-autoscaler completion bash)`; zsh: write it as `_dp-autoscaler` into a folder of `$fpath`.
 */
import { EXIT, UsageError } from "../command.ts";
import { bashCompletion, zshCompletion } from "../completion.ts";
import { GRAMMAR } from "../grammar.ts";
import { runCommand } from "../run-command.ts";
import { didYouMean } from "../suggest.ts";

const SHELLS: Record<string, (grammar: typeof GRAMMAR) => string> = { bash: bashCompletion, zsh: zshCompletion };

export function run(args: string[]): Promise<number> {
  return runCommand(GRAMMAR.completion!, args, async (line) => {
    const shell = line.positionals[0];
    const script = shell === undefined ? undefined : SHELLS[shell];
    if (script === undefined)
      throw new UsageError(
        shell === undefined
          ? "name the shell: bash or zsh"
          : `no completion for "${shell}" (bash, zsh)${didYouMean(shell, Object.keys(SHELLS))}`,
      );
    process.stdout.write(script(GRAMMAR));
    return EXIT.ok;
  });
}
