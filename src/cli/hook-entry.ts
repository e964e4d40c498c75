// The hook's own entry point, bundled separately (dist/hook.mjs): it runs before every command an agent
// proposes, so it loads only what judging one request needs, and no CLI framework.

import { run } from './hook.js';

// Run as `airlock hook <agent>` through bin/, or as `node dist/hook.cjs <agent>` straight from an agent's settings.
run(process.argv[2] === 'hook' ? process.argv.slice(3) : process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Reaching here means the runner itself failed; exit 2 blocks in every agent that honours it.
    process.stderr.write(`airlock: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
