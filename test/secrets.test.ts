// Secrets never leave airlock. Every credential form airlock masks is fed, as a command carrying a
// distinctive secret, through every way text leaves airlock, each as a separate process as a user or
// an agent would meet it: `airlock check` (text, --json, the --stdin batch), each agent's hook answer,
// `airlock log` (table and --json), `airlock pending` (table and --json), and the raw bytes of the
// audit database, its WAL and the hook's spool. None of the secrets may appear anywhere.
// Then the look-alikes: words that only look like credentials pass through unmasked.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { airlockEnv, expectNoLeaks, filesUnder, projectRoot, removeAtExit } from './helpers.js';

const home = mkdtempSync(join(tmpdir(), 'airlock-secrets-'));
removeAtExit(home);
const state = join(home, 'state');
const env = airlockEnv(home);

/** Appended where the credential's own command is not held, so every case leaves an approval request. */
const HELD = ` && psql -h prod-db -c 'DROP TABLE users'`;
const PEM = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\nS3cr3t35QyNTUxOQAAACBm\n-----END OPENSSH PRIVATE KEY-----';
const AWS_SECRET = 'wJalrS3cr3t33XUtnFEMIK7MDENGbPxRfiCYzKEY'; // 40 characters, as AWS makes them

/** [credential form, command, the secret's distinctive part]. Each secret is unique to its row. */
const CREDENTIALS: Array<[form: string, command: string, secret: string]> = [
  ['Authorization: Bearer', `curl -X DELETE -H 'Authorization: Bearer S3cr3t01' https://api.prod.example.com/v1/users/7`, 'S3cr3t01'],
  ['Authorization: Basic', `curl -X DELETE -H "Authorization: Basic S3cr3t02" https://api.prod.example.com/v1/users/7`, 'S3cr3t02'],
  ['Authorization: Token', `curl -X DELETE -H 'Authorization: Token S3cr3t03' https://api.prod.example.com/v1/users/7`, 'S3cr3t03'],
  ['X-Api-Key header', `curl -X DELETE -H 'X-Api-Key: S3cr3t04' https://api.prod.example.com/v1/users/7`, 'S3cr3t04'],
  ['X-Auth-Token header, unquoted', `curl -X DELETE -H X-Auth-Token:S3cr3t05 https://api.prod.example.com/v1/users/7`, 'S3cr3t05'],
  ['Cookie header', `curl -X DELETE -H 'Cookie: session=S3cr3t06; theme=dark' https://api.prod.example.com/v1/users/7`, 'S3cr3t06'],
  ['api-key header', `curl -X DELETE -H 'api-key: S3cr3t07' https://api.prod.example.com/v1/users/7`, 'S3cr3t07'],
  ['a header named for a secret', `curl -X DELETE --header 'X-Vault-Secret: S3cr3t08' https://api.prod.example.com/v1/users/7`, 'S3cr3t08'],
  ['curl -u user:pass', `curl -X DELETE -u admin:S3cr3t09 https://api.prod.example.com/v1/users/7`, 'S3cr3t09'],
  ['curl --user user:pass', `curl -X DELETE --user admin:S3cr3t10 https://api.prod.example.com/v1/users/7`, 'S3cr3t10'],
  ['MYSQL_PWD=', `MYSQL_PWD=S3cr3t11 mysql -h prod-db -e 'DROP TABLE users'`, 'S3cr3t11'],
  ['ALTER USER … PASSWORD', `psql -h prod-db -c "ALTER USER app PASSWORD 'S3cr3t12'"`, 'S3cr3t12'],
  ['IDENTIFIED BY', `mysql -h prod-db -e "CREATE USER 'app'@'%' IDENTIFIED BY 'S3cr3t13'; DROP TABLE users"`, 'S3cr3t13'],
  ["mysql -p'quoted'", `mysql -h prod-db -p'S3cr3t14' -e 'DROP TABLE users'`, 'S3cr3t14'],
  ['mysql -pVALUE', `mysql -h prod-db -pS3cr3t15 shop -e 'DROP TABLE users'`, 'S3cr3t15'],
  ['--password VALUE', `mongosh --host prod-db --password S3cr3t16 --eval 'db.dropDatabase()'`, 'S3cr3t16'],
  ['--password=VALUE', `mysql -h prod-db --password=S3cr3t17 -e 'DROP TABLE users'`, 'S3cr3t17'],
  ['sshpass -p', `sshpass -p S3cr3t18 ssh prod-host 'rm -rf /var/www'${HELD}`, 'S3cr3t18'],
  ['redis-cli -a', `redis-cli -h prod-redis -a S3cr3t19 FLUSHALL`, 'S3cr3t19'],
  ['redis-cli --pass', `redis-cli -h prod-redis --pass S3cr3t20 FLUSHALL`, 'S3cr3t20'],
  ['--auth VALUE', `deploy-tool --auth S3cr3t21 --target prod${HELD}`, 'S3cr3t21'],
  ['export GITHUB_TOKEN=', `export GITHUB_TOKEN=S3cr3t22${HELD}`, 'S3cr3t22'],
  ['env AWS_SECRET_ACCESS_KEY=', `env AWS_SECRET_ACCESS_KEY=S3cr3t23 aws s3 rb s3://prod-bucket --force`, 'S3cr3t23'],
  ['postgres://user:password@host', `psql postgres://app:S3cr3t24@prod-db.example.com/shop -c 'DROP TABLE users'`, 'S3cr3t24'],
  ['https://token@host', `git push --force https://S3cr3t25@github.com/org/app.git main`, 'S3cr3t25'],
  ['Stripe sk_live_', `curl -X DELETE https://api.stripe.com/v1/customers/cus_1 -u sk_live_S3cr3t26abcdefghij:`, 'S3cr3t26'],
  ['OpenAI sk-', `python deploy.py --model-key sk-proj-S3cr3t27abcdefghijklmnop${HELD}`, 'S3cr3t27'],
  ['GitHub ghp_', `echo ghp_S3cr3t28abcdefghijklmnopqrstuvwx | gh auth login --with-token${HELD}`, 'S3cr3t28'],
  ['GitHub github_pat_', `echo github_pat_11AAS3cr3t29_abcdefghijklmnopqrstuvwxyz > .ghtoken${HELD}`, 'S3cr3t29'],
  ['Slack xoxb-', `slack-notify --channel ops xoxb-1234-S3cr3t30-abcdefgh${HELD}`, 'S3cr3t30'],
  ['Slack xoxp-', `slack-notify --channel ops xoxp-1234-S3cr3t31-abcdefgh${HELD}`, 'S3cr3t31'],
  ['AWS AKIA access key id', `echo AKIAS3CR3T32XXXXXXXX ${AWS_SECRET} > creds${HELD}`, 'S3CR3T32'],
  ['AWS secret beside its key id', `echo AKIAS3CR3T32XXXXXXXX ${AWS_SECRET} > creds${HELD}`, 'S3cr3t33'],
  ['GitLab glpat-', `git clone https://gitlab.com/org/app.git --config http.extraHeader=glpat-S3cr3t34abcdefghijklmn${HELD}`, 'S3cr3t34'],
  // The heredoc's body follows the line its command is on, so what holds the command goes on that line.
  ['PEM private key block', `cat > deploy_key <<'EOF'${HELD}\n${PEM}\nEOF`, 'S3cr3t35'],
  ['JWT', `curl -X DELETE https://api.prod.example.com/v1/users/7 -b jwt=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.S3cr3t36sig`, 'S3cr3t36'],
  ['libpq password=', `psql "host=prod-db password=S3cr3t37 dbname=shop" -c 'DROP TABLE users'`, 'S3cr3t37'],
  ['PGPASSWORD=', `PGPASSWORD=S3cr3t38 psql -h prod-db -c 'DROP TABLE users'`, 'S3cr3t38'],
  ['docker login -p', `docker login -u deploy -p S3cr3t39 registry.prod.example.com${HELD}`, 'S3cr3t39'],
  ['?access_token= in a URL', `curl -X DELETE 'https://api.prod.example.com/v1/users/7?access_token=S3cr3t40'`, 'S3cr3t40'],
  ['YAML password: line', `cat > config.yml <<'EOF'${HELD}\ndatabase:\n  password: S3cr3t41\nEOF`, 'S3cr3t41'],
  ['JSON "password": "…"', `curl -X DELETE https://api.prod.example.com/v1/users/7 -d '{"user": "app", "password": "S3cr3t42"}'`, 'S3cr3t42'],
  ['httpie -a user:pass', `http -a admin:S3cr3t43 DELETE https://api.prod.example.com/v1/users/7`, 'S3cr3t43'],
  ['--passwd VALUE', `backup-tool --passwd S3cr3t44 --host prod-db${HELD}`, 'S3cr3t44'],
  ['--token VALUE', `kubectl --server https://k8s.prod.example.com --token S3cr3t45 delete namespace shop`, 'S3cr3t45'],
  ['aws configure set aws_secret_access_key', `aws configure set aws_secret_access_key S3cr3t46${HELD}`, 'S3cr3t46'],
  ['IDENTIFIED WITH plugin BY', `mysql -h prod-db -e "ALTER USER 'app'@'%' IDENTIFIED WITH caching_sha2_password BY 'S3cr3t47'; DROP TABLE users"`, 'S3cr3t47'],
  ['SET PASSWORD FOR … =', `mysql -h prod-db -e "SET PASSWORD FOR 'app'@'%' = 'S3cr3t48'; DROP TABLE users"`, 'S3cr3t48'],
  ['--api-key=', `deploy-tool --api-key=S3cr3t49${HELD}`, 'S3cr3t49'],
  ['curl -fsSu cluster', `curl -fsSu admin:S3cr3t50 -X DELETE https://api.prod.example.com/v1/users/7`, 'S3cr3t50'],
];

const AGENTS = ['claude-code', 'codex', 'gemini', 'cursor', 'copilot', 'opencode', 'windsurf'] as const;
type Agent = (typeof AGENTS)[number];

/** Each agent's pre-command payload for a shell command (shapes from test/agents/adapters.test.ts). */
const PAYLOADS: Record<Agent, (command: string) => unknown> = {
  'claude-code': (command) => ({ session_id: 'sec', cwd: home, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } }),
  codex: (command) => ({ session_id: 'sec', turn_id: 't', cwd: home, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_use_id: 'c', tool_input: { command } }),
  gemini: (command) => ({ session_id: 'sec', cwd: home, hook_event_name: 'BeforeTool', tool_name: 'run_shell_command', tool_input: { command } }),
  cursor: (command) => ({ conversation_id: 'sec', generation_id: 'g', hook_event_name: 'beforeShellExecution', workspace_roots: [home], command, cwd: '' }),
  copilot: (command) => ({ sessionId: 'sec', timestamp: 1, cwd: home, toolName: 'bash', toolArgs: JSON.stringify({ command }) }),
  opencode: (command) => ({ tool: 'bash', sessionID: 'sec', callID: 'c', directory: home, args: { command } }),
  windsurf: (command) => ({ agent_action_name: 'pre_run_command', trajectory_id: 'sec', execution_id: 'e', tool_info: { command_line: command, cwd: home } }),
};

function airlock(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [join(projectRoot, 'bin/airlock.mjs'), ...args], { input, encoding: 'utf8', env, cwd: home });
  return `${r.stdout}${r.stderr}`;
}

/** A process's stdout and stderr, run alongside others: hundreds of them one by one would take minutes. */
function run(args: string[], input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, cwd: home });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', () => resolve(out));
    child.stdin.end(input);
  });
}

/** Runs the jobs `width` at a time, answers in order. */
async function pool<T>(jobs: Array<() => Promise<T>>, width = 8): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const k = next++;
        out[k] = await jobs[k]!();
      }
    }),
  );
  return out;
}

const check = (args: string[]) => run([join(projectRoot, 'bin/airlock.mjs'), 'check', ...args], '');
const hook = (agent: string, payload: unknown) => run([join(projectRoot, 'dist/hook.cjs'), agent], JSON.stringify(payload));

/** Every file under the state directory, as raw bytes read as latin1 (the secrets are ASCII). */
const stateBytes = () => filesUnder(state);

/** Where each secret showed up: "form — where". */
const leaks: string[] = [];
function expectNoSecrets(where: string, text: string): void {
  for (const [form, , secret] of CREDENTIALS) if (text.includes(secret)) leaks.push(`${form} — ${where}`);
}

test('no credential form leaks through check, the hooks, log, pending or the audit files', async () => {
  const commands = [...new Set(CREDENTIALS.map(([, command]) => command))];
  const texts = await pool(commands.map((command) => () => check([command])));
  const jsons = await pool(commands.map((command) => () => check(['--json', command])));
  commands.forEach((command, k) => {
    // Held, so the same command leaves an approval request to be read back through `airlock pending`.
    assert.match(texts[k]!, /^(APPROVE|CONFIRM|DENY) /, `expected ${JSON.stringify(command)} to be held:\n${texts[k]}`);
    expectNoSecrets(`airlock check ${JSON.stringify(command)}`, texts[k]!);
    expectNoSecrets(`airlock check --json ${JSON.stringify(command)}`, jsons[k]!);
  });
  // The batch reads commands from stdin, and an environment per line: a secret in a DATABASE_URL too.
  const lines = commands.map((command) => JSON.stringify({ command, cwd: home }));
  lines.push(JSON.stringify({ command: `psql -c 'DROP TABLE users'`, env: { DATABASE_URL: 'postgres://app:S3cr3t24@prod-db.example.com/shop' } }));
  expectNoSecrets('airlock check --json --stdin', airlock(['check', '--json', '--stdin'], lines.join('\n') + '\n'));

  const asked = AGENTS.flatMap((agent) => commands.map((command) => ({ agent, command })));
  // One at a time: hooks write the audit spool and the approvals database, and their locking is not
  // what this test is about.
  const answers = await pool(
    asked.map(
      ({ agent, command }) =>
        () =>
          hook(agent, PAYLOADS[agent](command)),
    ),
    1,
  );
  asked.forEach(({ agent, command }, k) => {
    assert.ok(answers[k]!.trim(), `${agent} gave no answer for ${JSON.stringify(command)}`);
    expectNoSecrets(`${agent} hook answer for ${JSON.stringify(command)}`, answers[k]!);
  });
  // An MCP call airlock has no rules for is recorded with its arguments.
  await hook('claude-code', { session_id: 'sec', cwd: home, hook_event_name: 'PreToolUse', tool_name: 'mcp__vault__store', tool_input: { name: 'db', password: 'S3cr3t42', api_key: 'S3cr3t49' } });

  // The hook's spool before `airlock log` folds it into the database, and everything after.
  for (const [file, bytes] of stateBytes()) expectNoSecrets(`${file} (before log)`, bytes);
  const log = airlock(['log', '--limit', '1000']);
  const logJson = airlock(['log', '--json']);
  assert.ok(logJson.split('\n').filter(Boolean).length >= commands.length * (AGENTS.length + 1), 'every request is in the log');
  expectNoSecrets('airlock log', log);
  expectNoSecrets('airlock log --json', logJson);
  const pending = airlock(['pending']);
  const pendingJson = airlock(['pending', '--json']);
  assert.ok(pendingJson.split('\n').filter(Boolean).length >= commands.length, `every held command has a pending request:\n${pending}`);
  expectNoSecrets('airlock pending', pending);
  expectNoSecrets('airlock pending --json', pendingJson);
  expectNoLeaks(state, expectNoSecrets, leaks, CREDENTIALS);
});

/**
 * Things that look like credentials and are not, which must pass through as written. Judgement calls:
 * - `-p` is a password only for the programs that read it so (mysql attached, sshpass, redis-cli -a…):
 *   a port for psql and ssh, a flag for ls, mkdir and cp, and `mysql -p shop` prompts (shop is the
 *   database, which is evidence of the environment).
 * - `--password` alone is a switch for psql; `--password-stdin` and `--token-file` name no secret.
 * - A bare `key=value`, `--sort-by=key` or an S3 `--key` is an ordinary key, not a secret one.
 * - A commit message that talks about passwords or tokens holds none; `auth:` as a conventional-commit
 *   scope or an npm script name is not a header (only standard or hyphenated header names are).
 * - A user name in an ssh, git or database URL stays; over http a lone user part is treated as a token.
 * - A 40-character hex commit id is not an AWS secret (mixed case is required, and a key id beside it).
 * - `curl -u alice` (no password: curl asks for it) and variable references (`$PW`) hold no secret.
 */
const LOOK_ALIKES = [
  `psql -h localhost -p 5432 -c 'SELECT 1'`,
  `psql -h localhost --password shop -c 'SELECT 1'`,
  `git commit -m "fix password reset"`,
  `git commit -m 'auth: fix token expiry'`,
  `ls -p`,
  `ls -pla`,
  `mkdir -pv build/out`,
  `cp -pr src dest`,
  `grep -a needle file.bin`,
  `npm publish --access public`,
  `docker run -p 8080:80 -u 1000:1000 nginx`,
  `ssh -p 2222 deploy@example.com uptime`,
  `mysql -h localhost -p shop`,
  `docker login --password-stdin -u deploy registry.example.com`,
  `terraform plan --token-file ./token.path`,
  `kubectl label pods web key=value`,
  `kubectl get pods --sort-by=key`,
  `aws s3api get-object --bucket b --key reports/2024.csv out.csv`,
  `git clone ssh://git@github.com/org/app.git`,
  `git clone git@github.com:org/app.git`,
  `psql postgres://app@localhost/shop -c 'SELECT 1'`,
  `npm run auth:test`,
  `git show 0123456789abcdef0123456789abcdef01234567`,
  `curl -u alice https://example.com`,
  `MYSQL_PWD="$PW" mysql -h localhost -e 'SELECT 1'`,
  `echo task-sk-build`,
];

test('look-alikes pass through unmasked in check, its batch mode and the audit log', async () => {
  const texts = await pool(LOOK_ALIKES.map((command) => () => check([command])));
  LOOK_ALIKES.forEach((command, k) => {
    const text = texts[k]!;
    assert.ok(text.split('\n')[0]!.endsWith(command), `check masked part of ${JSON.stringify(command)}:\n${text.split('\n')[0]}`);
    assert.ok(!text.includes('***'), `check masked part of ${JSON.stringify(command)}:\n${text}`);
  });
  const batch = airlock(['check', '--json', '--stdin'], LOOK_ALIKES.map((c) => JSON.stringify(c)).join('\n') + '\n')
    .trim()
    .split('\n');
  assert.equal(batch.length, LOOK_ALIKES.length);
  batch.forEach((line, i) => {
    assert.ok(!line.includes('***'), `check --json masked part of ${JSON.stringify(LOOK_ALIKES[i])}:\n${line}`);
  });
  await pool(
    LOOK_ALIKES.map((command) => () => hook('claude-code', PAYLOADS['claude-code'](command))),
    1,
  );
  const logged = airlock(['log', '--json'])
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { command?: string });
  for (const command of LOOK_ALIKES)
    assert.ok(
      logged.some((e) => e.command === command),
      `the audit log has ${JSON.stringify(command)} as written`,
    );
});
