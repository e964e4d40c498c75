// `airlock completion bash|zsh|fish`: a completion script for the shell, made from the command list in
// help.ts, so a new command completes as soon as it has help.

import { HELP } from './help.js';

const commands = () => [...Object.keys(HELP), 'help'].sort();
/** A command's one-line description: the first sentence of its help, without quotes a shell would trip on. */
const line = (command: string) => (HELP[command]?.about ?? 'help for a command').split(/(?<=\.)\s/)[0]!.replace(/['"`$\\]/g, '');

function bash(): string {
  const cases = Object.entries(HELP)
    .filter(([, h]) => h.words.length)
    .map(([c, h]) => `    ${c}) words="${h.words.join(' ')}" ;;`)
    .join('\n');
  return `# airlock completion for bash: source <(airlock completion bash)
_airlock() {
  local cur=\${COMP_WORDS[COMP_CWORD]} words=""
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "${commands().join(' ')} --help --version" -- "$cur"))
    return
  fi
  case \${COMP_WORDS[1]} in
${cases}
    help) words="${Object.keys(HELP).join(' ')}" ;;
  esac
  COMPREPLY=($(compgen -W "$words --help" -- "$cur"))
}
complete -o default -F _airlock airlock
`;
}

function zsh(): string {
  const described = commands()
    .map((c) => `    '${c}:${line(c)}'`)
    .join('\n');
  const cases = Object.entries(HELP)
    .filter(([, h]) => h.words.length)
    .map(([c, h]) => `    ${c}) compadd -- ${h.words.join(' ')} --help ;;`)
    .join('\n');
  return `#compdef airlock
# airlock completion for zsh: airlock completion zsh > "\${fpath[1]}/_airlock" (or source it)
_airlock() {
  local -a commands
  commands=(
${described}
  )
  if (( CURRENT == 2 )); then
    _describe 'airlock command' commands
    return
  fi
  case $words[2] in
${cases}
    help) compadd -- ${Object.keys(HELP).join(' ')} ;;
    *) _files ;;
  esac
}
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then _airlock "$@"; else compdef _airlock airlock; fi
`;
}

function fish(): string {
  const top = commands().map((c) => `complete -c airlock -n __fish_use_subcommand -a ${c} -d '${line(c)}'`);
  const rest = Object.entries(HELP)
    .filter(([, h]) => h.words.length)
    .map(([c, h]) => `complete -c airlock -n '__fish_seen_subcommand_from ${c}' -a '${h.words.join(' ')}'`);
  return ['# airlock completion for fish: airlock completion fish > ~/.config/fish/completions/airlock.fish', ...top, ...rest, ''].join('\n');
}

const SHELLS: Record<string, () => string> = { bash, zsh, fish };

export function run(argv: string[]): number {
  const make = argv[0] !== undefined && Object.hasOwn(SHELLS, argv[0]) ? SHELLS[argv[0]] : undefined;
  if (!make || argv.length > 1) {
    process.stderr.write('usage: airlock completion bash|zsh|fish\n');
    return 2;
  }
  process.stdout.write(make());
  return 0;
}
