// Which safety copies a held destroy calls for, from what its findings name: the database a SQL client
// connects to, the SQLite file, the Terraform state, the repository's uncommitted work and commits,
// and the untracked files a delete or a clean would take. Pure: the copies are made later (make.ts),
// when a human approves.

import type { CopyPlan } from '../core/copy.js';
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

/** Host, port, user and database from a connection URL, without its password. */
function fromUrl(text: string): { host?: string; port?: string; user?: string; database?: string } | null {
  if (!/^(postgres(ql)?|mysql|mariadb):\/\//.test(text)) return null;
  try {
    const url = new URL(text);
    const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || undefined;
    return {
      ...(url.hostname ? { host: decodeURIComponent(url.hostname) } : {}),
      ...(url.port ? { port: url.port } : {}),
      ...(url.username ? { user: decodeURIComponent(url.username) } : {}),
      ...(database ? { database } : {}),
    };
  } catch {
    return null;
  }
}

const defined = <T extends Record<string, string | undefined>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: string };

/** `psql -h H -p P -U U -d DB`, `psql postgresql://…`, `psql DB USER`, PGHOST and friends. */
function postgresPlan(inv: Invocation, env: Env): CopyPlan {
  const parsed = parseOptions(inv.argv.slice(1), { value: PSQL_VALUE_OPTIONS });
  const dbname = parsed.value('-d', '--dbname') ?? wordValue(parsed.positionals[0], env);
  const url = dbname ? fromUrl(dbname) : null;
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
  const url = db ? fromUrl(db) : null;
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
  const t = terraformCommand(inv);
  if (!t || inv.cwd == null) return null;
  const workspace = variable(inv, env, 'TF_WORKSPACE');
  return { kind: 'terraform', dir: posix.resolve(inv.cwd, t.values('-chdir').at(-1) ?? '.'), program: inv.program, ...(workspace ? { workspace } : {}) };
}

/** A path git's clean -n or status gave, without the note the probe added (`x (not tracked here, …)`). */
const bare = (entry: string) => entry.replace(/ \((not tracked here|marked) .*\)$/, '');

/** What one held destroy finding calls for. */
function plansFor(f: Finding, env: Env): CopyPlan[] {
  const inv = f.invocation;
  if (!inv || f.effect !== 'destroy') return [];
  const facts = f.preflight;
  if (facts && 'loses' in facts && facts.loses && inv.cwd != null) {
    if (facts.probe === 'deletion' && f.target) return [{ kind: 'files', dir: inv.cwd, paths: [f.target] }];
    if (facts.probe.startsWith('git-') && 'untracked' in facts) {
      const untracked = facts.untracked.map(bare);
      return [{ kind: 'git', dir: inv.cwd }, ...(untracked.length ? [{ kind: 'files' as const, dir: inv.cwd, paths: untracked }] : [])];
    }
  }
  switch (inv.program) {
    case 'psql':
      return [postgresPlan(inv, env)];
    case 'mysql':
    case 'mariadb':
      return [mysqlPlan(inv, env)];
    case 'sqlite3': {
      const plan = sqlitePlan(inv, env);
      return plan ? [plan] : [];
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

/** The copies a held command's destroy findings call for, each once. */
export function copyPlansFor(findings: readonly Finding[], env: Env): CopyPlan[] {
  const seen = new Set<string>();
  const out: CopyPlan[] = [];
  for (const plan of findings.flatMap((f) => plansFor(f, env))) {
    const key = JSON.stringify(plan);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(plan);
  }
  return out;
}

/** The plan in a line, for the approval prompt. */
export function describeCopyPlan(plan: CopyPlan): string {
  switch (plan.kind) {
    case 'postgres':
    case 'mysql': {
      const where = `${plan.user ? `${plan.user}@` : ''}${plan.host ?? 'localhost'}${plan.port ? `:${plan.port}` : ''}`;
      return `${plan.kind === 'postgres' ? 'pg_dump -Fc' : 'mysqldump'} of database ${plan.database ?? '(the default)'} on ${where}`;
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
