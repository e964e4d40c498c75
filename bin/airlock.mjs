#!/usr/bin/env node
// The installed entry point: the bundled CLI lives in dist/, built by `npm install` (the `prepare` script).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/airlock.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('airlock: dist/airlock.mjs is missing; run `npm install` (or `npm run build`) in the airlock directory\n');
  process.exit(1);
}
await import(bundle.href);
