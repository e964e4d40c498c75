// Builds, with esbuild:
//  - dist/hook.cjs: the agent hook alone, the hot path, as small and quick to load as it can be: a
//    loader (scripts/hook-loader.cjs) that runs the bundle, dist/hook-code.cjs, with the V8 code
//    cache made here by running it once (dist/hook-code.cache), and the rule packs it loads as
//    commands name their programs, a file each in dist/packs/ (scripts/hook-packs.mjs);
//  - dist/rule-examples.json: each rule's own examples (what it catches, what it lets pass), for
//    `airlock explain`, made from the compiled examples modules: data, never code in a bundle;
//  - dist/notify.cjs: the deliverer of webhooks and git notes that a held command starts, detached;
//  - dist/prisma-diff.cjs and prisma-schema-engine.wasm: the Prisma probe's child, Prisma's schema engine;
//  - dist/airlock.mjs: the rest of the CLI as one bundled file. libpg-query stays external: it is
//    loaded lazily, only when a command carries SQL, and it finds its WASM relative to its own module.
//  - build/: every source, test and bench file transpiled one-to-one, for node's test runner, and
//    build/lazy/, the hook's core judging examples for test/packs/lazy-packs.test.ts.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { splitPacks } from './hook-packs.mjs';

const root = new URL('..', import.meta.url).pathname;
const list = (dir) =>
  readdirSync(join(root, dir)).flatMap((name) => {
    // test/e2e/agents has the agent programs' own node_modules.
    if (name === 'node_modules') return [];
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? list(path) : path.endsWith('.ts') ? [path] : [];
  });

// ESM bundles of CommonJS code need these (see DEVELOPERS facts about esbuild).
const banner = {
  js: [
    "import { createRequire as __airlockCreateRequire } from 'node:module';",
    "import { fileURLToPath as __airlockFileURLToPath } from 'node:url';",
    'const require = __airlockCreateRequire(import.meta.url);',
    'const __filename = __airlockFileURLToPath(import.meta.url);',
    "const __dirname = __airlockFileURLToPath(new URL('.', import.meta.url));",
  ].join('\n'),
};

rmSync(join(root, 'build'), { recursive: true, force: true });
const [cli] = await Promise.all([
  build({
    absWorkingDir: root,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/airlock.mjs',
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['libpg-query', 'better-sqlite3'],
    banner,
    metafile: true,
    logLevel: 'warning',
    // sql/classify.ts calls require() when it exists; the banner above defines it for this bundle.
    logOverride: { 'unsupported-require-call': 'silent' },
  }),
  build({
    absWorkingDir: root,
    entryPoints: [...list('src'), ...list('test'), ...list('bench')],
    outdir: 'build',
    outbase: '.',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
    // As for the CLI bundle: the require() in sql/classify.ts only runs where require exists.
    logOverride: { 'unsupported-require-call': 'silent' },
  }),
]);

// The hook's packs, each in dist/packs/ and loaded as commands name its programs (scripts/hook-packs.mjs).
rmSync(join(root, 'dist/packs'), { recursive: true, force: true });
const packs = await splitPacks(root, join(root, 'dist/packs'));

/** The hook's core as it is bundled, for the hook and for the tests that judge examples through it. */
const hookCore = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  // CommonJS on purpose: Node loads a CommonJS file ~20 ms faster than the same code as an ES module.
  format: 'cjs',
  target: 'node20',
  // Loaded from node_modules only when needed: SQL present, a policy file present, a command held.
  external: ['libpg-query', 'yaml', 'valibot', 'better-sqlite3'],
  // The createRequire(import.meta.url) fallbacks are never reached here: CommonJS has require.
  logOverride: { 'empty-import-meta': 'silent' },
  logLevel: 'warning',
  // The packs load as commands name their programs.
  plugins: [packs.plugin],
};

const hook = await build({ ...hookCore, entryPoints: ['src/cli/hook-entry.ts'], outfile: 'dist/hook-code.cjs', write: false, minify: true, metafile: true });

// The deliverer a held command starts (src/notify/main.ts): beside the hook, with the same lazy packages,
// and the same packs loaded as needed (it reads policies, which check rule ids from the packs' facts).
const notify = await build({ ...hookCore, entryPoints: ['src/notify/main.ts'], outfile: 'dist/notify.cjs', minify: true, metafile: true });

// The Prisma probe's child (src/preflight/prisma-diff.ts): Prisma's schema engine glue, its PostgreSQL
// and better-sqlite3 driver adapters and pg in one file, with the engine's WebAssembly copied beside it from the same
// package, so the probe runs from dist/ or the installed runtime without node_modules.
await build({
  absWorkingDir: root,
  entryPoints: ['src/preflight/prisma-diff.ts'],
  outfile: 'dist/prisma-diff.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  // pg loads these only when asked for (native bindings, Cloudflare sockets); neither is used here.
  // better-sqlite3 is native: the one beside the bundle (airlock's own, in the installed runtime too).
  external: ['pg-native', 'cloudflare:sockets', 'better-sqlite3'],
  logOverride: { 'empty-import-meta': 'silent' },
  logLevel: 'warning',
});
copyFileSync(join(root, 'node_modules/@prisma/schema-engine-wasm/schema_engine_bg.wasm'), join(root, 'dist/prisma-schema-engine.wasm'));

// The same core with test/packs/lazy-entry.ts in front, for test/packs/lazy-packs.test.ts to judge
// every example with, and the packs beside it, as the hook has them.
await build({ ...hookCore, entryPoints: ['test/packs/lazy-entry.ts'], outfile: 'build/lazy/analyze.cjs' });
cpSync(join(root, 'dist/packs'), join(root, 'build/lazy/packs'), { recursive: true });

// The rule examples as data, for `airlock explain` to show: read from the compiled tree, never bundled.
{
  const { examplesByPack } = await import(join(root, 'build/src/packs/examples.js'));
  const show = (e) => (typeof e === 'string' ? e : JSON.stringify(e));
  const byRule = {};
  for (const examples of Object.values(examplesByPack)) for (const [id, { catches, passes }] of Object.entries(examples)) byRule[id] = { catches: catches.map(show), passes: passes.map(show) };
  writeFileSync(join(root, 'dist/rule-examples.json'), JSON.stringify(byRule));
}

// Rule examples (src/packs/*.examples.ts) are evidence for the tests, not behaviour: only the examples
// test imports them, and the hook would parse them before every agent command. An import that pulls one
// into a bundle fails the build here, naming the module.
for (const [name, bundle] of [
  ['dist/hook-code.cjs', hook],
  ['dist/airlock.mjs', cli],
  ['dist/notify.cjs', notify],
]) {
  const examples = Object.keys(bundle.metafile.inputs).filter((input) => input.endsWith('.examples.ts') || input === 'src/packs/examples.ts');
  if (examples.length) throw new Error(`${name} holds rule examples, which only test/rules/examples.test.ts may import: ${examples.join(', ')}`);
}

/**
 * The hook: its bundle, stamped on its first line with the hash of the rest (the loader uses a code
 * cache only for the build it names), the loader as dist/hook.cjs, and the code cache, made by running
 * the hook once on an ordinary command, in a home of its own, with the node that builds.
 */
const code = hook.outputFiles[0].text;
const stamp = `/*airlock-build:${createHash('sha256').update(code).digest('hex')}*/`;
rmSync(join(root, 'dist/hook-code.cache'), { force: true });
writeFileSync(join(root, 'dist/hook-code.cjs'), `${stamp}\n${code}`);
copyFileSync(join(root, 'scripts/hook-loader.cjs'), join(root, 'dist/hook.cjs'));
const home = mkdtempSync(join(tmpdir(), 'airlock-code-cache-'));
try {
  const loader = JSON.stringify(join(root, 'dist/hook.cjs'));
  const payload = { session_id: 'build', cwd: home, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'git status && ls -la src && cat package.json | grep -c name' } };
  const made = spawnSync(process.execPath, ['-e', `process.argv = [process.execPath, ${loader}, 'claude-code']; require(${loader}).run(true);`], {
    input: JSON.stringify(payload),
    cwd: home,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home },
    encoding: 'utf8',
  });
  // Without a cache the hook still runs, only slower: say so, don't fail the build.
  if (made.status !== 0) console.warn(`build: no code cache for the hook (exit ${made.status}): ${made.stderr}`);
} finally {
  rmSync(home, { recursive: true, force: true });
}
