// The policy: YAML files in three layers, validated, merged so that lower layers can only tighten.
//   organisation  /etc/airlock/policy.yaml             lower layers can't weaken it
//   user          $XDG_CONFIG_HOME/airlock/policy.yaml
//   project       .airlock/policy.yaml                 only stricter, unless the user file allows relaxing
// An invalid file is never "allow everything": it is reported with its file, line and key, and while it
// is broken every command that is not read-only is held.

import type * as V from 'valibot';
import type * as Yaml from 'yaml';
import type { Effect } from '../core/effect.js';
import type { Environment } from '../core/environment.js';
import type { Verdict } from '../core/decision.js';
import type { McpServer } from '../core/request.js';
import { nearestWords } from '../core/spelling.js';

export type Layer = 'organisation' | 'user' | 'project';

/** `enforce` holds what the matrix says; `warn` (trial mode) lets it run and records what would have been held. */
const MODES = ['enforce', 'warn'] as const;
export type Mode = (typeof MODES)[number];

/** How a webhook's message is shaped: Slack Block Kit, signed generic JSON, a Discord embed, an ntfy push. */
export const WEBHOOK_FORMATS = ['slack', 'json', 'discord', 'ntfy'] as const;
/** What a webhook may be told about: a command held, its request approved, denied or expired, and an approved command run. */
export const NOTICE_KINDS = ['held', 'approved', 'denied', 'expired', 'ran'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface Webhook {
  name: string;
  format: (typeof WEBHOOK_FORMATS)[number];
  url: string;
  /** The generic format's HMAC-SHA256 key (a message without one is sent unsigned). */
  secret?: string;
  events: NoticeKind[];
  from: string;
}
export const ENVIRONMENTS: Environment[] = ['production', 'staging', 'development', 'local', 'unknown'];
export const EFFECTS: Effect[] = ['read', 'write', 'destroy', 'unknown'];
const VERDICT_ORDER: Verdict[] = ['allow', 'confirm', 'approve', 'deny'];

// yaml and valibot cost ~10 ms to load; the hook runs before every command, and most machines have no
// policy file, so both are loaded only when a policy file is actually there.
let v: typeof V;
let yaml: typeof Yaml;
let schemas: ReturnType<typeof buildSchemas> | undefined;

export async function loadPolicyParsers(): Promise<void> {
  if (schemas) return;
  // From the CommonJS hook bundle, require() skips starting Node's ES module loader.
  [v, yaml] = typeof require === 'function' ? [require('valibot') as typeof V, require('yaml') as typeof Yaml] : await Promise.all([import('valibot'), import('yaml')]);
  schemas = buildSchemas();
}

function buildSchemas() {
  const patterns = v.optional(v.array(v.pipe(v.string(), v.minLength(1))));
  const EnvironmentPatterns = v.strictObject({
    hosts: patterns,
    urls: patterns,
    kube_contexts: patterns,
    aws_profiles: patterns,
    workspaces: patterns,
    branches: patterns,
    paths: patterns,
    names: patterns,
  });
  const VerdictSchema = v.picklist(VERDICT_ORDER);
  const Row = v.strictObject({ read: v.optional(VerdictSchema), write: v.optional(VerdictSchema), destroy: v.optional(VerdictSchema), unknown: v.optional(VerdictSchema) });
  const Duration = v.pipe(v.string(), v.regex(/^\d+(ms|s|m|h|d)$/, 'expected a duration like 90s, 10m or 2h'));
  const McpServer = v.strictObject({
    kind: v.optional(v.picklist(['database', 'kube', 'shell', 'filesystem', 'other'])),
    dialect: v.optional(v.picklist(['postgres', 'mysql', 'sqlite'])),
    environment: v.optional(v.picklist(['production', 'staging', 'development', 'local'])),
  });

  const PolicySchema = v.strictObject({
    version: v.optional(v.literal(1)),
    environments: v.optional(
      v.strictObject({ production: v.optional(EnvironmentPatterns), staging: v.optional(EnvironmentPatterns), development: v.optional(EnvironmentPatterns), local: v.optional(EnvironmentPatterns) }),
    ),
    matrix: v.optional(v.strictObject({ production: v.optional(Row), staging: v.optional(Row), development: v.optional(Row), local: v.optional(Row), unknown: v.optional(Row) })),
    rules: v.optional(v.strictObject({ allow: patterns, hold: patterns })),
    custom_rules: v.optional(
      v.array(
        v.strictObject({
          id: v.pipe(v.string(), v.regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'expected an id like team/reset-script')),
          match: v.pipe(v.string(), v.minLength(1)),
          effect: v.picklist(['write', 'destroy', 'unknown']),
          summary: v.pipe(v.string(), v.minLength(1)),
          consequence: v.pipe(v.string(), v.minLength(1)),
          alternatives: v.optional(v.array(v.string())),
        }),
      ),
    ),
    protect: v.optional(v.strictObject({ paths: patterns, branches: patterns })),
    approvals: v.optional(v.strictObject({ timeout: v.optional(Duration), wait: v.optional(Duration) })),
    on_error: v.optional(v.picklist(['hold', 'allow-read-only'])),
    grants: v.optional(v.strictObject({ destroy_still_needs_approval: v.optional(v.boolean()) })),
    safety_copies: v.optional(
      v.strictObject({
        enabled: v.optional(v.boolean()),
        max_mb: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
        keep_days: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
      }),
    ),
    preflight: v.optional(
      v.strictObject({
        databases: v.optional(v.boolean()),
        stateful_types: v.optional(v.array(v.pipe(v.string(), v.regex(/^[a-z0-9_]+$/, 'expected a Terraform resource type like aws_db_instance')))),
      }),
    ),
    notify: v.optional(
      v.strictObject({
        webhooks: v.optional(
          v.array(
            v.strictObject({
              name: v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'expected a short name like team-slack')),
              format: v.picklist(WEBHOOK_FORMATS),
              url: v.pipe(v.string(), v.regex(/^https?:\/\/[^\s]+$/, 'expected an http:// or https:// address')),
              secret: v.optional(v.pipe(v.string(), v.minLength(16, 'a signing secret needs at least 16 characters'))),
              events: v.optional(v.array(v.picklist(NOTICE_KINDS))),
            }),
          ),
        ),
        git_notes: v.optional(v.boolean()),
        dashboard_url: v.optional(v.pipe(v.string(), v.regex(/^https?:\/\/[^\s]+$/, 'expected an http:// or https:// address'))),
      }),
    ),
    dashboard: v.optional(v.strictObject({ port: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535))) })),
    // Trial mode: `warn` lets what would be held run, and records it; for all environments, or per environment.
    mode: v.optional(
      v.union([
        v.picklist(MODES),
        v.strictObject({
          production: v.optional(v.picklist(MODES)),
          staging: v.optional(v.picklist(MODES)),
          development: v.optional(v.picklist(MODES)),
          local: v.optional(v.picklist(MODES)),
          unknown: v.optional(v.picklist(MODES)),
        }),
      ]),
    ),
    // Escape hatches for one project, kept in the user's file (`airlock allow RULE --project DIR`): a
    // project's own file can't grant itself these.
    projects: v.optional(v.record(v.pipe(v.string(), v.regex(/^\//, 'expected an absolute folder path')), v.strictObject({ allow: v.optional(patterns) }))),
    project_may_relax: v.optional(v.boolean()),
    strictness: v.optional(v.picklist(['standard', 'strict'])),
    mcp_servers: v.optional(v.record(v.pipe(v.string(), v.minLength(1)), McpServer)),
    tests: v.optional(
      v.array(
        v.strictObject({
          command: v.pipe(v.string(), v.minLength(1)),
          expect: VerdictSchema,
          cwd: v.optional(v.string()),
          env: v.optional(v.record(v.string(), v.string())),
        }),
      ),
    ),
  });
  return { PolicySchema, EnvironmentPatterns };
}

type Schemas = ReturnType<typeof buildSchemas>;
export type PolicyFile = V.InferOutput<Schemas['PolicySchema']>;

export interface PolicyError {
  file: string;
  line: number | null;
  key: string | null;
  message: string;
}

export function formatPolicyError(e: PolicyError): string {
  return `${e.file}${e.line !== null ? `:${e.line}` : ''}: ${e.key ? `${e.key}: ` : ''}${e.message}`;
}

export interface LoadedLayer {
  layer: Layer;
  file: string;
  policy: PolicyFile;
}

interface Declaration {
  environment: Exclude<Environment, 'unknown'>;
  /** Which names it is about: an `environments` list, or an MCP server named in `mcp_servers`. */
  kind: keyof V.InferOutput<Schemas['EnvironmentPatterns']> | 'mcp_servers';
  pattern: string;
  from: string;
  layer: Layer;
}

interface CustomRule {
  id: string;
  match: string;
  effect: 'write' | 'destroy' | 'unknown';
  summary: string;
  consequence: string;
  alternatives: string[];
  from: string;
}

export interface Policy {
  matrix: Record<Environment, Record<Effect, Verdict>>;
  /** Where each matrix cell came from: `default` or a file. */
  matrixFrom: Record<Environment, Record<Effect, string>>;
  rules: { allow: Set<string>; hold: Set<string> };
  declarations: Declaration[];
  customRules: CustomRule[];
  protect: { paths: { pattern: string; from: string }[]; branches: { pattern: string; from: string }[] };
  approvals: { timeoutMs: number; waitMs: number };
  onError: 'hold' | 'allow-read-only';
  grants: { destroyStillNeedsApproval: boolean };
  /** Terraform resource types every layer adds to the built-in stateful ones (more is only stricter). */
  preflight: {
    statefulTypes: string[];
    /** Whether a probe may connect to a database to ask a tool's diff (drizzle-kit push); false in any layer wins. */
    databases: boolean;
  };
  /** Copies kept before an approved destroy runs (src/copies/): whether, how big at most, and for how long. */
  safetyCopies: { enabled: boolean; maxBytes: number; keepDays: number };
  /**
   * Who is told, and where the history keeps it (src/notify/). Webhooks come only from the user's and
   * the organisation's files: a project file could otherwise send every command to an address of its choosing.
   */
  notify: { webhooks: Webhook[]; gitNotes: boolean; dashboardUrl: string | null };
  /** `airlock serve`'s port on loopback. */
  dashboard: { port: number };
  /** What a file asked for that airlock did not do, and why (shown by `airlock policy show`). */
  warnings: string[];
  /** Per environment: enforce, or warn (trial mode: held commands run, and are recorded as such). */
  mode: Record<Environment, Mode>;
  /** Where each environment's mode came from: `default` or a file. */
  modeFrom: Record<Environment, string>;
  projectMayRelax: boolean;
  /**
   * `strict`: every command that runs code (interpreter one-liners and scripts, project tasks, script
   * files) is held, even when airlock finds nothing destructive in it (src/policy/strict.ts).
   */
  strictness: 'standard' | 'strict';
  /** Where `strictness` came from: `default` or a file. */
  strictnessFrom: string;
  /** What MCP servers are, by the name the agent calls them; their environments are declarations. */
  mcpServers: Record<string, McpServer & { from: string }>;
  tests: { command: string; expect: Verdict; cwd?: string; env?: Record<string, string>; from: string }[];
  layers: { layer: Layer; file: string; present: boolean }[];
  errors: PolicyError[];
}

const DEFAULT_MATRIX: Record<Environment, Record<Effect, Verdict>> = {
  local: { read: 'allow', write: 'allow', destroy: 'confirm', unknown: 'confirm' },
  development: { read: 'allow', write: 'allow', destroy: 'confirm', unknown: 'confirm' },
  staging: { read: 'allow', write: 'allow', destroy: 'approve', unknown: 'approve' },
  unknown: { read: 'allow', write: 'allow', destroy: 'approve', unknown: 'approve' },
  production: { read: 'allow', write: 'approve', destroy: 'approve', unknown: 'approve' },
};

/** `airlock serve` listens here unless the policy or `--port` says otherwise. */
const DEFAULT_DASHBOARD_PORT = 7717;

/** While a policy file is broken, everything that is not read-only is held. */
const BROKEN_MATRIX: Record<Effect, Verdict> = { read: 'allow', write: 'approve', destroy: 'approve', unknown: 'approve' };

export function defaultPolicy(): Policy {
  const matrix = structuredClone(DEFAULT_MATRIX);
  const matrixFrom = Object.fromEntries(ENVIRONMENTS.map((e) => [e, Object.fromEntries(EFFECTS.map((f) => [f, 'default']))])) as Policy['matrixFrom'];
  return {
    matrix,
    matrixFrom,
    rules: { allow: new Set(), hold: new Set() },
    declarations: [],
    customRules: [],
    protect: { paths: [], branches: [] },
    approvals: { timeoutMs: 10 * 60_000, waitMs: 0 },
    onError: 'hold',
    grants: { destroyStillNeedsApproval: true },
    preflight: { statefulTypes: [], databases: true },
    safetyCopies: { enabled: true, maxBytes: 1024 * 1024 * 1024, keepDays: 30 },
    notify: { webhooks: [], gitNotes: false, dashboardUrl: null },
    dashboard: { port: DEFAULT_DASHBOARD_PORT },
    warnings: [],
    mode: { production: 'enforce', staging: 'enforce', development: 'enforce', local: 'enforce', unknown: 'enforce' },
    modeFrom: { production: 'default', staging: 'default', development: 'default', local: 'default', unknown: 'default' },
    projectMayRelax: false,
    strictness: 'standard',
    strictnessFrom: 'default',
    mcpServers: {},
    tests: [],
    layers: [],
    errors: [],
  };
}

export function parseDuration(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(text.trim());
  if (!m) throw new Error(`not a duration: ${text} (expected something like 90s, 10m or 2h)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms'];
  return Number(m[1]) * unit;
}

/** Parses and validates one policy file's text. */
export function parsePolicyText(text: string, file: string): { policy: PolicyFile | null; errors: PolicyError[] } {
  if (!schemas) throw new Error('policy parsers are not loaded: await loadPolicyParsers() first');
  const lineCounter = new yaml.LineCounter();
  const doc = yaml.parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    return { policy: null, errors: doc.errors.map((e) => ({ file, line: lineCounter.linePos(e.pos[0]).line, key: null, message: `not valid YAML: ${e.message.split('\n')[0]}` })) };
  }
  const value = doc.toJS() ?? {};
  const result = v.safeParse(schemas.PolicySchema, value);
  if (result.success) return { policy: result.output, errors: [] };
  return {
    policy: null,
    errors: result.issues.map((issue) => {
      const path = (issue.path ?? []).map((p) => p.key as string | number);
      // For an unknown key, valibot's path ends at the key itself; point at its line.
      const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
      const keyNode = findKeyNode(doc, path);
      const offset = keyNode ?? node?.range?.[0];
      const line = offset !== undefined ? lineCounter.linePos(offset).line : null;
      const message = issue.kind === 'schema' && issue.type === 'strict_object' ? unknownKey(path.at(-1), keysAt(schemas!.PolicySchema, path.slice(0, -1))) : issue.message;
      return { file, line, key: path.join('.') || null, message };
    }),
  };
}

/**
 * The keys the object at `path` may have, from the schema itself. (valibot says what it expected of an
 * unknown key's value, `never`, not which keys there are.)
 */
function keysAt(schema: unknown, path: readonly (string | number)[]): string[] {
  type Node = { type?: string; wrapped?: unknown; entries?: Record<string, unknown>; item?: unknown; value?: unknown };
  const unwrapped = (s: unknown): Node | undefined => {
    let node = s as Node | undefined;
    while (node?.type === 'optional' || node?.type === 'nullable' || node?.type === 'nullish') node = node.wrapped as Node | undefined;
    return node;
  };
  let node = unwrapped(schema);
  for (const step of path) {
    node = unwrapped(node?.entries ? node.entries[String(step)] : node?.type === 'array' ? node.item : node?.type === 'record' ? node.value : undefined);
  }
  return node?.entries ? Object.keys(node.entries) : [];
}

/** What an unknown key is told: the nearest valid key first (`martix` → `matrix`), then all of them. */
function unknownKey(key: string | number | undefined, valid: readonly string[]): string {
  const near = typeof key === 'string' ? nearestWords(key, valid, 1) : [];
  return `unknown key${near.length ? `; did you mean \`${near[0]}\`?` : ''} (expected one of: ${valid.length ? valid.join(', ') : 'the documented keys'})`;
}

/** The offset of the key of a map entry at `path`, for errors about the key itself. */
function findKeyNode(doc: Yaml.Document, path: (string | number)[]): number | undefined {
  if (path.length === 0) return undefined;
  const parent = path.length === 1 ? doc.contents : (doc.getIn(path.slice(0, -1), true) as unknown);
  const items = (parent as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | null)?.items;
  const item = items?.find((i) => i.key && (i.key as { value?: unknown }).value === path[path.length - 1]);
  return item?.key?.range?.[0];
}

/** One policy layer's file as the runtime found it: its text, or that it is absent, or why it can't be read. */
export interface PolicySource {
  layer: Layer;
  file: string;
  /** null when there is no file there. */
  text: string | null;
  /** Why a file that is there can't be read. */
  unreadable?: string;
}

/** The policy from its layers' files. A file that doesn't exist is fine; one that can't be read is an error. */
/**
 * The policy from its layers' texts. `ruleIds`: every rule there is, when known; a rule id in `rules`
 * that is none of them (nor a custom rule's) is an error, not a rule that quietly never matches.
 */
export async function policyFrom(sources: readonly PolicySource[], ruleIds?: readonly string[], cwd?: string): Promise<Policy> {
  const layers: LoadedLayer[] = [];
  const errors: PolicyError[] = [];
  const present: Policy['layers'] = sources.map((s) => ({ layer: s.layer, file: s.file, present: s.text !== null }));
  for (const s of sources) if (s.unreadable) errors.push({ file: s.file, line: null, key: null, message: `cannot be read (${s.unreadable})` });
  const texts = sources.filter((s): s is PolicySource & { text: string } => s.text !== null);
  if (texts.length) await loadPolicyParsers();
  for (const { layer, file, text } of texts) {
    const parsed = parsePolicyText(text, file);
    errors.push(...parsed.errors);
    if (parsed.policy) layers.push({ layer, file, policy: parsed.policy });
  }
  if (ruleIds) errors.push(...unknownRuleIds(layers, ruleIds));
  const policy = mergeLayers(layers, cwd);
  policy.layers = present;
  policy.errors = errors;
  if (errors.length) {
    for (const env of ENVIRONMENTS) {
      for (const effect of EFFECTS) {
        policy.matrix[env][effect] = stricterVerdict(policy.matrix[env][effect], BROKEN_MATRIX[effect]);
        if (policy.matrix[env][effect] !== 'allow' && BROKEN_MATRIX[effect] !== 'allow') policy.matrixFrom[env][effect] = 'held while a policy file is invalid';
      }
    }
  }
  return policy;
}

/** Whether a project's escape hatch (kept for folder `dir`) applies in `cwd`: in it, or below it. */
const relaxesHere = (dir: string, cwd: string | undefined) => cwd !== undefined && (cwd === dir || cwd.startsWith(dir.endsWith('/') ? dir : `${dir}/`));

/** The rule ids in `rules.allow` and `rules.hold` that name no rule, each with the nearest ones. */
function unknownRuleIds(layers: readonly LoadedLayer[], ruleIds: readonly string[]): PolicyError[] {
  const known = new Set([...ruleIds, ...layers.flatMap((l) => (l.policy.custom_rules ?? []).map((r) => r.id))]);
  const errors: PolicyError[] = [];
  const lists = (l: LoadedLayer): [string, readonly string[]][] => [
    ['rules.allow', l.policy.rules?.allow ?? []],
    ['rules.hold', l.policy.rules?.hold ?? []],
    ...Object.entries(l.policy.projects ?? {}).map(([dir, hatch]): [string, readonly string[]] => [`projects.${dir}.allow`, hatch.allow ?? []]),
  ];
  for (const l of layers)
    for (const [key, ids] of lists(l))
      for (const id of ids) {
        if (known.has(id)) continue;
        const near = nearestWords(id, [...known], 3);
        errors.push({ file: l.file, line: null, key, message: `no rule is called ${id}${near.length ? `; did you mean ${near.join(', ')}?` : ''} (airlock rules lists them)` });
      }
  return errors;
}

const stricterVerdict = (a: Verdict, b: Verdict): Verdict => (VERDICT_ORDER.indexOf(b) > VERDICT_ORDER.indexOf(a) ? b : a);

/** Merges layers strongest first: organisation, user, project. */
export function mergeLayers(layers: LoadedLayer[], cwd?: string): Policy {
  const policy = defaultPolicy();
  const org = layers.find((l) => l.layer === 'organisation');
  const user = layers.find((l) => l.layer === 'user');
  const project = layers.find((l) => l.layer === 'project');
  policy.projectMayRelax = user?.policy.project_may_relax ?? false;
  const orgCells = new Set<string>();
  const fixed = new Set<string>();
  for (const l of [org, user, project]) {
    if (!l) continue;
    const relax = l.layer === 'organisation' || l.layer === 'user' || policy.projectMayRelax;
    for (const [env, row] of Object.entries(l.policy.matrix ?? {}) as [Environment, Partial<Record<Effect, Verdict>>][]) {
      for (const [effect, verdict] of Object.entries(row ?? {}) as [Effect, Verdict][]) {
        const cell = `${env}.${effect}`;
        const current = policy.matrix[env][effect];
        const next = !relax || orgCells.has(cell) ? stricterVerdict(current, verdict) : verdict;
        if (next !== verdict)
          policy.warnings.push(
            `${l.file}: matrix.${cell}: ${verdict} ignored, ${current} stays: ${orgCells.has(cell) ? 'the organisation policy sets it' : 'a project file may only make it stricter unless your policy sets project_may_relax'}`,
          );
        if (next === verdict) policy.matrixFrom[env][effect] = l.file;
        policy.matrix[env][effect] = next;
        if (l.layer === 'organisation') orgCells.add(cell);
      }
    }
    for (const id of l.policy.rules?.hold ?? []) policy.rules.hold.add(id);
    // The escape hatches for the project the command runs in: from the user's or organisation's file only.
    const hatches = Object.entries(l.policy.projects ?? {});
    if (l.layer === 'project' && hatches.length) policy.warnings.push(`${l.file}: projects: ignored: only your user policy may open an escape hatch for a project (airlock allow RULE --project DIR)`);
    else for (const [dir, hatch] of hatches) if (relaxesHere(dir, cwd)) for (const id of hatch.allow ?? []) if (!policy.rules.hold.has(id)) policy.rules.allow.add(id);
    for (const id of l.policy.rules?.allow ?? []) {
      if (relax && !policy.rules.hold.has(id)) policy.rules.allow.add(id);
      else policy.warnings.push(`${l.file}: rules.allow: ${id} ignored: ${relax ? 'a stronger policy holds it' : 'a project file may not allow a rule unless your policy sets project_may_relax'}`);
    }
    for (const [env, pats] of Object.entries(l.policy.environments ?? {})) {
      for (const [kind, list] of Object.entries(pats ?? {})) {
        for (const pattern of (list as string[] | undefined) ?? [])
          policy.declarations.push({ environment: env as Declaration['environment'], kind: kind as Declaration['kind'], pattern, from: l.file, layer: l.layer });
      }
    }
    for (const [name, server] of Object.entries(l.policy.mcp_servers ?? {})) {
      // The server's environment is a declaration like any other: strongest layer first, and a project
      // file may not call a server less risky than its name says unless the user allows it.
      if (server.environment) policy.declarations.push({ environment: server.environment, kind: 'mcp_servers', pattern: name, from: l.file, layer: l.layer });
      // What it is comes from the strongest layer that says. A project's word on its environment hides
      // no other evidence (the project's DATABASE_URL) unless the user lets the project relax.
      if (Object.hasOwn(policy.mcpServers, name)) continue;
      const { environment, ...what } = server;
      policy.mcpServers[name] = { ...what, ...(environment && relax ? { environment } : {}), from: l.file };
    }
    for (const r of l.policy.custom_rules ?? []) policy.customRules.push({ ...r, alternatives: r.alternatives ?? [], from: l.file });
    // Not connecting only holds more, so any layer may turn it off; turned off, no layer turns it back on.
    if (l.policy.preflight?.databases === false) policy.preflight.databases = false;
    for (const type of l.policy.preflight?.stateful_types ?? []) if (!policy.preflight.statefulTypes.includes(type)) policy.preflight.statefulTypes.push(type);
    for (const p of l.policy.protect?.paths ?? []) policy.protect.paths.push({ pattern: p, from: l.file });
    for (const b of l.policy.protect?.branches ?? []) policy.protect.branches.push({ pattern: b, from: l.file });
    // Scalars: the organisation fixes a value; the user sets what is not fixed; the project may only
    // make it stricter (unless the user lets it relax).
    const settable = (key: string, stricter: boolean) => !fixed.has(key) && (l.layer !== 'project' || relax || stricter);
    const set = (key: string, apply: () => void) => {
      apply();
      if (l.layer === 'organisation') fixed.add(key);
    };
    const destroyGate = l.policy.grants?.destroy_still_needs_approval;
    if (destroyGate !== undefined && settable('grants', destroyGate)) set('grants', () => (policy.grants.destroyStillNeedsApproval = destroyGate));
    const timeout = l.policy.approvals?.timeout;
    if (timeout && settable('timeout', parseDuration(timeout) <= policy.approvals.timeoutMs)) set('timeout', () => (policy.approvals.timeoutMs = parseDuration(timeout)));
    const wait = l.policy.approvals?.wait;
    if (wait && settable('wait', true)) set('wait', () => (policy.approvals.waitMs = parseDuration(wait)));
    // Any layer may make it strict; `standard` relaxes a user's strict only from a project the user lets
    // relax, and never the organisation's.
    const strictness = l.policy.strictness;
    if (strictness === 'strict' || (strictness === 'standard' && settable('strictness', false))) {
      if (strictness !== policy.strictness) [policy.strictness, policy.strictnessFrom] = [strictness, l.file];
      if (strictness === 'strict' && l.layer === 'organisation') fixed.add('strictness');
    }
    // Copies: a project may turn them on, not off, and only the user or organisation sets their limits.
    const copies = l.policy.safety_copies;
    if (copies?.enabled !== undefined && settable('safety_copies.enabled', copies.enabled)) set('safety_copies.enabled', () => (policy.safetyCopies.enabled = copies.enabled!));
    if (copies?.max_mb !== undefined && settable('safety_copies.max_mb', false)) set('safety_copies.max_mb', () => (policy.safetyCopies.maxBytes = copies.max_mb! * 1024 * 1024));
    if (copies?.keep_days !== undefined && settable('safety_copies.keep_days', false)) set('safety_copies.keep_days', () => (policy.safetyCopies.keepDays = copies.keep_days!));
    // Trial mode relaxes: the user or organisation sets it (a project only when allowed to relax); enforce is always welcome.
    const mode = l.policy.mode;
    if (mode !== undefined)
      for (const env of ENVIRONMENTS) {
        const wanted = typeof mode === 'string' ? mode : mode[env];
        if (wanted && settable(`mode.${env}`, wanted === 'enforce'))
          set(`mode.${env}`, () => {
            policy.mode[env] = wanted;
            policy.modeFrom[env] = l.file;
          });
        else if (wanted === 'warn')
          policy.warnings.push(
            `${l.file}: mode: warn for ${env} ignored: ${l.layer === 'project' ? 'a project file may not turn enforcement off unless your policy sets project_may_relax' : 'the organisation policy fixes it'}`,
          );
      }
    mergeNotify(policy, l, settable, set);
    const port = l.policy.dashboard?.port;
    if (port !== undefined && settable('dashboard.port', false)) set('dashboard.port', () => (policy.dashboard.port = port));
    const onError = l.policy.on_error;
    if (onError && settable('on_error', onError === 'hold')) set('on_error', () => (policy.onError = onError));
    for (const t of l.policy.tests ?? []) policy.tests.push({ ...t, from: l.file });
  }
  return policy;
}

/**
 * Notifications: webhooks from the user and the organisation, each under its own name (a weaker layer
 * does not replace a stronger one's); a project's are ignored and said so. Notes on HEAD: any layer
 * may turn them on; off is the user's or organisation's word.
 */
function mergeNotify(policy: Policy, l: LoadedLayer, settable: (key: string, stricter: boolean) => boolean, set: (key: string, apply: () => void) => void): void {
  const notify = l.policy.notify;
  if (!notify) return;
  const hooks = notify.webhooks ?? [];
  if (l.layer === 'project' && hooks.length)
    policy.warnings.push(`${l.file}: notify.webhooks ignored: only your user policy or the organisation's may send commands to a webhook (${hooks.map((h) => h.name).join(', ')})`);
  else for (const h of hooks) if (!policy.notify.webhooks.some((w) => w.name === h.name)) policy.notify.webhooks.push({ ...h, events: h.events ?? [...NOTICE_KINDS], from: l.file });
  const notes = notify.git_notes;
  if (notes !== undefined && settable('notify.git_notes', notes)) set('notify.git_notes', () => (policy.notify.gitNotes = notes));
  const url = notify.dashboard_url;
  if (url !== undefined && settable('notify.dashboard_url', false)) set('notify.dashboard_url', () => (policy.notify.dashboardUrl = url.replace(/\/+$/, '')));
}
