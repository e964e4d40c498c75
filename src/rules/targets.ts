// Which targets an invocation has. Each pack says it next to its rules (a TargetSpec): what its
// programs' options name (`psql -h`, `kubectl --context`, `terraform -var-file=`), what its commands
// act on (so DATABASE_URL in .env counts for every database tool, and for no other), and anything
// only it can read (`git push`'s remote and branch). What every command carries is read here for
// all of them: its assignments (`DATABASE_URL=… cmd`), its arguments, and the wrappers it runs behind
// (`ssh db.prod …`, `kubectl exec -n production …`), each wrapper with its own program's options.

import { table } from '../core/table.js';
import type { Scope } from '../core/environment.js';
import type { Finding } from '../core/finding.js';
import type { Invocation } from '../core/invocation.js';
import { maskArgv } from '../core/mask.js';
import type { Target, TargetBody } from '../core/target.js';
import { parseOptions, type ParsedOptions } from './argv.js';
import { classifyPath } from './paths.js';

export interface TargetSpec {
  /**
   * What the pack's commands act on: ambient evidence of these kinds (DATABASE_URL in the environment
   * or .env, the kubeconfig's current context, AWS_PROFILE, the Terraform workspace, the git branch)
   * counts for its findings. A new database pack says `acts: ['database']` and gets all of it.
   */
  acts?: readonly Scope[];
  /**
   * Which ambient evidence counts for one finding, when a pack's findings concern different things: an
   * interpreter's file deletes concern paths, so a DATABASE_URL in .env says nothing about them. Given,
   * it replaces `acts` for that finding.
   */
  actsOn?(finding: Pick<Finding, 'target'>): readonly Scope[];
  /**
   * The URL schemes of the databases the pack's tools speak to (`/^rediss?$/`): an ambient database URL
   * of another scheme (a postgres:// DATABASE_URL in .env, for redis-cli) names another database and
   * does not count. Values with no scheme (a bare host) still do.
   */
  schemes?: RegExp;
  /**
   * Options whose value names a target, and what it names. A name ending in `=` takes its value only
   * attached (`-chdir=infra`), as Terraform's do.
   */
  options?: Readonly<Record<string, (value: string) => TargetBody>>;
  /** Options are single-dash words (`-var-file=x`), as in Terraform. */
  singleDashWords?: boolean;
  /** Arguments that are not options to parse (mysql's attached password, `-pSECRET`). */
  ignore?: RegExp;
  /** Targets only the pack can read from an invocation, given its parsed options. */
  of?(inv: Invocation, parsed: ParsedOptions): Target[];
  /** Targets a finding's own target names (a path inside the project, for the filesystem pack). */
  fromFinding?(target: string): Target[];
}

/** Constructors for what an option's value names. */
export const names = {
  databaseUrl: (url: string): TargetBody => ({ type: 'database', url }),
  host: (host: string): TargetBody => ({ type: 'database', host }),
  databaseName: (name: string): TargetBody => ({ type: 'database', name }),
  /** The application environment that picks the database configuration (`rails -e production`). */
  appEnv: (appEnv: string): TargetBody => ({ type: 'database', appEnv }),
  kubeContext: (context: string): TargetBody => ({ type: 'kube', context }),
  namespace: (namespace: string): TargetBody => ({ type: 'kube', namespace }),
  varFile: (varFile: string): TargetBody => ({ type: 'terraform', varFile }),
  directory: (directory: string): TargetBody => ({ type: 'terraform', directory }),
  profile: (profile: string): TargetBody => ({ type: 'cloud', profile }),
  project: (project: string): TargetBody => ({ type: 'cloud', project }),
  resourceGroup: (resourceGroup: string): TargetBody => ({ type: 'cloud', provider: 'azure', resourceGroup }),
  account: (account: string): TargetBody => ({ type: 'cloud', account }),
  region: (region: string): TargetBody => ({ type: 'cloud', region }),
  cluster: (cluster: string): TargetBody => ({ type: 'cloud', cluster }),
  app: (name: string): TargetBody => ({ type: 'app', name }),
  stage: (stage: string): TargetBody => ({ type: 'app', stage }),
  stack: (stack: string): TargetBody => ({ type: 'app', stack }),
  /** The environment a platform deploys to or runs in (`--environment production`). */
  environment: (environment: string): TargetBody => ({ type: 'app', environment }),
  config: (config: string): TargetBody => ({ type: 'app', config }),
  url: (value: string): TargetBody => ({ type: 'name', kind: 'url', value }),
  /** A user, a database or a cluster by a name the command doesn't type (`-u deploy`, `-d app`). */
  name: (value: string): TargetBody => ({ type: 'name', kind: 'name', value }),
  file: (value: string): TargetBody => ({ type: 'name', kind: 'file', value }),
};

/**
 * Targets for flags that say production by themselves (`vercel --prod`, `netlify deploy --prod`): a
 * TargetSpec's `of` for a platform whose production is a switch, not a name.
 */
export function productionFlags(...flags: string[]): NonNullable<TargetSpec['of']> {
  return (_inv, parsed) => {
    const flag = flags.find((f) => parsed.has(f));
    return flag ? [{ type: 'app', environment: 'production', source: `${flag} flag` }] : [];
  };
}

/**
 * Long options most command-line tools give these names: for a tool no pack knows (the generic pack)
 * and for the policy's own rules.
 */
export const COMMON_OPTIONS: Readonly<Record<string, (value: string) => TargetBody>> = table({
  '--host': names.host,
  '--hostname': names.host,
  '--db-url': names.databaseUrl,
  '--database-url': names.databaseUrl,
  '--dbname': names.databaseName,
  '--url': names.url,
  '--uri': names.url,
  '--context': names.kubeContext,
  '--kube-context': names.kubeContext,
  '--namespace': names.namespace,
  '--profile': names.profile,
  '--project': names.project,
  '--resource-group': names.resourceGroup,
  '--region': names.region,
  '--cluster': names.cluster,
  '--app': names.app,
  '--stage': names.stage,
  '--stack': names.stack,
  '--env': names.environment,
  '--environment': names.environment,
  '--settings': names.appEnv,
  '--config': names.config,
  '--file': names.file,
});

/** Variables that name a database, on the command or in its surroundings. */
export const DATABASE_VARIABLES =
  /^(DATABASE_URL|[A-Z0-9_]*_DATABASE_URL|DATABASE_URL_[A-Z0-9_]+|DIRECT_URL|POSTGRES_(PRISMA_)?URL|POSTGRES_URL_NON_POOLING|PG(HOST|DATABASE)|MYSQL_(HOST|URL|DATABASE)|MONGO(DB)?_(URL|URI)|REDIS_(URL|HOST)|DB_(HOST|URL|NAME)|SUPABASE_DB_URL|TURSO_DATABASE_URL)$/;
/** Variables that pick the application's environment, and with it the database configuration. */
export const APP_ENV_VARIABLES = /^(RAILS_ENV|RACK_ENV|NODE_ENV|APP_ENV|MIX_ENV|FLASK_ENV|DJANGO_SETTINGS_MODULE|ASPNETCORE_ENVIRONMENT|SPRING_PROFILES_ACTIVE|STAGE|ENVIRONMENT|ENV)$/;

/** What a masked secret reads as. */
const SECRET = '***';

/** An assignment (on the command, or as an argument) that names a target. */
function assigned(name: string, value: string): TargetBody | null {
  if (DATABASE_VARIABLES.test(name)) return { type: 'database', url: value };
  if (APP_ENV_VARIABLES.test(name)) return { type: 'database', appEnv: value };
  return null;
}

/** The targets of one invocation and where its finding's pack looks around it. */
export interface FindingTargets {
  targets: Target[];
  /** Which ambient evidence counts for it. */
  scopes: Scope[];
  /** The database URL schemes it speaks, when its pack says (TargetSpec.schemes). */
  schemes?: RegExp;
}

/**
 * Every pack's spec, and each program's (the union of the specs of the packs that know it), asked of
 * the rule set as they are needed: a pack is loaded only when a finding's command names its programs.
 */
export class TargetIndex {
  private readonly byProgram = new Map<string, TargetSpec[]>();

  constructor(
    private readonly specOf: (pack: string) => TargetSpec | undefined,
    private readonly packsOf: (program: string) => readonly string[],
  ) {}

  private specsOf(program: string): TargetSpec[] {
    let specs = this.byProgram.get(program);
    if (!specs) {
      specs = [];
      for (const pack of this.packsOf(program)) {
        const spec = this.specOf(pack);
        if (spec) specs.push(spec);
      }
      this.byProgram.set(program, specs);
    }
    return specs;
  }

  /** What a finding acts on: its invocation's targets (and its wrappers'), and the ambient scopes of its pack. */
  targetsOf(finding: Pick<Finding, 'pack' | 'target' | 'invocation'>): FindingTargets {
    const spec = this.specOf(finding.pack);
    const targets: Target[] = [];
    for (let current = finding.invocation; current; current = current.outer) {
      const specs = this.specsOf(current.program);
      // The finding's own pack knows its invocation even when it looks at every program (the generic pack).
      const own = current === finding.invocation && spec && !specs.includes(spec) ? [spec, ...specs] : specs;
      targets.push(...invocationTargets(current, own, current === finding.invocation ? '' : ` of ${current.program}`));
    }
    if (spec?.fromFinding && finding.target) targets.push(...spec.fromFinding(finding.target));
    return { targets, scopes: [...(spec?.actsOn?.(finding) ?? spec?.acts ?? [])], ...(spec?.schemes ? { schemes: spec.schemes } : {}) };
  }
}

/** The targets named by one invocation itself: its assignments, its options (as its packs read them), its arguments. */
function invocationTargets(inv: Invocation, specs: readonly TargetSpec[], from: string): Target[] {
  const out: Target[] = [];
  const found = (body: TargetBody, source: string) => out.push({ ...body, source } as Target);
  for (const [name, value] of Object.entries(inv.env)) {
    if (!value.static) continue;
    const body = assigned(name, value.text);
    if (body) found(body, `${name}=… on the command${from}`);
    else if (name === 'TF_WORKSPACE') found({ type: 'terraform', workspace: value.text }, `${name}=… on the command${from}`);
    else if (name === 'AWS_PROFILE') found({ type: 'cloud', provider: 'aws', profile: value.text }, `${name}=… on the command${from}`);
    else if (name === 'KUBECONFIG') found({ type: 'name', kind: 'file', value: value.text }, `${name}=… on the command${from}`);
  }
  // What its front end knows (the database behind an MCP server).
  for (const t of inv.targets ?? []) out.push(t);
  // Targets are evidence, shown and stored: they are read from the argv with its secrets masked,
  // and a value that is nothing but a secret (`redis-cli -a SECRET`) names no environment.
  const shown = maskArgv(
    inv.argv.map((a) => a.text),
    inv.source,
  );
  const argv = inv.argv.map((a, i) => (shown[i] === a.text ? a : { ...a, text: shown[i]! }));
  const ignore = specs.map((s) => s.ignore).filter((r): r is RegExp => r !== undefined);
  const args = argv.slice(1).filter((a) => !ignore.some((r) => r.test(a.text)));
  const options = new Map<string, (value: string) => TargetBody>();
  for (const s of specs) for (const [flag, make] of Object.entries(s.options ?? {})) options.set(flag.replace(/=$/, ''), make);
  const value = specs.flatMap((s) => Object.keys(s.options ?? {}).filter((f) => !f.endsWith('=')));
  const parsed = parseOptions(args, { value, singleDashWords: specs.some((s) => s.singleDashWords) });
  for (const [flag, v] of parsed.options) {
    const make = options.get(flag);
    if (make && typeof v === 'string' && v !== SECRET) found(make(v), `${flag} flag${from}`);
  }
  for (const s of specs) for (const t of s.of?.(inv, parsed) ?? []) out.push({ ...t, source: `${t.source}${from}` });
  for (const arg of parsed.positionals) {
    if (!arg.static || arg.text === SECRET) continue;
    found({ type: 'name', kind: /^[a-z][a-z0-9+.-]*:\/\//i.test(arg.text) ? 'url' : 'argument', value: arg.text }, `argument${from}`);
  }
  // Assignments passed as arguments: `rails db:migrate RAILS_ENV=production`.
  for (const arg of argv) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.+)$/.exec(arg.text);
    const body = m ? assigned(m[1]!, m[2]!) : null;
    if (body) found(body, `${m![1]} argument${from}`);
  }
  return out;
}

/**
 * Targets a tool reads from its own variables on the command (`RESTIC_REPOSITORY=s3:… restic forget`,
 * `BORG_REPO=…`, `WALG_S3_PREFIX=…`): a pack's `of` hands over which variables name what.
 */
export function variableTargets(inv: Invocation, variables: Readonly<Record<string, (value: string) => TargetBody>>): Target[] {
  const out: Target[] = [];
  for (const [name, make] of Object.entries(variables)) {
    const value = Object.hasOwn(inv.env, name) ? inv.env[name] : undefined;
    if (value?.static) out.push({ ...make(value.text), source: `${name}=… on the command` } as Target);
  }
  return out;
}

/** A path inside the working directory is the developer's own copy: the filesystem pack's findings say so. */
export function projectPath(target: string): Target[] {
  if (/[\s$`]/.test(target)) return [];
  const info = classifyPath({ text: target, static: true, dynamicStart: false, glob: false, mayMultiply: false });
  return info.kind === 'project' ? [{ type: 'path', path: target, inProject: true, source: 'the path' }] : [];
}

/**
 * Targets named by the options of some of a pack's programs only. A pack whose rules also look at curl
 * (a service's CLI and its HTTP API) declares its CLI's options this way, so that `pc -p proj` counts
 * and curl's own `-p` and `-o` keep their meaning.
 */
export function optionsOf(programs: readonly string[], options: Readonly<Record<string, (value: string) => TargetBody>>): Required<Pick<TargetSpec, 'of'>> {
  return {
    of(inv) {
      if (!programs.includes(inv.program)) return [];
      const parsed = parseOptions(inv.argv.slice(1), { value: Object.keys(options) });
      return parsed.options.flatMap(([flag, value]) =>
        typeof value === 'string' && value !== SECRET && Object.hasOwn(options, flag) ? [{ ...options[flag]!(value), source: `${flag} flag` } as Target] : [],
      );
    },
  };
}
