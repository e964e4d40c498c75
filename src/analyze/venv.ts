// Python virtual environments: `source .venv/bin/activate` only sets PATH and a prompt. The script is
// read like any other when it is on disk; when it is not, it is either one a venv tool makes earlier in
// the same command, or nothing at all (the shell says so and runs nothing).

import type { Invocation } from '../core/invocation.js';
import { parseOptions } from '../rules/argv.js';
import { languageOf } from './interpreters.js';

/** The activate scripts `python -m venv` and virtualenv write, as `<venv>/bin/activate` or `<venv>\Scripts\activate`. */
const ACTIVATE = /^(?:(.*)\/)?(?:bin\/activate(?:\.fish|\.csh)?|Scripts\/activate)$/;

/** The virtualenv folder whose activate script `path` names, or null when it names no activate script. */
export function venvOfActivate(path: string): string | null {
  const m = ACTIVATE.exec(path.replace(/\/{2,}/g, '/'));
  if (!m) return null;
  const dir = (m[1] ?? '').replace(/^(\.\/)+/, '') || '.';
  return dir.split('/').includes('..') ? null : dir;
}

/** The folder a command makes a virtualenv in: `python -m venv D`, `python -m virtualenv D`, `virtualenv D`, `uv venv [D]`. */
export function venvMadeBy(inv: Invocation): string | null {
  const args = inv.argv.slice(1);
  let rest = args;
  if (inv.program === 'uv') {
    if (args[0]?.text !== 'venv') return null;
    const parsed = parseOptions(args.slice(1), { value: ['-p', '--python', '--prompt', '--index-url', '--seed-index', '--relocatable', '--cache-dir', '--directory', '--project'] });
    return parsed.has('--directory', '--project') ? null : (parsed.positionals[0]?.text ?? '.venv');
  }
  if (languageOf(inv.program) === 'python') {
    const m = args.findIndex((a) => a.text === '-m');
    if (m < 0 || !/^(venv|virtualenv)$/.test(args[m + 1]?.text ?? '')) return null;
    rest = args.slice(m + 2);
  } else if (inv.program !== 'virtualenv') return null;
  const parsed = parseOptions(rest, { value: ['--prompt', '-p', '--python', '--upgrade-deps', '--activators', '--creator', '--seeder'] });
  const dir = parsed.positionals[0];
  return dir?.static ? dir.text : null;
}
