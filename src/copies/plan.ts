// Which safety copies a held destroy calls for, from what its findings name: the database a SQL client
// connects to, the SQLite file, the Terraform state, the repository's uncommitted work and commits,
// and the untracked files a delete or a clean would take. Pure: the copies are made later (make.ts),
// when a human approves.

import { databaseFromUrl, type CopyPlan } from '../core/copy.js';
import { maskSecrets } from '../core/mask.js';
import type { Finding } from '../core/finding.js';
import type { Arg, Invocation } from '../core/invocation.js';
import { posix } from 'node:path';
import { parseOptions, PSQL_VALUE_OPTIONS } from '../rules/argv.js';
import { terraformCommand } from '../analyze/terraform-command.js';

type Env = Readonly<Record<string, string>>;

/** A word's value: itself, or the variable it is made of (`"$DATABASE_URL"`) when the environment has it. */
function wordValue(arg: Arg | undefined, env: Env): string | undefined {
  if (!arg) return undefined;
  if (arg.static) return arg.text;
  const variable = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(arg.text)?.[1];
  return variable ? env[variable] : undefined;
}

/** A variable as the command would see it: set on the command itself, else in the agent's environment. */
const variable = (inv: Invocation, env: Env, name: string) => (inv.env[name]?.static ? inv.env[name]!.text : env[name]) || undefined;

const defined = <T extends Record<string, string | undefined>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: string };

/**
 * A libpq keyword string (`host=h dbname=app password=…`): its host, port, user and database, never
 * the password. Any other keyword (`options=…`) makes the database no plain name, so no copy is
 * planned from it; only the keywords' names are kept for the message.
 */
function fromConninfo(text: string): { host?: string; port?: string; user?: string; database?: string } | null {
  if (!/^\s*\w+\s*=/.test(text)) return null;
  const pairs = new Map([...text.matchAll(/(\w+)\s*=\s*(?:'((?:[^'\\]|\\.)*)'|(\S*))/g)].map((m) => [m[1]!, m[2] ?? m[3] ?? '']));
  const other = [...pairs.keys()].filter((k) => !['host', 'hostaddr', 'port', 'user', 'dbname', 'password', 'sslmode'].includes(k));
  const database = `${pairs.get('dbname') ?? ''}${other.length ? `?${other.join('&')}` : ''}` || undefined;
  return defined({ host: pairs.get('host') ?? pairs.get('hostaddr'), port: pairs.get('port'), user: pairs.get('user'), database });
}

/** `psql -h H -p P -U U -d DB`, `psql postgresql://…`, `psql DB USER`, PGHOST and friends. */
function postgresPlan(inv: Invocation, env: Env): CopyPlan {
  const parsed = parseOptions(inv.argv.slice(1), { value: PSQL_VALUE_OPTIONS });
  const dbname = parsed.value('-d', '--dbname') ?? wordValue(parsed.positionals[0], env);
  const url = dbname ? (databaseFromUrl(dbname) ?? fromConninfo(dbname)) : null;
  return {
    kind: 'postgres',
    ...defined({
      host: parsed.value('-h', '--host') ?? url?.host ?? variable(inv, env, 'PGHOST'),
      port: parsed.value('-p', '--port') ?? url?.port ?? variable(inv, env, 'PGPORT'),
      user: parsed.value('-U', '--username') ?? url?.user ?? wordValue(parsed.positionals[1], env) ?? variable(inv, env, 'PGUSER'),
      database: (url ? url.database : dbname) ?? variable(inv, env, 'PGDATABASE'),
    }),
  };
}

/** `mysql -h H -P P -u U DB`, `mysql --database=DB`, a mysql:// URL; a password given on the line is left out. */
function mysqlPlan(inv: Invocation, env: Env): CopyPlan {
  const args = inv.argv.slice(1).filter((a) => !/^(-p|--password)/.test(a.text));
  const parsed = parseOptions(args, { value: ['-h', '--host', '-P', '--port', '-u', '--user', '-D', '--database', '-e', '--execute', '-S', '--socket'] });
  const db = parsed.value('-D', '--database') ?? wordValue(parsed.positionals[0], env);
  const url = db ? databaseFromUrl(db) : null;
  return {
    kind: 'mysql',
    ...defined({
      host: parsed.value('-h', '--host') ?? url?.host ?? variable(inv, env, 'MYSQL_HOST'),
      port: parsed.value('-P', '--port') ?? url?.port ?? variable(inv, env, 'MYSQL_TCP_PORT'),
      user: parsed.value('-u', '--user') ?? url?.user ?? variable(inv, env, 'USER'),
      database: url ? url.database : db,
    }),
  };
}

/** `sqlite3 FILE …`: the database file, when there is one (an in-memory database needs no copy). */
function sqlitePlan(inv: Invocation, env: Env): CopyPlan | null {
  const parsed = parseOptions(inv.argv.slice(1), { singleDashWords: true, value: ['-cmd', '-init', '-separator', '-newline', '-nullvalue', '-mmap', '-pagecache', '-lookaside', '-maxsize', '-vfs'] });
  const file = wordValue(parsed.positionals[0], env);
  if (!file || file === ':memory:' || inv.cwd == null) return null;
  return { kind: 'sqlite', file: posix.resolve(inv.cwd, file) };
}

function terraformPlan(inv: Invocation, env: Env): CopyPlan | null {
  if (!terraformCommand(inv) || inv.cwd == null) return null;
  const workspace = variable(inv, env, 'TF_WORKSPACE');
  // The folder the command runs in already has -chdir applied (src/analyze/cwd.ts).
  return { kind: 'terraform', dir: inv.cwd, program: inv.program, ...(workspace ? { workspace } : {}) };
}

/** A path git's clean -n or status gave, without the note the probe added (`x (not tracked here, …)`). */
const bare = (entry: string) => entry.replace(/ \((not tracked here|marked) .*\)$/, '');

/** The SQL and other words the command hands its client, to find what else it names. */
const texts = (inv: Invocation) => inv.argv.map((a) => a.text).join('\n') + (inv.stdin.kind === 'text' ? `\n${inv.stdin.text}` : '');

/** Databases the SQL drops, or (MySQL) reaches by a qualified name: each needs its own copy. */
function otherDatabases(inv: Invocation, mysql: boolean): string[] {
  const text = texts(inv);
  // In MySQL a schema is a database; in PostgreSQL it lives inside the one connected to.
  const dropped = mysql ? /\bDROP\s+(?:DATABASE|SCHEMA)\s+(?:IF\s+EXISTS\s+)?[`"]?([\w$-]+)/gi : /\bDROP\s+DATABASE\s+(?:IF\s+EXISTS\s+)?"?([\w$-]+)/gi;
  const names = [...text.matchAll(dropped)].map((m) => m[1]!);
  if (mysql) names.push(...[...text.matchAll(/\b(?:TABLE|FROM|INTO|UPDATE|JOIN)\s+(?:IF\s+EXISTS\s+)?`?(\w+)`?\.`?\w+/gi)].map((m) => m[1]!));
  return [...new Set(names)];
}

/** SQLite files the SQL attaches: their tables are dropped as easily as the main file's. */
const attached = (inv: Invocation) => [...texts(inv).matchAll(/\bATTACH\s+(?:DATABASE\s+)?'([^']+)'/gi)].map((m) => m[1]!);

/** What one held destroy finding calls for. */
function plansFor(f: Finding, env: Env): CopyPlan[] {
  const inv = f.invocation;
  if (!inv || f.effect !== 'destroy') return [];
  const facts = f.preflight;
  if (facts && 'loses' in facts && facts.loses && inv.cwd != null) {
    if (facts.probe === 'deletion' && f.target) return [{ kind: 'files', dir: inv.cwd, paths: [f.target] }];
    // A schema push's diff names the database it acts on (never its password): a dump of it before the push.
    if ((facts.probe === 'prisma-push' || facts.probe === 'drizzle-push') && 'database' in facts && facts.database) return [facts.database];
    if (facts.probe.startsWith('git-') && 'stashes' in facts) {
      const untracked = facts.untracked.map(bare);
      // The commits and stash entries it would drop are kept by name: the newest of each line reaches the rest.
      const keep = [...facts.commits.map((c) => c.split(' ')[0]!), ...facts.stashes.map((e) => e.split(' ')[0]!)];
      return [{ kind: 'git', dir: inv.cwd, ...(keep.length ? { keep } : {}) }, ...(untracked.length ? [{ kind: 'files' as const, dir: inv.cwd, paths: untracked }] : [])];
    }
  }
  switch (inv.program) {
    case 'psql': {
      const plan = postgresPlan(inv, env);
      return [plan, ...otherDatabases(inv, false).map((database) => ({ ...plan, database }))];
    }
    case 'mysql':
    case 'mariadb': {
      const plan = mysqlPlan(inv, env);
      return [plan, ...otherDatabases(inv, true).map((database) => ({ ...plan, database }))];
    }
    case 'sqlite3': {
      const plan = sqlitePlan(inv, env);
      const extra = inv.cwd == null ? [] : attached(inv).map((file) => ({ kind: 'sqlite' as const, file: posix.resolve(inv.cwd!, file) }));
      return plan ? [plan, ...extra] : extra;
    }
    case 'terraform':
    case 'tofu': {
      const plan = f.pack === 'terraform' ? terraformPlan(inv, env) : null;
      return plan ? [plan] : [];
    }
    default:
      return [];
  }
}

const masked = (plan: CopyPlan): CopyPlan => JSON.parse(JSON.stringify(plan), (_key, value) => (typeof value === 'string' ? maskSecrets(value) : value)) as CopyPlan;

/** The copies a held command's destroy findings call for, each once. */
export function copyPlansFor(findings: readonly Finding[], env: Env): CopyPlan[] {
  const seen = new Set<string>();
  const out: CopyPlan[] = [];
  // What is stored with the request is masked like the command: a secret that got into a name stays out of the log.
  for (const plan of findings.flatMap((f) => plansFor(f, env)).map(masked)) {
    const key = JSON.stringify(plan);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(plan);
  }
  return out;
}

/** A name as the prompt shows it: as it is when plain, quoted (newlines and all escaped) when not. */
const shown = (v: string) => (/^[\w.@:$/-]+$/.test(v) ? v : JSON.stringify(v));

/** The plan in a line, for the approval prompt. */
export function describeCopyPlan(plan: CopyPlan): string {
  switch (plan.kind) {
    case 'postgres':
    case 'mysql': {
      const where = `${plan.user ? `${shown(plan.user)}@` : ''}${shown(plan.host ?? 'localhost')}${plan.port ? `:${shown(plan.port)}` : ''}`;
      return `${plan.kind === 'postgres' ? 'pg_dump -Fc' : 'mysqldump'} of database ${plan.database ? shown(plan.database) : '(the default)'} on ${where}`;
    }
    case 'sqlite':
      return `a copy of the SQLite file ${plan.file}`;
    case 'terraform':
      return `${plan.program} state pull in ${plan.dir}${plan.workspace ? ` (workspace ${plan.workspace})` : ''}`;
    case 'git':
      return `refs under refs/airlock/ in ${plan.dir} for HEAD and the uncommitted changes`;
    case 'files':
      return `an archive of ${plan.paths.length === 1 ? plan.paths[0] : `${plan.paths.length} files`} in ${plan.dir}`;
  }
}
