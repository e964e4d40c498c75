// `airlock <command> --help` and `airlock help <command>`: what each command does, how it is called,
// and examples to copy. main.ts answers --help before a command runs, so `airlock exec --help` explains
// exec instead of running `--help` through bash. The command list is also what shell completion offers.

export interface CommandHelp {
  usage: string;
  about: string;
  examples: string[];
  /** Words completion offers after the command (its subcommands and options). */
  words: string[];
}

export const HELP: Record<string, CommandHelp> = {
  check: {
    usage: 'airlock check [--json] [--cwd DIR] "<command>"\nairlock check --json --stdin',
    about:
      'Judges a command as the hook would, and explains the verdict: what would run, what each finding means, and safer routes. Exit status: 0 allow, 10 confirm, 11 approve, 12 deny, 2 bad usage, 1 internal error.',
    examples: ['airlock check "terraform destroy -auto-approve"', 'airlock check --json --cwd infra "bash deploy.sh"', "printf '%s\\n' '\"rm -rf build\"' | airlock check --json --stdin"],
    words: ['--json', '--cwd', '--stdin'],
  },
  rules: { usage: 'airlock rules [--json]', about: 'Lists every rule: its pack, id, effect and summary.', examples: ['airlock rules', 'airlock rules --json | jq -r .id'], words: ['--json'] },
  explain: {
    usage: 'airlock explain RULE_ID [--json]',
    about: 'What a rule catches and why it matters, the safer routes, the programs it looks at, and its own examples: commands it holds and look-alikes it lets through.',
    examples: ['airlock explain terraform/destroy', 'airlock explain postgres/psql --json'],
    words: ['--json'],
  },
  policy: {
    usage: 'airlock policy show [--cwd DIR] [--json]\nairlock policy test [--cwd DIR]\nairlock policy init [--project] [--print]',
    about: 'Shows the effective policy and where each part came from, runs the example commands the policy files list against their expected verdicts, or writes an annotated template of every key.',
    examples: ['airlock policy show', 'airlock policy test --cwd ~/src/app', 'airlock policy init'],
    words: ['show', 'test', 'init', '--cwd', '--json', '--project', '--print'],
  },
  scan: {
    usage: 'airlock scan [--cwd DIR] [--json|--sarif]',
    about:
      "A read-only hardening report: agents whose settings let everything run or that run without airlock's hook, and production credentials an agent started here could use, each with its fix. Exit status 1 when it finds an error.",
    examples: ['airlock scan', 'airlock scan --cwd ~/src/app --json', 'airlock scan --sarif > airlock.sarif'],
    words: ['--cwd', '--json', '--sarif'],
  },
  allow: {
    usage: 'airlock allow RULE_ID --project DIR',
    about:
      "An escape hatch for one project: in DIR and below the rule no longer holds commands. Written into your own policy file, never the project's. Humans only, at their own terminal; rules that deny outright stay denied.",
    examples: ['airlock allow filesystem/rm --project .', 'airlock allow git/force-push --project ~/src/scratch'],
    words: ['--project'],
  },
  trial: {
    usage: 'airlock trial [--since 30d] [--json]',
    about: 'What enforcement would have done over a trial (mode: warn in the policy): the commands that ran but would have been held or asked about, by rule, environment and agent.',
    examples: ['airlock trial', 'airlock trial --since 7d --json'],
    words: ['--since', '--json'],
  },
  grant: {
    usage: 'airlock grant <write|destroy> --env ENV --for DURATION --reason TEXT [--target T] [--tool PROGRAM] [--command PATTERN]',
    about: 'Opens a time-boxed window in which matching commands are allowed without a per-command approval. Humans only, at their own terminal.',
    examples: ['airlock grant write --env staging --for 30m --reason "migration window"'],
    words: ['write', 'destroy', '--env', '--for', '--reason', '--target', '--tool', '--command'],
  },
  revoke: { usage: 'airlock revoke GRANT_ID... | --all', about: 'Closes grants before they expire.', examples: ['airlock revoke g7k2mq', 'airlock revoke --all'], words: ['--all'] },
  status: { usage: 'airlock status', about: 'The verdict for each environment and effect, and the grants open now.', examples: ['airlock status'], words: [] },
  hook: {
    usage: 'airlock hook <agent>',
    about: "The agent hook: reads the agent's hook JSON on stdin and answers in its protocol. `airlock init` installs it; agents run it.",
    examples: ['airlock hook claude-code < payload.json'],
    words: ['claude-code', 'codex', 'gemini', 'cursor', 'copilot', 'opencode', 'windsurf'],
  },
  init: {
    usage: 'airlock init [--agent NAME]... [--project] [--yes]',
    about: "Installs airlock's hook into your agents' settings (all it finds, or those named).",
    examples: ['airlock init', 'airlock init --agent claude-code --agent codex'],
    words: ['--agent', '--project', '--yes'],
  },
  uninstall: { usage: 'airlock uninstall [--yes]', about: 'Puts every file `airlock init` touched back as it was.', examples: ['airlock uninstall'], words: ['--yes'] },
  doctor: { usage: 'airlock doctor', about: 'Checks that every installed hook answers.', examples: ['airlock doctor'], words: [] },
  pending: { usage: 'airlock pending [--json]', about: 'Held commands waiting for a human, with what they would do.', examples: ['airlock pending'], words: ['--json'] },
  approve: {
    usage: 'airlock approve ID [--without-copy]',
    about: "Approves one held command, once, after showing it in full and asking you to type the environment's name. Humans only, at their own terminal.",
    examples: ['airlock approve k7mq2x'],
    words: ['--without-copy'],
  },
  deny: {
    usage: 'airlock deny ID [--reason TEXT]',
    about: 'Denies one held command; the agent is told the reason.',
    examples: ['airlock deny k7mq2x --reason "not during the sale"'],
    words: ['--reason'],
  },
  serve: {
    usage: 'airlock serve [--port N]',
    about: 'The dashboard on localhost: pending approvals live, the audit timeline, grants; and the webhooks delivered while it runs.',
    examples: ['airlock serve', 'airlock serve --port 8080'],
    words: ['--port'],
  },
  dashboard: {
    usage: 'airlock dashboard passkey | totp [--replace] | status',
    about: 'Sets up what proves it is you on the dashboard: a passkey (preferred) or one-time codes. Humans only, at their own terminal.',
    examples: ['airlock dashboard passkey', 'airlock dashboard status'],
    words: ['passkey', 'totp', 'status', '--replace'],
  },
  backups: {
    usage: 'airlock backups [--json]\nairlock backups prune [--older-than 30d]',
    about: 'Lists the safety copies kept before approved destroys, with their size, age and restore command; prune removes old ones.',
    examples: ['airlock backups', 'airlock backups prune --older-than 14d'],
    words: ['prune', '--json', '--older-than'],
  },
  log: {
    usage: 'airlock log [--held] [--effect E] [--env E] [--since 1h] [--agent NAME] [--limit N] [--json]\nairlock log show ENTRY_NUMBER|REQUEST_ID [--json]',
    about: 'The audit log, filtered; or one entry in full with the rest of its story: why it was held, who decided, and how it ended.',
    examples: ['airlock log --held --since 1h', 'airlock log --env production --json', 'airlock log show k7mq2x'],
    words: ['show', '--held', '--effect', '--env', '--since', '--agent', '--limit', '--json'],
  },
  verify: { usage: 'airlock verify [--anchor FILE]', about: "Checks the audit log's hash chain, and a checkpoint file when given.", examples: ['airlock verify'], words: ['--anchor'] },
  checkpoint: {
    usage: 'airlock checkpoint [--to FILE|-]',
    about: 'Records the newest entry of the audit log in a second anchor outside the state directory.',
    examples: ['airlock checkpoint --to ~/backup/airlock.anchor'],
    words: ['--to'],
  },
  exec: {
    usage: 'airlock exec -- <command> [args...]',
    about: 'Runs a command only if airlock allows it; a held one waits for a human.',
    examples: ['airlock exec -- terraform apply', 'airlock exec -- npm run migrate'],
    words: ['--'],
  },
  shell: { usage: 'airlock shell -c "<command>"', about: 'The same as exec, as a drop-in for bash -c.', examples: ['airlock shell -c "make deploy"'], words: ['-c'] },
  completion: {
    usage: 'airlock completion bash|zsh|fish',
    about: 'Prints a completion script for your shell.',
    examples: ['source <(airlock completion bash)', 'airlock completion zsh > "${fpath[1]}/_airlock"', 'airlock completion fish > ~/.config/fish/completions/airlock.fish'],
    words: ['bash', 'zsh', 'fish'],
  },
};

/** `command`'s help as text, or null when there is no such command. */
export function helpFor(command: string): string | null {
  const h = Object.hasOwn(HELP, command) ? HELP[command] : undefined;
  if (!h) return null;
  const usage = h.usage.split('\n').map((line, i) => `${i === 0 ? 'usage: ' : '       '}${line}`);
  return [...usage, '', h.about, '', 'examples:', ...h.examples.map((e) => `  ${e}`)].join('\n') + '\n';
}
