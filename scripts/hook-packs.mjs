// The hook's rule packs, each in a file of its own that the hook loads when a command names one of the
// pack's programs. Reading and deserializing every pack before every command an agent runs was most of
// what the hook added to it, and a command needs a few packs. (`git status && ls` needs git's.)
//
// - The hook's bundle (dist/hook-code.cjs) holds the core: every module but the packs, and the packs
//   whose rules look at every program. src/packs/index.ts is replaced there by a module that exports
//   the same functions over a PackSource (src/rules/rule.ts) that loads the other packs as needed.
// - Each other pack is bundled alone into dist/packs/<pack>.cjs. What it imports from the core (rules,
//   analysis helpers) is not bundled again: it is the core's own module, handed over through a table
//   the core sets up before it loads a pack, so a pack shares the core's state (the HTTP services each
//   pack registers, the memos) exactly as it does in one bundle.
// - Which programs each pack names is read from the packs themselves, in the one-to-one build, so it
//   can't fall out of date; test/packs/lazy-packs.test.ts runs the corpus and every rule example
//   through a bundle made this way and through the packs in one piece, and compares what they find.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The global the core hands its modules to packs through. */
const TABLE = '__airlockHookModules';

/** What the one-to-one build (build/) says about the packs: their order, programs, files and targets. */
async function packFacts(root) {
  const index = await import(join(root, 'build/src/packs/index.js'));
  const { loadedPacks } = await import(join(root, 'build/src/rules/rule.js'));
  const source = loadedPacks(index.packs, index.packTargets);
  const files = readdirSync(join(root, 'build/src/packs')).filter((f) => f.endsWith('.js') && !f.endsWith('.examples.js') && f !== 'index.js' && f !== 'examples.js');
  const modules = await Promise.all(files.map(async (f) => ({ file: f.replace(/\.js$/, ''), module: await import(join(root, 'build/src/packs', f)) })));
  const packs = source.order.map((pack) => {
    // The generic pack is made in src/packs/index.ts from every other pack's programs.
    if (pack === 'generic') return { pack, file: null, every: true, targets: true };
    const found = modules.filter((m) => m.module.pack === index.packs[pack]);
    if (found.length !== 1) throw new Error(`build: pack ${pack} is in src/packs/index.ts, but ${found.length} modules of src/packs export its rules`);
    const { file, module } = found[0];
    const targets = index.packTargets[pack];
    if (targets !== undefined && targets !== module.targets) throw new Error(`build: the targets src/packs/index.ts gives pack ${pack} are not src/packs/${file}.ts's own`);
    return { pack, file, every: source.programs[pack].every, targets: targets !== undefined };
  });
  return { order: source.order, programs: source.programs, packs };
}

/** A module of the core as a pack reaches it: the core's own, from the table. */
const fromCore = (key) => `module.exports = globalThis.${TABLE}[${JSON.stringify(key)}];`;

/**
 * Bundles each pack that loads as needed into `outdir/<file>.cjs`, each ending with the build's id (a
 * hash of them all) for the core to check before it uses one. Returns that id and the core modules
 * they import, by their path from the root, for the core to put in its table.
 */
async function buildPackFiles(root, facts, outdir) {
  const lazy = facts.packs.filter((p) => !p.every);
  const imported = new Set();
  const result = await build({
    write: false,
    absWorkingDir: root,
    entryPoints: lazy.map((p) => ({ in: `src/packs/${p.file}.ts`, out: p.file })),
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    plugins: [
      {
        name: 'core-modules',
        setup(b) {
          // Every import a pack makes of another source file is the core's module (packs import no
          // other pack; the build fails if one does, since it would then be loaded twice).
          b.onResolve({ filter: /^\.\.?\// }, (args) => {
            if (args.kind === 'entry-point') return undefined;
            const target = relative(root, join(args.resolveDir, args.path)).replace(/\.js$/, '.ts');
            if (target.startsWith('src/packs/')) throw new Error(`build: ${relative(root, args.importer)} imports ${target}, another pack; packs that load as needed can't`);
            imported.add(target);
            return { path: target, namespace: 'core' };
          });
          b.onLoad({ filter: /.*/, namespace: 'core' }, (args) => ({ contents: fromCore(args.path), loader: 'js' }));
        },
      },
    ],
  });
  const outputs = [...result.outputFiles].sort((a, b) => a.path.localeCompare(b.path));
  const hash = createHash('sha256');
  for (const file of outputs) hash.update(file.path.slice(outdir.length)).update(file.contents);
  const id = hash.digest('hex').slice(0, 32);
  mkdirSync(outdir, { recursive: true });
  for (const file of outputs) writeFileSync(file.path, `${file.text}module.exports.airlockBuild = ${JSON.stringify(id)};\n`);
  return { id, coreModules: [...imported].sort() };
}

/**
 * The module that stands for src/packs/index.ts in a bundle whose packs load as needed: the packs kept
 * in the bundle, the core's modules for the pack files, and what src/runtime/packs-as-needed.ts needs to know.
 */
function registry(facts, { id, coreModules }) {
  const inBundle = facts.packs.filter((p) => p.every && p.file);
  const files = facts.packs.filter((p) => !p.every);
  const rel = (path) => `../${path.replace(/^src\//, '').replace(/\.ts$/, '.js')}`;
  return [
    "import { packsAsNeeded } from '../runtime/packs-as-needed.js';",
    "import { genericDestroy, targets as genericTargets } from './generic.js';",
    ...inBundle.map((p, i) => `import * as inBundle${i} from './${p.file}.js';`),
    ...coreModules.map((path, i) => `import * as shared${i} from '${rel(path)}';`),
    // Set up before any pack file is loaded: what each one imports from the core.
    `(globalThis as Record<string, unknown>).${TABLE} = { ${coreModules.map((path, i) => `${JSON.stringify(path)}: shared${i}`).join(', ')} };`,
    'const asNeeded = packsAsNeeded({',
    `  order: ${JSON.stringify(facts.order)},`,
    `  programs: ${JSON.stringify(facts.programs)},`,
    '  inBundle: {',
    ...inBundle.map((p, i) => `    ${JSON.stringify(p.pack)}: () => ({ rules: inBundle${i}.pack${p.targets ? `, targets: inBundle${i}.targets` : ''} }),`),
    '    generic: (known) => ({ rules: [genericDestroy(known)], targets: genericTargets }),',
    '  },',
    `  files: ${JSON.stringify(Object.fromEntries(files.map((p) => [p.pack, { file: p.file, targets: p.targets }])))},`,
    `  build: ${JSON.stringify(id)},`,
    '  dir: __dirname,',
    '  require,',
    '});',
    'export const defaultRuleSet = asNeeded.defaultRuleSet;',
    'export const ruleSetWith = asNeeded.ruleSetWith;',
    '',
  ].join('\n');
}

/**
 * Builds the pack files into `packsDir` and returns the esbuild plugin that gives a core bundle the
 * registry that loads them (from `packs/` beside that bundle).
 */
export async function splitPacks(root, packsDir) {
  const facts = await packFacts(root);
  const built = await buildPackFiles(root, facts, packsDir);
  const contents = registry(facts, built);
  return {
    plugin: {
      name: 'packs-as-needed',
      setup(b) {
        b.onLoad({ filter: /[\\/]src[\\/]packs[\\/]index\.ts$/ }, () => ({ contents, loader: 'ts', resolveDir: join(root, 'src/packs') }));
      },
    },
  };
}
