// The hook's rule packs, loaded as commands name their programs (it reads the pack files, so it is here
// and not in the pure packs/). scripts/hook-packs.mjs puts each pack whose rules look only at programs
// it names into a file of its own (dist/packs/<pack>.cjs), and in the hook's bundle replaces
// src/packs/index.ts with a module that calls packsAsNeeded() with what the build found: the packs'
// order and programs, the packs kept in the bundle, and where the others are.
//
// A pack file is run as Node runs a CommonJS file, without a code cache: one made at build time, of the
// pack's top level or of all its rules, measured no faster than compiling the little a command needs.

import { readFileSync } from 'node:fs';
import { Script } from 'node:vm';
import { packPrograms, RuleSet, type PackSource, type Rule } from '../rules/rule.js';
import type { TargetSpec } from '../rules/targets.js';

/** A pack as a module exports it. */
export interface PackModule {
  pack: readonly Rule[];
  targets?: TargetSpec;
}

export interface AsNeeded {
  /** Every pack, in the order their rules run, and the programs each names. */
  order: readonly string[];
  programs: PackSource['programs'];
  /** The packs in the bundle itself (those that look at every program), and the generic pack, made from all the others' programs. */
  inBundle: Readonly<Record<string, (programs: ReadonlySet<string>) => { rules: readonly Rule[]; targets?: TargetSpec }>>;
  /** The others: each one's file name in `dir`/packs, and whether the built-in index gives its targets. */
  files: Readonly<Record<string, { file: string; targets: boolean }>>;
  /** The build's id, which each pack file must carry. */
  build: string;
  /** The folder the bundle is in, and its require (for what a pack file requires itself: node's built-ins). */
  dir: string;
  require: NodeJS.Require;
}

/**
 * The pack files run so far, by path: each runs once per process, whichever rule set asks for it (a
 * policy with rules of its own has a set of its own), so both hold the same rules, as in one bundle.
 */
const loadedFiles = new Map<string, PackModule>();

export function packsAsNeeded(config: AsNeeded): { defaultRuleSet(): RuleSet; ruleSetWith(pack: string, rules: readonly Rule[], targets: TargetSpec): RuleSet } {
  const known = new Set(config.order.flatMap((p) => config.programs[p]?.named ?? []));
  const load = (pack: string): { rules: readonly Rule[]; targets?: TargetSpec } => {
    const own = config.inBundle[pack];
    if (own) return own(known);
    const entry = config.files[pack];
    if (!entry) throw new Error(`no rule pack named ${pack}`);
    const m = packFile(`${config.dir}/packs/${entry.file}.cjs`, config);
    return { rules: m.pack, ...(entry.targets && m.targets ? { targets: m.targets } : {}) };
  };
  const source: PackSource = { order: config.order, programs: config.programs, load };
  let cached: RuleSet | null = null;
  return {
    defaultRuleSet() {
      cached ??= new RuleSet(source);
      return cached;
    },
    ruleSetWith(pack, rules, targets) {
      return new RuleSet({ order: [...config.order, pack], programs: { ...config.programs, [pack]: packPrograms(rules) }, load: (p) => (p === pack ? { rules, targets } : load(p)) });
    },
  };
}

/** Runs a pack file, refusing one that is missing, broken, or from another build: the command is then held, saying why. */
function packFile(path: string, { build, require }: AsNeeded): PackModule {
  const known = loadedFiles.get(path);
  if (known) return known;
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`its rule pack ${path} ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : "can't be read"}; run airlock init again`);
  }
  const module = { exports: {} as PackModule & { airlockBuild?: string } };
  try {
    const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: path });
    (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, require, module, path, path.slice(0, path.lastIndexOf('/')));
  } catch (error) {
    throw new Error(`its rule pack ${path} can't be loaded (${String((error as Error)?.message).split('\n')[0]}); run airlock init again`);
  }
  if (module.exports.airlockBuild !== build || !Array.isArray(module.exports.pack)) throw new Error(`its rule pack ${path} is not from the build that loads it; run airlock init again`);
  loadedFiles.set(path, module.exports);
  return module.exports;
}

/** The pack files loaded so far. */
export function loadedPackFiles(): string[] {
  return [...loadedFiles.keys()];
}
