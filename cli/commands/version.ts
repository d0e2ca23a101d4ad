/** `dp-autoscaler version` (also `dp-autoscaler --version`): prints the version. */
import { EXIT } from "../command.ts";
import { GRAMMAR } from "../grammar.ts";
import { runCommand } from "../run-command.ts";
import { version } from "../version.ts";

export function run(args: string[]): Promise<number> {
  return runCommand(GRAMMAR.version!, args, async () => {
    console.log(version());
    return EXIT.ok;
  });
}
