#!/usr/bin/env node
// The installed entry point: the bundled CLI lives in dist/, built by `npm install` (the `prepare` script).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

// `airlock hook` has its own smaller bundle: it runs before every command an agent proposes.
// (`airlock hook --help` and `--version` are answered by the CLI, as for the other commands.)
const hook = process.argv[2] === 'hook' && !['--help', '-h', '--version', '-V'].includes(process.argv[3] ?? '');
const bundle = new URL(hook ? '../dist/hook.cjs' : '../dist/airlock.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('airlock: dist/ is missing; run `npm install` (or `npm run build`) in the airlock directory\n');
  // Exit 2: for an agent hook this blocks the command rather than letting it through unchecked.
  process.exit(2);
}
// The hook's loader runs the hook only as the main module; imported, it must be asked to (it reads its
// arguments after `hook`). Imported and not asked, it would answer nothing: an agent reads that as allow.
if (hook) createRequire(import.meta.url)(bundle.pathname).run();
else await import(bundle.href);
