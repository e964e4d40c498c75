// The `airlock` command: dispatches to one file per subcommand, loaded only when used.

const USAGE = `airlock: holds destructive and production-writing commands from AI coding agents

usage:
  airlock check [--json] [--cwd DIR] "<command>"   explain the verdict for a command
  airlock check --json --stdin                      batch mode: JSON Lines in, JSON Lines out
  airlock rules [--json]                            every rule: pack, id, effect, summary
  airlock explain RULE_ID [--json]                  what a rule catches, why, safer routes, and its examples
  airlock policy show|test [--cwd DIR]              the effective policy; run the policy's own tests
  airlock policy init [--project] [--print]         write an annotated template of every key
  airlock scan [--cwd DIR] [--json|--sarif]         a hardening report: agent settings, missing hooks, reachable production credentials
  airlock allow RULE_ID --project DIR               an escape hatch for one project, in your policy (humans only)
  airlock trial [--since 30d] [--json]              in trial mode (mode: warn), what enforcement would have held
  airlock grant <write|destroy> --env E --for 30m --reason "…"   a time-boxed window (humans only)
  airlock revoke ID|--all                           close grants early
  airlock status                                    mode per environment and active grants
  airlock hook <agent>                              the agent hook (reads the agent's JSON on stdin)
  airlock init [--agent NAME]... [--project] [--yes]  install the hook into your agents
  airlock uninstall [--yes]                         put every file init touched back as it was
  airlock doctor                                    check that every installed hook answers
  airlock pending [--json]                          held commands waiting for a human
  airlock approve ID / airlock deny ID [--reason R]   answer one (humans only, at a terminal)
  airlock serve [--port N]                          the dashboard on localhost: pending approvals live, the timeline, grants
  airlock dashboard passkey|totp|status             set up what proves it is you on the dashboard (humans only, at a terminal)
  airlock backups [--json] / backups prune [--older-than 30d]   safety copies kept before approved destroys
  airlock log [--held] [--effect E] [--env E] [--since 1h] [--agent A] [--json]   the audit log
  airlock log show ENTRY_NUMBER|REQUEST_ID          one entry in full: why it was held, who decided, how it ended
  airlock verify [--anchor FILE]                    check the audit log's hash chain (and a checkpoint file)
  airlock checkpoint [--to FILE|-]                  record the newest entry in a second anchor outside the state directory
  airlock exec -- <command>                         run a command only if airlock allows it
  airlock shell -c "<command>"                      the same, as a drop-in for bash -c
  airlock completion bash|zsh|fish                  a completion script for your shell
  airlock help <command> / airlock <command> --help  what a command does, with examples
  airlock --version

exit status of check: 0 allow, 10 confirm, 11 approve, 12 deny, 2 bad usage, 1 internal error`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  // `airlock <command> --version` says the version, whatever the command, as `airlock --version` does.
  if (command && (rest[0] === '--version' || rest[0] === '-V')) {
    process.stdout.write(`airlock ${(await import('./version.js')).VERSION}\n`);
    return 0;
  }
  // `airlock <command> --help` explains the command rather than running it (`exec --help` would run bash).
  if (command && (rest[0] === '--help' || rest[0] === '-h' || command === 'help')) {
    const { helpFor } = await import('./help.js');
    const about = command === 'help' ? (rest[0] ? helpFor(rest[0]) : USAGE + '\n') : helpFor(command);
    if (about === null) {
      process.stderr.write(`airlock: unknown command '${command === 'help' ? rest[0] : command}'\n\n${USAGE}\n`);
      return 2;
    }
    process.stdout.write(about);
    return 0;
  }
  switch (command) {
    case 'hook':
      return (await import('./hook.js')).run(rest);
    case 'check':
      return (await import('./check.js')).run(rest);
    case 'rules':
      return (await import('./rules.js')).run(rest);
    case 'explain':
      return (await import('./explain.js')).run(rest);
    case 'scan':
      return (await import('./scan.js')).run(rest);
    case 'allow':
      return (await import('./allow.js')).run(rest);
    case 'trial':
      return (await import('./trial.js')).run(rest);
    case 'policy':
      return (await import('./policy.js')).run(rest);
    case 'grant':
      return (await import('./grant.js')).grant(rest);
    case 'revoke':
      return (await import('./grant.js')).revoke(rest);
    case 'status':
      return (await import('./grant.js')).status(rest);
    case 'init':
      return (await import('./init.js')).runInit(rest);
    case 'uninstall':
      return (await import('./init.js')).runUninstall(rest);
    case 'doctor':
      return (await import('./init.js')).runDoctor();
    case 'pending':
      return (await import('./approve.js')).runPending(rest);
    case 'approve':
      return (await import('./approve.js')).runApprove(rest);
    case 'deny':
      return (await import('./approve.js')).runDeny(rest);
    case 'serve':
      return (await import('./serve.js')).run(rest);
    case 'dashboard':
      return (await import('./dashboard.js')).run(rest);
    case 'backups':
      return (await import('./backups.js')).run(rest);
    case 'log':
      return (await import('./log.js')).runLog(rest);
    case 'verify':
      return (await import('./log.js')).runVerify(rest);
    case 'checkpoint':
      return (await import('./log.js')).runCheckpoint(rest);
    case 'exec':
      return (await import('./exec.js')).runExec(rest);
    case 'shell':
      return (await import('./exec.js')).runShell(rest);
    case 'completion':
      return (await import('./completion.js')).run(rest);
    case '--version':
    case '-V':
      process.stdout.write(`airlock ${(await import('./version.js')).VERSION}\n`);
      return 0;
    case undefined:
    case '--help':
    case '-h':
      process.stdout.write(USAGE + '\n');
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`airlock: unknown command '${command}'\n\n${USAGE}\n`);
      return 2;
  }
}

// A reader that stopped reading (\`airlock log | head -1\`) is not an error: stop quietly, never a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.exitCode = 1;
  });

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Never a stack trace for people; the message says what failed.
    process.stderr.write(`airlock: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
