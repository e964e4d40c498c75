// `airlock scan [--cwd DIR] [--json]`: a read-only hardening report for this machine's agents and a
// project: agents whose settings let everything run or that run without airlock's hook, production
// credentials an agent started here could use, and Terraform configurations whose data a destroy would
// take for good, and what the database roles an agent would use may do. Exit status 1 when it finds an
// error (for CI), else 0; --json for tools, --sarif (SARIF 2.1.0) for code-scanning services.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { INSTALLERS } from '../agents/install.js';
import { hookCommandsIn } from '../agents/runtime.js';
import { agentWithoutHook, claudeSettings, codexConfig, geminiSettings } from '../scan/agents.js';
import { awsProfiles, dotenvVariables, kubeContexts, productionVariables } from '../scan/credentials.js';
import { scanText, type ScanFinding } from '../scan/findings.js';
import { sarif } from '../scan/sarif.js';
import { VERSION } from './version.js';
import { resourcesIn, terraformFindings } from '../scan/terraform.js';
import { ROLE_QUESTION, roleFindings, roleUnknown } from '../scan/roles.js';
import { loadPolicy, policyLocations } from '../facts/policy-files.js';
import { locations } from './init.js';
import { processEnv } from './process-env.js';

const USAGE = 'usage: airlock scan [--cwd DIR] [--json|--sarif]';

const read = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
};

/** Each file that is there, with its text. */
const present = (files: readonly string[]) => [...new Set(files)].flatMap((f) => (existsSync(f) ? [{ file: f, text: read(f) ?? '' }] : []));

function agentFindings(dir: string, env: Record<string, string>): ScanFinding[] {
  const home = env.HOME ?? '';
  const out: ScanFinding[] = [];
  const user = locations(false, dir);
  const project = locations(true, dir);
  for (const agent of [...new Set(INSTALLERS.map((i) => i.agent))]) {
    const installers = INSTALLERS.filter((i) => i.agent === agent);
    if (!installers.some((i) => i.detect(user))) continue;
    const files = present(installers.flatMap((i) => [i.file(user), i.file(project)]));
    if (!files.some(({ text }) => hookCommandsIn(text).length > 0))
      out.push(
        agentWithoutHook(
          agent,
          installers.map((i) => i.file(user)),
        ),
      );
  }
  for (const { file, text } of present([join(home, '.claude/settings.json'), join(dir, '.claude/settings.json'), join(dir, '.claude/settings.local.json')])) out.push(...claudeSettings(file, text));
  for (const { file, text } of present([join(env.CODEX_HOME || join(home, '.codex'), 'config.toml')])) out.push(...codexConfig(file, text));
  for (const { file, text } of present([join(home, '.gemini/settings.json'), join(dir, '.gemini/settings.json')])) out.push(...geminiSettings(file, text));
  return out;
}

/** The project's .env files (not the examples and templates that only show what goes there). */
const dotenvFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => /^\.env(\..+)?$/.test(f) && !/\.(example|sample|template)$/.test(f)) : []);

function credentialFindings(dir: string, env: Record<string, string>): ScanFinding[] {
  const home = env.HOME ?? '';
  const out: ScanFinding[] = productionVariables(env, 'environment');
  for (const { file, text } of present(dotenvFiles(dir).map((f) => join(dir, f)))) out.push(...productionVariables(dotenvVariables(text), file));
  for (const { file, text } of present([env.AWS_CONFIG_FILE || join(home, '.aws/config'), env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws/credentials')])) out.push(...awsProfiles(file, text));
  for (const { file, text } of present((env.KUBECONFIG || join(home, '.kube/config')).split(':').filter(Boolean))) out.push(...kubeContexts(file, text));
  return out;
}

/** The folders under `dir` holding .tf files (each one configuration, one state), a few levels down. */
function terraformFolders(dir: string, depth = 4): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const here = entries.some((e) => e.isFile() && e.name.endsWith('.tf')) ? [dir] : [];
  if (depth === 0) return here;
  const below = entries.filter((e) => e.isDirectory() && !SKIPPED.has(e.name) && !e.name.startsWith('.')).flatMap((e) => terraformFolders(join(dir, e.name), depth - 1));
  return [...here, ...below];
}
const SKIPPED = new Set(['node_modules', 'vendor', 'dist', 'build']);

function terraformScan(dir: string, extra: readonly string[]): ScanFinding[] {
  return terraformFolders(dir).flatMap((folder) =>
    terraformFindings(
      readdirSync(folder)
        .filter((f) => f.endsWith('.tf'))
        .flatMap((f) => resourcesIn(join(folder, f), read(join(folder, f)) ?? '')),
      extra,
    ),
  );
}

/**
 * The PostgreSQL URLs an agent started here would use (the shell's variables and the project's .env
 * files), each asked what its role may do (only when the policy lets probes connect: the caller checks).
 */
function roleScan(dir: string, env: Record<string, string>): ScanFinding[] {
  const urls = new Map<string, string>();
  const collect = (vars: Record<string, string>, where: string) => {
    for (const [name, value] of Object.entries(vars)) if (/(?:DATABASE|POSTGRES|PG)\w*_?(?:URL|URI)$/.test(name) && /^postgres(?:ql)?:\/\//.test(value) && !urls.has(value)) urls.set(value, where);
  };
  collect(env, 'environment');
  for (const { file, text } of present(dotenvFiles(dir).map((f) => join(dir, f)))) collect(dotenvVariables(text), file);
  const out: ScanFinding[] = [];
  for (const [url, where] of urls) {
    // The whole session read-only: the question changes nothing whatever it is.
    const r = spawnSync('psql', [url, '-X', '-A', '-t', '-q', '-v', 'ON_ERROR_STOP=1', '-c', ROLE_QUESTION], {
      encoding: 'utf8',
      env: { PATH: env.PATH ?? '', PGCONNECT_TIMEOUT: '5', PGOPTIONS: '-c default_transaction_read_only=on' },
      timeout: 15_000,
    });
    const answer = r.stdout.split('\n').find((l) => /^[tf]\|[tf]\|[tf]$/.test(l.trim()));
    if (r.error) out.push(roleUnknown(url, where, (r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'psql is not installed' : r.error.message));
    else if (!answer) out.push(roleUnknown(url, where, (r.stderr.trim().split('\n')[0] ?? 'no answer').slice(0, 200)));
    else out.push(...roleFindings(url, where, answer));
  }
  return out;
}

export async function run(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { cwd: { type: 'string' }, json: { type: 'boolean' }, sarif: { type: 'boolean' } } }));
  } catch (error) {
    process.stderr.write(`airlock scan: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const dir = resolve(values.cwd ?? process.cwd());
  const env = processEnv();
  const { preflight } = await loadPolicy(policyLocations(dir, env));
  const findings = [...agentFindings(dir, env), ...credentialFindings(dir, env), ...terraformScan(dir, preflight.statefulTypes), ...(preflight.databases ? roleScan(dir, env) : [])];
  process.stdout.write(values.sarif ? JSON.stringify(sarif(findings, VERSION)) + '\n' : values.json ? JSON.stringify({ findings }) + '\n' : scanText(findings));
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}
