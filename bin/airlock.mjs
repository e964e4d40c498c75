#!/usr/bin/env node
// The installed entry point: the bundled CLI lives in dist/, built by `npm install` (the `prepare` script).
import { existsSync } from 'node:fs';

// `airlock hook` has its own smaller bundle: it runs before every command an agent proposes.
const bundle = new URL(process.argv[2] === 'hook' ? '../dist/hook.cjs' : '../dist/airlock.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('airlock: dist/ is missing; run `npm install` (or `npm run build`) in the airlock directory\n');
  // Exit 2: for an agent hook this blocks the command rather than letting it through unchecked.
  process.exit(2);
}
await import(bundle.href);
