// SQL clients that run shell commands on this machine from their own command language: the mysql
// client's `system cmd` and `\! cmd`, psql's `\! cmd` and output piped to a command (`\o |cmd`,
// `\g |cmd`, `\copy … PROGRAM 'cmd'`), sqlite3's `.shell`, `.system` and `.output |cmd`. Each command is
// judged as the shell line it is; the SQL around it is the sql-clients pack's.

import { table } from '../core/table.js';
import type { Arg, Invocation } from '../core/invocation.js';
import { stdinText } from './editors.js';
import type { Derived, UnwrapContext } from './unwrap.js';

type Unwrapper = (inv: Invocation, args: Arg[], ctx: UnwrapContext) => Derived[];

/** Per client: where a shell command starts in its script, the command being group 1 (to the end of its line). */
const SHELL_COMMAND: Readonly<Record<string, RegExp>> = table({
  // `\!` works anywhere on a line; the word `system` only at its start.
  mysql: /\\!([^\n]*)|^[ \t]*system[ \t]+([^\n]*)/gm,
  psql: /\\!([^\n]*)|\\(?:o|out|g|gx|w|write)[ \t]+\|([^\n]*)|\\copy\b[^\n]*?\bprogram[ \t]+'((?:[^'\n]|'')*)'/gim,
  sqlite3: /^[ \t]*\.(?:shell|system)[ \t]+([^\n]*)|^[ \t]*\.(?:output|once)[ \t]+\|([^\n]*)/gm,
});

/** The text the client reads as its script: every word of its command line (its -e/-c values among them) and its stdin when known. */
function clientTexts(inv: Invocation, ctx: UnwrapContext): string[] {
  const stdin = stdinText(inv, ctx, inv.program);
  const texts = inv.argv.slice(1).map((a) => a.text);
  return stdin && 'text' in stdin ? [...texts, stdin.text] : texts;
}

function shellCommands(dialect: string): Unwrapper {
  return (inv, _args, ctx) => {
    const out: Derived[] = [];
    for (const text of clientTexts(inv, ctx))
      for (const m of text.matchAll(SHELL_COMMAND[dialect]!)) {
        const command = (m[1] ?? m[2] ?? m[3] ?? '').replace(/''/g, "'").replace(/;\s*$/, '').trim();
        if (command) out.push({ kind: 'script', text: command, label: `${inv.program} (a shell command its script runs)` });
      }
    return out;
  };
}

export const SQL_CLIENT_UNWRAPPERS: Record<string, Unwrapper> = table({
  mysql: shellCommands('mysql'),
  mariadb: shellCommands('mysql'),
  psql: shellCommands('psql'),
  sqlite3: shellCommands('sqlite3'),
  sqlite: shellCommands('sqlite3'),
});
