// Commands whose output is a listing of the files of a whole tree (`find /srv`, `git ls-files`,
// `fd`, `rg --files`, `ls -R`, `ls dir`): what `| xargs rm` then deletes is every file the listing names, read
// as `find … -exec rm {} +` is. Filters between them (`| grep -v keep | sort`) only narrow the list.

import { parseOptions } from '../rules/argv.js';
import { findPatterns, findRoots } from '../rules/find.js';
import { literalWord, type Arg, type FindScope, type Invocation, type Stdin } from '../core/invocation.js';

const HERE = [literalWord('.')];
const rootsOr = (roots: Arg[]): Arg[] => (roots.length ? roots : HERE);

/** Programs that pass on some of the lines they read, in some order: the listing they pass on is still the tree's. */
const FILTERS = new Set(['grep', 'egrep', 'fgrep', 'rg', 'sort', 'uniq', 'head', 'tail', 'tr', 'cat', 'tee', 'sed', 'awk', 'gawk', 'mawk', 'cut', 'rev', 'shuf', 'tac', 'nl']);

/** What `inv` lists, when its output is the files of a whole tree; undefined otherwise. */
function treeListing(inv: Invocation): FindScope | undefined {
  const args = inv.argv.slice(1);
  switch (inv.program) {
    case 'find': {
      // A find that runs, deletes or writes elsewhere prints no listing of its own.
      if (args.some((a) => /^-(exec|execdir|ok|okdir|delete|fprint0?|fprintf|fls)$/.test(a.text))) return undefined;
      const { roots, expression } = findRoots(args);
      return { roots: rootsOr(roots), patterns: findPatterns(args, expression) };
    }
    case 'fd':
    case 'fdfind': {
      const p = parseOptions(args, {
        value: [
          '-e',
          '--extension',
          '-t',
          '--type',
          '-E',
          '--exclude',
          '-d',
          '--max-depth',
          '--min-depth',
          '-j',
          '--threads',
          '-x',
          '--exec',
          '-X',
          '--exec-batch',
          '-S',
          '--size',
          '--changed-within',
          '--changed-before',
          '-o',
          '--owner',
          '--base-directory',
          '--search-path',
          '--max-results',
          '--color',
          '-c',
        ],
      });
      if (p.has('-x', '--exec', '-X', '--exec-batch')) return undefined;
      const [pattern, ...roots] = p.positionals;
      return { roots: rootsOr([...roots, ...p.values('--search-path').map(literalWord)]), patterns: fdPatterns(pattern?.text, p.values('-e', '--extension'), p.has('-g', '--glob')) };
    }
    case 'rg': {
      const p = parseOptions(args, { value: ['-g', '--glob', '--iglob', '-t', '--type', '-T', '--type-not', '--max-depth', '-j', '--threads', '-e', '--regexp', '-f', '--file'] });
      if (!p.has('--files')) return undefined;
      // A `!` glob leaves out what it matches: what is left is not narrowed to a pattern.
      const globs = p.values('-g', '--glob', '--iglob');
      return { roots: rootsOr(p.positionals), patterns: globs.some((g) => g.startsWith('!')) ? [] : globs };
    }
    case 'ls': {
      const p = parseOptions(args, {
        value: ['-I', '--ignore', '-w', '--width', '-T', '--tabsize', '--format', '--sort', '--time', '--color', '--hide', '--quoting-style', '--indicator-style', '--block-size', '--time-style'],
      });
      if (p.has('-R', '--recursive')) return { roots: rootsOr(p.positionals), patterns: [] };
      // `ls -d ~/.c*`, `ls build`: the paths it is given, or what sits in them; for `| xargs rm -rf`, their trees.
      return p.positionals.length ? { roots: p.positionals, patterns: [] } : undefined;
    }
    case 'git': {
      const p = parseOptions(args, { value: ['-C', '-c', '--git-dir', '--work-tree', '--namespace'], stopAtPositional: true });
      const rest = args.slice(p.rest);
      const sub = rest[0]?.text;
      if (sub === 'ls-files') {
        const own = parseOptions(rest.slice(1), { value: ['-x', '--exclude', '-X', '--exclude-from', '--exclude-per-directory', '--with-tree', '--abbrev', '--format'] });
        const pathspecs = own.positionals.filter((a) => a.text !== '--');
        return { roots: rootsOr(pathspecs), patterns: [] };
      }
      if (sub === 'ls-tree' && rest.some((a) => a.text === '-r' || a.text === '--name-only' || a.text === '--name-status')) return { roots: HERE, patterns: [] };
      return undefined;
    }
    case 'locate':
    case 'plocate':
    case 'mlocate': {
      const p = parseOptions(args, { value: ['-d', '--database', '-l', '--limit', '-n'] });
      return { roots: [literalWord('/')], patterns: p.has('-r', '--regexp', '--regex') ? [] : substringGlobs(p.positionals.map((a) => a.text)) };
    }
    default:
      return undefined;
  }
}

/**
 * fd's pattern (a regular expression, or a glob with -g) and extensions, as name globs that match at
 * least what they do: a plain word is found anywhere in a name; anything fancier narrows nothing.
 */
function fdPatterns(pattern: string | undefined, extensions: string[], glob: boolean): string[] {
  if (pattern === undefined) return extensions.map((e) => `*.${e.replace(/^\./, '')}`);
  if (glob) return [pattern];
  return /^[\w-]+$/.test(pattern) ? [`*${pattern}*`] : [];
}

/** locate's patterns: a pattern with a wildcard matches the whole path, a plain one anywhere in it. Any other narrows nothing. */
function substringGlobs(patterns: string[]): string[] {
  const globs = patterns.map((p) => (/[*?[]/.test(p) ? p : /^[\w./-]+$/.test(p) ? `*${p}*` : null));
  return globs.every((g): g is string => g !== null) ? globs : [];
}

/** Filters that rewrite the lines they pass on: the names that come out are no longer the ones the patterns matched. */
const REWRITES = new Set(['sed', 'awk', 'gawk', 'mawk', 'tr', 'cut', 'rev']);

/** The tree listing `inv` passes on, given what it reads: its own, or the one it filters. */
export function listingOutput(inv: Invocation, stdin: Stdin): FindScope | undefined {
  const own = treeListing(inv);
  if (own) return own;
  if (stdin.kind === 'pipe' && stdin.listing && FILTERS.has(inv.program)) return REWRITES.has(inv.program) ? { ...stdin.listing, patterns: [] } : stdin.listing;
  return undefined;
}
