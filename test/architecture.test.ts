// The shape DESIGN.md promises, checked on the source itself: the pure stages import no I/O (files,
// processes, network, databases, stores), no folder under src/ imports another in a circle, and no
// source module reaches the rule examples (they are for the tests; no bundle may carry them).
// The test also shows that it can fail, by running the same checks on small made-up trees.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';

const root = join(new URL('../..', import.meta.url).pathname, 'src');

/** Folders whose code must decide from its inputs alone. */
const PURE = ['core', 'shell', 'sql', 'rules', 'packs', 'analyze', 'context', 'policy'];
/** What a pure stage may not import: disk, processes, network, databases, and the folders that hold stores. */
const IO_MODULES =
  /^(node:)?(fs|fs\/promises|child_process|net|tls|http|https|http2|dgram|dns|worker_threads|cluster|os|readline)$|^(better-sqlite3|pg|mysql2|mariadb|libpg-query|ioredis|redis)(\/|$)/;
const STORE_FOLDERS = ['audit', 'approvals', 'store', 'runtime', 'facts', 'preflight', 'copies', 'server', 'notify', 'cli', 'agents'];
/** core is the shared vocabulary: it imports nothing outside itself. */
const CORE_MAY_IMPORT = /^node:path$/;

/**
 * Imports that break the rules today, each with the step of the foundations issue that removes it.
 * The list may only shrink: an import found here that no longer exists fails the test too, so the
 * list can't go stale.
 */
const NOT_YET_MOVED: Record<string, string> = {};

export interface Module {
  /** Path under src/, with forward slashes. */
  file: string;
  /** Every module it imports: static, re-exported, type-only and dynamic. */
  imports: string[];
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*'([^']+)'|(?:^|\n)\s*import\s*'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g;

function importsOf(text: string): string[] {
  // Comments may quote code; they are not imports.
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  return [...code.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

function readTree(dir: string): Module[] {
  const out: Module[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) out.push({ file: relative(dir, path).split('\\').join('/'), imports: importsOf(readFileSync(path, 'utf8')) });
    }
  };
  walk(dir);
  return out;
}

/** The top folder a module lives in; files directly under src/ are their own folder (`pipeline.ts` → `pipeline`). */
function folderOf(file: string): string {
  const parts = file.split('/');
  return parts.length > 1 ? parts[0]! : parts[0]!.replace(/\.ts$/, '');
}

/** The file under src/ a relative import names, or null for a package. */
function resolved(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return posix.normalize(posix.join(posix.dirname(from), spec)).replace(/\.js$/, '.ts');
}

/** Rule examples: each pack's `<pack>.examples.ts`, and `packs/examples.ts`, which gathers them for the examples test. */
const isExamples = (file: string) => file.endsWith('.examples.ts') || file === 'packs/examples.ts';

/** Every import that breaks a rule, as `file: reason`. */
export function violations(modules: Module[]): string[] {
  const out: string[] = [];
  for (const m of modules) {
    const folder = folderOf(m.file);
    for (const spec of m.imports) {
      const target = resolved(m.file, spec);
      if (target && isExamples(target) && m.file !== 'packs/examples.ts' && !isExamples(m.file)) out.push(`${m.file}: imports rule examples (${spec}), which only the examples test may`);
      if (folder === 'core') {
        if (target ? folderOf(target) !== 'core' : !CORE_MAY_IMPORT.test(spec)) out.push(`${m.file}: core imports ${spec}`);
        continue;
      }
      if (!PURE.includes(folder)) continue;
      if (!target && IO_MODULES.test(spec)) out.push(`${m.file}: pure stage ${folder}/ imports ${spec}`);
      if (target && STORE_FOLDERS.includes(folderOf(target))) out.push(`${m.file}: pure stage ${folder}/ imports ${folderOf(target)}/ (${spec})`);
    }
  }
  return out;
}

/** Folder-level import cycles, each as `a → b → … → a`. */
export function cycles(modules: Module[]): string[] {
  const edges = new Map<string, Map<string, string>>();
  for (const m of modules) {
    const from = folderOf(m.file);
    for (const spec of m.imports) {
      const target = resolved(m.file, spec);
      if (!target) continue;
      const to = folderOf(target);
      if (to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      // Remember one import that makes the edge, to name it in the message.
      if (!edges.get(from)!.has(to)) edges.get(from)!.set(to, `${m.file} imports ${spec}`);
    }
  }
  // Tarjan's strongly connected components: every component with more than one folder is a cycle.
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[] = [];
  const visit = (v: string) => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) {
        const members = new Set(component);
        const why = component.flatMap((a) => [...(edges.get(a) ?? [])].filter(([b]) => members.has(b)).map(([b, via]) => `${a} → ${b} (${via})`));
        found.push(`${component.sort().join(', ')}: ${why.join('; ')}`);
      }
    }
  };
  for (const v of [...edges.keys()].sort()) if (!order.has(v)) visit(v);
  return found;
}

const source = readTree(root);

test('the pure stages import no I/O, stores or drivers, and core imports nothing', () => {
  const found = violations(source);
  const unexplained = [...new Set(found)].filter((v) => !(v in NOT_YET_MOVED));
  assert.deepEqual(unexplained, [], `imports that break the architecture:\n${unexplained.join('\n')}`);
  const stale = Object.keys(NOT_YET_MOVED).filter((v) => !found.includes(v));
  assert.deepEqual(stale, [], 'entries of NOT_YET_MOVED that no longer happen: remove them');
});

test('no folder under src/ imports another in a circle', () => {
  assert.deepEqual(cycles(source), []);
});

test('the source was read: every stage is there, and imports were found', () => {
  const folders = new Set(source.map((m) => folderOf(m.file)));
  for (const f of PURE) assert.ok(folders.has(f), `src/${f}/ is missing`);
  assert.ok(source.reduce((n, m) => n + m.imports.length, 0) > 300);
});

test('a deliberate violation fails: a pure stage reading the disk, a store in a rule, core importing a stage, a rule reaching its examples', () => {
  const tree: Module[] = [
    { file: 'core/finding.ts', imports: ['./effect.js', '../analyze/walk.js', 'node:path'] },
    { file: 'rules/rule.ts', imports: ['../core/finding.js', 'node:fs', '../audit/sqlite.js'] },
    { file: 'sql/classify.ts', imports: ['libpg-query', 'node:child_process'] },
    { file: 'cli/main.ts', imports: ['node:fs', '../audit/sqlite.js'] },
    { file: 'packs/git.ts', imports: ['./git.examples.js'] },
    { file: 'runtime/judge.ts', imports: ['../packs/examples.js'] },
    { file: 'packs/examples.ts', imports: ['./git.examples.js'] },
    { file: 'packs/prisma.examples.ts', imports: ['./prisma.js'] },
  ];
  assert.deepEqual(violations(tree), [
    'core/finding.ts: core imports ../analyze/walk.js',
    'rules/rule.ts: pure stage rules/ imports node:fs',
    'rules/rule.ts: pure stage rules/ imports audit/ (../audit/sqlite.js)',
    'sql/classify.ts: pure stage sql/ imports libpg-query',
    'sql/classify.ts: pure stage sql/ imports node:child_process',
    'packs/git.ts: imports rule examples (./git.examples.js), which only the examples test may',
    'runtime/judge.ts: imports rule examples (../packs/examples.js), which only the examples test may',
  ]);
});

test('a deliberate cycle fails, named with the imports that make it', () => {
  const tree: Module[] = [
    { file: 'packs/git.ts', imports: ['../rules/rule.js'] },
    { file: 'rules/rule.ts', imports: ['../analyze/walk.js'] },
    { file: 'analyze/walk.ts', imports: ['../packs/index.js', '../core/finding.js'] },
    { file: 'core/finding.ts', imports: [] },
  ];
  const found = cycles(tree);
  assert.equal(found.length, 1);
  assert.match(found[0]!, /^analyze, packs, rules: /);
  assert.match(found[0]!, /analyze → packs \(analyze\/walk\.ts imports \.\.\/packs\/index\.js\)/);
  assert.deepEqual(cycles(tree.filter((m) => m.file !== 'analyze/walk.ts')), []);
});

test('imports are found in every spelling, and not in comments', () => {
  assert.deepEqual(
    importsOf(
      `import { a } from './a.js';\nimport type { B } from '../b.js';\nexport { c } from './c.js';\nexport * from './d.js';\nimport './e.js';\nconst f = await import('./f.js');\n// import { g } from './g.js';\n/* import { h } from './h.js'; */\nimport {\n  i,\n  j,\n} from 'node:fs';`,
    ),
    ['./a.js', '../b.js', './c.js', './d.js', './e.js', './f.js', 'node:fs'],
  );
});
