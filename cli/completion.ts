/**
 * Shell completion scripts, generated from the grammar (`cli/grammar.ts`) so they cannot drift from what the
 * commands accept: verbs; each verb's options; the values of options that have choices (`--policy`, `--log-level`);
 * file names where a file goes; built-in scenarios, benchmarks, functions and ctl actions as positionals.
 */
import type { CommandSpec, OptionSpec } from "./command.ts";
import { optionsOf } from "./command.ts";

function flagsOf(name: string, o: OptionSpec): string[] {
  return [`--${name}`, ...(o.short ? [`-${o.short}`] : [])];
}

function words(values: readonly string[]): string {
  return values.join(" ");
}

function bashVerbCase(spec: CommandSpec): string {
  const options = Object.entries(optionsOf(spec));
  const valueCases = options
    .filter(([, o]) => o.type === "string")
    .map(([name, o]) => {
      const pattern = flagsOf(name, o).join("|");
      if (o.choices)
        return `        ${pattern}) COMPREPLY=( $(compgen -W "${words(o.choices)}" -- "$cur") ); return ;;`;
      if (o.file) return `        ${pattern}) COMPREPLY=( $(compgen -f -- "$cur") ); return ;;`;
      return `        ${pattern}) return ;;`;
    });
  const allFlags = words(options.flatMap(([name, o]) => flagsOf(name, o)));
  const positional = spec.positionals[0];
  const choices = positional?.choices ? words(positional.choices()) : "";
  const files = positional?.file ? ' $(compgen -f -- "$cur")' : "";
  return [
    `    ${spec.name})`,
    '      case "$prev" in',
    ...valueCases,
    "      esac",
    '      if [[ "$cur" == -* ]]; then',
    `        COMPREPLY=( $(compgen -W "${allFlags}" -- "$cur") )`,
    "      else",
    `        COMPREPLY=( $(compgen -W "${choices}" -- "$cur")${files} )`,
    "      fi",
    "      ;;",
  ].join("\n");
}

export function bashCompletion(grammar: Record<string, CommandSpec>): string {
  const verbs = Object.keys(grammar);
  return [
    "# bash completion for dp-autoscaler: source <(dp-autoscaler completion bash)",
    "_dp_autoscaler() {",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a template
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" verb="${COMP_WORDS[1]}"',
    "  if [[ $COMP_CWORD -eq 1 ]]; then",
    `    COMPREPLY=( $(compgen -W "${words(verbs)} help --help --version" -- "$cur") )`,
    "    return",
    "  fi",
    '  case "$verb" in',
    ...Object.values(grammar).map(bashVerbCase),
    "  esac",
    "}",
    "complete -o filenames -F _dp_autoscaler dp-autoscaler",
    "",
  ].join("\n");
}

/** Text inside a zsh `_arguments` spec: brackets, colons and quotes escaped. */
function zshText(text: string): string {
  return text.replace(/'/g, "'\\''").replace(/([[\]:])/g, "\\$1");
}

function zshOption(name: string, o: OptionSpec): string {
  const flags = flagsOf(name, o);
  const exclusive = flags.length > 1 ? `(${flags.join(" ")})` : "";
  const names = flags.length > 1 ? `{${flags.join(",")}}` : flags[0]!;
  const repeat = o.multiple ? "*" : "";
  const description = `[${zshText(o.description)}]`;
  let value = "";
  if (o.type === "string") {
    const action = o.choices ? `(${o.choices.join(" ")})` : o.file ? "_files" : " ";
    value = `:${zshText(o.value ?? "VALUE")}:${action}`;
  }
  // '(excl)'{-p,--policy}'[description]:P:(a b)' — the brace expansion stays outside the quotes.
  return flags.length > 1
    ? `'${repeat}${exclusive}'${names}'${description}${value}'`
    : `'${repeat}${names}${description}${value}'`;
}

function zshVerbCase(spec: CommandSpec): string {
  const specs = Object.entries(optionsOf(spec)).map(([name, o]) => zshOption(name, o));
  const p = spec.positionals[0];
  if (p) {
    const choices = p.choices ? `(${p.choices().join(" ")})` : "";
    const action =
      choices && p.file
        ? `_alternative 'names:name:${choices}' 'files:file:_files'`
        : choices || (p.file ? "_files" : " ");
    const position = p.name.endsWith("…") ? "*" : "1";
    specs.push(`'${position}:${zshText(p.name)}:${action.replace(/'/g, "'\\''")}'`);
  }
  return [
    `    ${spec.name})`,
    `      _arguments -s \\`,
    ...specs.map((s) => `        ${s} \\`),
    "        && return 0",
    "      ;;",
  ].join("\n");
}

export function zshCompletion(grammar: Record<string, CommandSpec>): string {
  const verbs = Object.values(grammar).map((s) => `'${s.name}:${zshText(s.summary)}'`);
  return [
    "#compdef dp-autoscaler",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax, not a template
    '# zsh completion for dp-autoscaler: dp-autoscaler completion zsh > "${fpath[1]}/_dp-autoscaler"',
    "_dp_autoscaler() {",
    "  local -a verbs",
    `  verbs=(${verbs.join(" ")})`,
    "  if (( CURRENT == 2 )); then",
    "    _describe 'command' verbs",
    "    return",
    "  fi",
    "  local verb=$words[2]",
    "  shift words",
    "  (( CURRENT-- ))",
    '  case "$verb" in',
    ...Object.values(grammar).map(zshVerbCase),
    "  esac",
    "}",
    '_dp_autoscaler "$@"',
    "",
  ].join("\n");
}
