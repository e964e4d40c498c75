// Interpreter one-liners and scripts (python, node, ruby, perl, deno, php) that delete files, send
// destructive SQL or HTTP DELETE requests, or call database reset helpers. Shell commands they run
// are unwrapped in analyze/unwrap.ts and judged by the other packs.

import { interpreterCode, stringLiterals, withoutPrintedStrings } from '../analyze/interpreters.js';
import { classifyAt, describePath, type PathInfo } from '../rules/paths.js';
import { rule, type Hit, type RuleContext } from '../rules/rule.js';
import type { Arg, Invocation } from '../core/invocation.js';
import { sqlHits } from '../rules/sql-findings.js';
import { type TargetSpec, names, projectPath } from '../rules/targets.js';

const PROGRAMS = ['python', 'python3', 'python2', 'pypy', 'pypy3', 'node', 'nodejs', 'deno', 'bun', 'tsx', 'ts-node', 'ruby', 'perl', 'php', 'java', 'jshell'];

// Calls without parentheses (perl's `unlink "f"`, ruby's `FileUtils.rm_rf 'dir'`) count when a string or variable follows,
// and perl's `unlink glob "d/*"` and `unlink <d/*>` when a pattern does.
const DELETE_CALL =
  /(?:\b(shutil\.rmtree|os\.(?:remove|unlink|rmdir|removedirs)|rmtree|remove_tree|fs\.(?:rmSync|rm|unlinkSync|unlink|rmdirSync|rmdir|promises\.rm|promises\.unlink)|rimraf(?:\.sync)?|FileUtils\.(?:rm_rf|rm_r|rm|remove_dir|remove_entry(?:_secure)?|deleteDirectory|forceDelete|cleanDirectory)|Files\.delete(?:IfExists)?|File\.delete|Dir\.delete|Deno\.remove(?:Sync)?|unlink|rmdir|rm)|(\.(?:rmSync|rmdirSync|unlinkSync|unlink|rmdir|rm)))(?:\s*\(\s*|\s+(?=['"$]))|(\.delete\(\s*\))|\b(unlink)\s+(?=glob\b|<)/g;
const STRING_START = /^(?:[rfbu]{0,2})(['"`])((?:[^\\\n]|\\.)*?)\1/;
const HTTP_DELETE =
  /\b(?:requests|httpx|session|client|axios|http|Net::HTTP::Delete|got|ky|superagent)\.delete\s*\(|method\s*[:=]\s*['"]DELETE['"]|Net::HTTP::Delete|-X\s*DELETE|\.delete\(\s*f?['"]https?:/i;
const RESET_CALL =
  /\b(?:(?:drop|reset|wipe|purge|truncate|nuke|recreate|flush|clear|destroy)_?(?:all|db|database|databases|schema|tables?|data|everything)|dropDatabase|drop_all|dropAllTables|dropSchema|resetDatabase|truncateAll|delete_all|destroy_all|deleteMany\(\s*\{?\s*\}?\s*\))\s*\(|\bsync\(\s*\{\s*force\s*:\s*true|\binit_?db\s*\(\s*(?:True|true|1|drop\w*\s*=\s*True|force\s*=\s*True|reset\s*=\s*True)/;
/**
 * Search and vector stores' client calls that delete an index, a collection or the documents in one:
 * Algolia (deleteIndex, clearObjects, deleteBy), Elasticsearch (indices.delete, delete_by_query),
 * Meilisearch (delete_index, delete_all_documents), Typesense (collections('x').delete(),
 * documents().delete()), Qdrant and Chroma (delete_collection, client.reset()), Weaviate
 * (schema.delete_class, collections.delete), Pinecone (delete_index, delete(delete_all=True), deleteAll()),
 * Milvus (drop_collection).
 */
const STORE_DELETE =
  /\b(?:deleteIndex|delete_index|clearObjects|clear_objects|deleteBy|delete_by|deleteObjects|delete_objects|clearRules|clear_rules|clearSynonyms|clear_synonyms|deleteByQuery|delete_by_query|deleteAllDocuments|delete_all_documents|deleteDocuments|delete_documents|deleteCollection|delete_collection|dropCollection|drop_collection|deleteClass|delete_class|deleteAll)\s*\(|\bindices\.delete\s*\(|\bschema\.delete_all\s*\(|\bcollections\.delete(?:_all)?\s*\(|\bcollections(?:\(\s*['"][^'"]*['"]\s*\)|\[[^\]]+\])\s*\.delete\s*\(|\bdocuments\(\s*\)\s*\.delete\s*\(|\bdelete_all\s*=\s*True|\bdeleteAll\s*:\s*true/;
/** Chroma's client.reset() empties the server; other clients' reset() (a mock's, an HTTP pool's) is no delete. */
const CHROMA_RESET = /\bchroma/i;
const CLIENT_RESET = /\b\w*client\.reset\s*\(\s*\)/i;
/**
 * A file-deleting function picked at run time or handed on, so what it deletes can't be read from a call:
 * `getattr(os, 're' + 'move')`, `fs['rm' + 'Sync']`, `FileUtils.send(:rm_r, …)`, `map(os.remove, files)`,
 * PHP's `array_map('unlink', …)`.
 */
const DELETE_PICKED =
  /\bgetattr\s*\(\s*(?:os|shutil|pathlib\.Path|Path)\s*,(?!\s*(['"])(?!(?:remove|unlink|rmdir|removedirs|rmtree)\1)\w+\1\s*[,)])|\b(?:fs|fsp|fsPromises|promises|require\s*\(\s*['"](?:node:)?fs(?:\/promises)?['"]\s*\))\s*\[(?!\s*(['"`])(?!(?:rm|rmSync|unlink|unlinkSync|rmdir|rmdirSync)\2)\w+\2\s*\])|\b(?:FileUtils|File|Dir|Pathname)\s*\.\s*(?:send|public_send|__send__|method)\s*\(|\b(?:map|filter|forEach|each|apply)\s*\(\s*(?:os\.(?:remove|unlink|rmdir|removedirs)|shutil\.rmtree|fs\.(?:rmSync|unlinkSync|rmdirSync))\b|\b(?:array_map|array_walk|call_user_func(?:_array)?|usort)\s*\(\s*['"](?:unlink|rmdir)['"]/;
/**
 * A file-deleting function taken under another name: `from shutil import rmtree as r`, `import os.remove as rm`
 * (python), `const {rmSync: r} = require('fs')`, `import {rmSync as r} from 'fs'`. Calls to the new name delete.
 */
const DELETE_RENAMED =
  /\b(?:rmtree|remove|unlink|rmdir|removedirs|rmSync|unlinkSync|rmdirSync|rm)\s+as\s+([A-Za-z_$][\w$]*)|\b(?:rmSync|unlinkSync|rmdirSync|rm|unlink|rmdir)\s*:\s*([A-Za-z_$][\w$]*)/g;
/** Emptying a file through a language's API: truncating it, or writing nothing over it. */
const EMPTYING_CALL =
  /\b(?:truncateSync|truncate|ftruncate)\s*\(?\s*(?=['"`])|\b(?:write_text|write_bytes)\s*\(\s*b?(['"])\1\s*\)|\b(?:writeFileSync|writeFile|file_put_contents|File\.write|IO\.write|File\.WriteAllText)\s*\(\s*(?=['"`][^'"`]*['"`]\s*,\s*(['"`])\2\s*[,)])|\bopen\s*\(\s*(?=['"][^'"]*['"]\s*,\s*['"]w\+?b?['"]\s*\))/g;
/** How far past a call its argument is looked for; keeps the scan linear in the code's length. */
const WINDOW = 4096;
const SQL_START = /^\s*(?:DROP|TRUNCATE|DELETE|UPDATE|ALTER|INSERT|REPLACE|MERGE|WITH|EXPLAIN|DO|CALL|CREATE)\b/i;

/** The code just after a match, as far as its argument is looked for. */
const after = (text: string, m: RegExpMatchArray): string => text.slice(m.index! + m[0].length, m.index! + m[0].length + WINDOW);

/** The pattern of perl's `glob "d/*"`, `glob('d/*')` or `<d/*>` at the start of `text`, where `unlink` takes it, as STRING_START gives a literal. */
function globPattern(text: string): RegExpExecArray | null {
  const call = /^glob\s*\(?\s*/.exec(text);
  if (call) return STRING_START.exec(text.slice(call[0].length));
  // `<…>` holds the pattern itself, with no quotes: given back as if quoted, so its text is the second group.
  return /^(<)([^>\n$]*)>/.exec(text);
}

/** A path written as a string literal in code, as a word (`{…}` and `$…` in it are filled in at run time). */
const codeWord = (text: string): Arg => ({ text, static: !/[{$]/.test(text), dynamicStart: /^[{$]/.test(text), glob: false, mayMultiply: false });

/**
 * What the string literal a call starts with (`rmtree('x')` after `rmtree(`) names, from where `inv` runs;
 * null when the argument is not a literal. `undefined` when it is a regenerable or temporary place, which nothing here counts.
 */
function calledOn(text: string, inv: Invocation, ctx: RuleContext): PathInfo | null | undefined {
  const arg = STRING_START.exec(text);
  if (!arg) return null;
  const info = classifyAt(codeWord(arg[2]!), inv, ctx);
  return info.kind === 'regenerable' || info.kind === 'temporary' ? undefined : info;
}

const interpreterCodeRule = rule({
  id: 'interpreters/destructive-code',
  effect: 'destroy',
  severity: 'high',
  programs: PROGRAMS,
  summary: 'interpreter code deletes data',
  consequence: 'The code deletes files, rows or records as soon as it runs; nothing asks first.',
  alternatives: ['write the code to a file and show it to a human before running it', 'print what it would delete instead of deleting it (a dry run)'],
  match(inv, ctx) {
    const code = interpreterCode(inv, (path) => ctx.readFile(path, inv));
    if (!code || code === 'unreadable') return null;
    const hits: Hit[] = [];
    for (const m of code.code.matchAll(DELETE_CALL)) {
      const arg = m[4] ? globPattern(after(code.code, m)) : STRING_START.exec(after(code.code, m));
      if (!arg) {
        hits.push({ summary: `${code.origin} calls ${m[1] ?? m[2] ?? m[3] ?? m[4]} on a path computed at run time`, target: '(computed at run time)' });
        continue;
      }
      const info = classifyAt(codeWord(arg[2]!), inv, ctx);
      if (info.kind === 'regenerable' || info.kind === 'temporary') continue;
      const forbidden = (info.kind === 'root' || info.kind === 'home') && /rmtree|rm_rf|rm_r|recursive|remove_tree|rimraf|remove/i.test(m[0] + code.code);
      hits.push({
        summary: `${code.origin} calls ${m[1] ?? m[2] ?? m[3] ?? m[4]} on ${describePath(info)}`,
        target: info.path,
        severity: forbidden ? 'critical' : 'high',
        ...(forbidden ? { forbidden: true } : {}),
      });
    }
    // Calls to a deleting function under a name of the code's own choosing delete as the function does.
    const renamed = [...code.code.matchAll(DELETE_RENAMED)].map((m) => m[1] ?? m[2]!).filter((name) => name !== 'rm' && name !== 'unlink');
    for (const name of new Set(renamed)) {
      const call = new RegExp(String.raw`(?<![\w$.])${name.replace(/\$/g, '\\$')}\s*\(\s*`, 'g');
      for (const m of code.code.matchAll(call)) {
        const info = calledOn(after(code.code, m), inv, ctx);
        if (info === undefined) continue;
        hits.push({
          summary: `${code.origin} deletes through ${name}, a file-deleting function under another name, ${info ? `on ${describePath(info)}` : 'on a path computed at run time'}`,
          target: info?.path ?? '(computed at run time)',
        });
      }
    }
    const picked = DELETE_PICKED.exec(code.code);
    if (picked)
      hits.push({
        summary: `${code.origin} picks or hands on a file-deleting function at run time (${picked[0].replace(/\s+/g, ' ').trim()}…), so what it deletes can't be read`,
        target: '(computed at run time)',
      });
    for (const m of code.code.matchAll(EMPTYING_CALL)) {
      // `open(f, 'w')` followed by a write is a rewrite, not an emptying.
      if (/^open/.test(m[0]) && /\.write\s*\(|print\s*\([^)]*file\s*=/.test(code.code)) continue;
      // pathlib's `Path('f').write_text('')` names its file before the call.
      const before = /^write_(?:text|bytes)/.test(m[0]) ? (code.code.slice(Math.max(0, m.index! - 200), m.index!).match(/(['"])[^'"]*\1\s*\)\s*\.\s*$/)?.[0] ?? '') : null;
      const info = calledOn(before ?? after(code.code, m), inv, ctx);
      if (info === undefined) continue;
      hits.push({
        severity: info?.kind === 'project' ? 'medium' : 'high',
        summary: `${code.origin} empties ${info ? describePath(info) : 'a file whose path is computed at run time'}`,
        target: info?.path ?? '(computed at run time)',
      });
    }
    if (HTTP_DELETE.test(code.code))
      hits.push({
        summary: `${code.origin} sends HTTP DELETE requests`,
        consequence: 'Each request deletes a record on the server; in a loop, every record it lists.',
        severity: /\bfor\b|\.map\(|\.forEach\(|\beach\b/.test(code.code) ? 'high' : 'medium',
      });
    const reset = RESET_CALL.exec(code.code);
    if (reset) hits.push({ summary: `${code.origin} calls a database reset helper: ${reset[0].trim()}`, consequence: 'Helpers like this drop and recreate tables; every row in them is lost.' });
    const store = STORE_DELETE.exec(code.code) ?? (CHROMA_RESET.test(code.code) ? CLIENT_RESET.exec(code.code) : null);
    if (store)
      hits.push({
        summary: `${code.origin} calls a search or vector store's delete: ${store[0].replace(/\s*\($/, '')}`,
        consequence: 'The call deletes an index, a collection or the documents in it on the server the client is configured for.',
      });
    // SQL a script prints (`console.log('DROP TABLE users')`) is shown, not run.
    const sql = stringLiterals(withoutPrintedStrings(code.code)).filter((s) => SQL_START.test(s));
    hits.push(
      ...sqlHits(
        sql.map((text) => ({ label: `SQL in ${code.origin}`, text })),
        'generic',
        ctx,
      ),
    );
    // The same call a thousand times is one finding.
    const seen = new Set<string>();
    return hits.filter((h) => !seen.has(h.summary ?? '') && seen.add(h.summary ?? ''));
  },
});

export const pack = [interpreterCodeRule];

/** What its commands act on (src/rules/targets.ts). */
export const targets: TargetSpec = {
  acts: ['database'],
  // Only file deletes carry a target (the path): the project's DATABASE_URL concerns the SQL and reset
  // helpers, not them; a path inside the project is the developer's own copy, as it is for rm.
  actsOn: (finding) => (finding.target === undefined ? ['database'] : []),
  fromFinding: projectPath,
  // Code handed to the interpreter is read for names too (`python -c "…prod…"`).
  options: { '-c': names.name, '-e': names.name },
};
