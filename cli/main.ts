/**
 * `dp-autoscaler` — one entry, one file per command in `cli/commands/<name>.ts`, each exporting
 * `run(args: string[]): Promise<number>` (the exit code). Errors are one clear line on stderr and a non-zero exit.
 */

export const COMMANDS: Record<string, string> = {
  simulate:
    "simulate [SCENARIO|FILE] [--policy P] [--config FILE [--cluster NAME]] [--set KEY=VALUE …] [--json] [--report FILE.html]   one simulated run",
  compare:
    "compare [SCENARIO|FILE …] [--policies ours,target-tracking,…] [--config FILE [--cluster NAME]] [--set KEY=VALUE …] [--json] [--report FILE.html]",
  scenarios: "scenarios                                   list the built-in scenarios",
  bench: "bench [--quick] [--set KEY=VALUE …] [NAME …]   benchmarks that print figures (quality, speed, bundles)",
  decide: "decide --config FILE --observation FILE [--cluster NAME] [--json]   what would it do?",
  "validate-config": "validate-config FILE                        check a configuration document",
  invoke:
    "invoke <scaler|launch|drain|operator> --event FILE   run one handler against the AWS endpoint in the environment",
  ctl: "ctl <status|explain|scale|pause|resume> --cluster NAME [--desired N [--expect N]|--add N|--remove N] [--reason TEXT] [--by NAME] [--dry-run] [--force] [--function NAME|--local] [--json]",
};

export interface CommandModule {
  run(args: string[]): Promise<number>;
}

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => `  dp-autoscaler ${c}`);
  return ["usage:", ...lines].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  if (!(name in COMMANDS)) {
    console.error(`dp-autoscaler: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  try {
    const mod = (await import(`./commands/${name}.ts`)) as CommandModule;
    return await mod.run(rest);
  } catch (err) {
    console.error(`dp-autoscaler ${name}: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.DP_AUTOSCALER_DEBUG) console.error(err);
    return 1;
  }
}
