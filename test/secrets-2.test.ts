// Secrets never leave airlock, second round of attacks (issue 10). Credential forms that leaked when
// found: each command carries a distinctive secret and goes, as separate processes, through `airlock
// check` (text and --json), the Claude Code hook, `airlock log`, `airlock pending` and the raw files of
// the state directory. None of the secrets may appear anywhere. Held where the credential's own
// command is not, so every case leaves an approval request for `pending` to show.

import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { airlockEnv, expectNoLeaks, projectRoot, removeAtExit } from './helpers.js';

const home = mkdtempSync(join(tmpdir(), 'airlock-secrets-2-'));
removeAtExit(home);
const state = join(home, 'state');
const env = airlockEnv(home);

const HELD = ` && psql -h prod-db -c 'DROP TABLE users'`;
const API = 'https://api.prod.example.com/v1/users/7';

/** [credential form, command, the secret's distinctive part]. Each secret is unique to its row. */
const CREDENTIALS: Array<[form: string, command: string, secret: string]> = [
  // In the hook's answer to the agent as well as everywhere else.
  ['curl --oauth2-bearer', `curl -X DELETE --oauth2-bearer Lk01secret ${API}`, 'Lk01secret'],
  ['?key= in a URL', `curl -X DELETE '${API}?key=Lk02secret'`, 'Lk02secret'],
  ['?sig= (Azure SAS)', `curl -X DELETE 'https://x.blob.core.windows.net/c?sv=2020&sig=Lk03secret'`, 'Lk03secret'],
  ['?X-Amz-Signature=', `curl -X DELETE '${API}?X-Amz-Signature=Lk04secret'`, 'Lk04secret'],
  ['?auth= in a URL', `curl -X DELETE '${API}?auth=Lk05secret'`, 'Lk05secret'],
  ['?pass= in a URL', `curl -X DELETE '${API}?pass=Lk06secret'`, 'Lk06secret'],
  ['?access%5Ftoken= (percent-encoded name)', `curl -X DELETE "${API}?access%5Ftoken=Lk07secret"`, 'Lk07secret'],
  ['an @ inside the URL password', `psql "postgres://u:a@bLk08secret@prod-db/shop" -c 'DROP TABLE users'`, 'Lk08secret'],
  // Secret-setting commands whose value is the secret.
  ['gh secret set --body', `gh secret set API_KEY --body Lk09secret${HELD}`, 'Lk09secret'],
  ['gh secret set -b', `gh secret set API_KEY -b Lk10secret${HELD}`, 'Lk10secret'],
  ['aws secretsmanager --secret-string', `aws secretsmanager create-secret --name x --secret-string Lk11secret${HELD}`, 'Lk11secret'],
  ['aws ssm put-parameter --value (SecureString)', `aws ssm put-parameter --name /prod/db --value Lk12secret --type SecureString${HELD}`, 'Lk12secret'],
  ['kubectl create secret --from-literal with any key', `kubectl create secret generic x --from-literal=db-pass=Lk13secret${HELD}`, 'Lk13secret'],
  ['vault login TOKEN', `vault login Lk14secret${HELD}`, 'Lk14secret'],
  ['npm config set :_authToken', `npm config set //registry.npmjs.org/:_authToken Lk15secret${HELD}`, 'Lk15secret'],
  ['_authToken= into .npmrc', `echo //registry.npmjs.org/:_authToken=Lk16secret >> ~/.npmrc${HELD}`, 'Lk16secret'],
  ['helm --set a.rootPassword after a comma', `helm install x ./c --set auth.existingSecret=x,auth.rootPassword=Lk17secret -n prod`, 'Lk17secret'],
  ['ansible --extra-vars db_pass=', `ansible-playbook site.yml --extra-vars "db_pass=Lk18secret"${HELD}`, 'Lk18secret'],
  ['rclone config secret_access_key', `rclone config create r s3 secret_access_key Lk19secret${HELD}`, 'Lk19secret'],
  // Passwords handed to programs by their own options.
  ['gpg --passphrase', `gpg --batch --passphrase Lk20secret -d x.gpg${HELD}`, 'Lk20secret'],
  ['openssl -k', `openssl enc -aes-256-cbc -k Lk21secret -in x -out y${HELD}`, 'Lk21secret'],
  ['openssl -pass pass:', `openssl enc -aes-256-cbc -pass pass:Lk22secret -in x -out y${HELD}`, 'Lk22secret'],
  ['openssl -passout pass:', `openssl pkcs12 -export -passout pass:Lk23secret -out x.p12${HELD}`, 'Lk23secret'],
  ['zip -P', `zip -P Lk24secret x.zip f${HELD}`, 'Lk24secret'],
  ['7z -p', `7z a -pLk25secret x.7z f${HELD}`, 'Lk25secret'],
  ['unzip -P', `unzip -P Lk26secret x.zip${HELD}`, 'Lk26secret'],
  ['htpasswd -b', `htpasswd -b .htpasswd admin Lk27secret${HELD}`, 'Lk27secret'],
  ['lftp -u user,pass', `lftp -u u,Lk28secret prod-ftp${HELD}`, 'Lk28secret'],
  ['smbclient -U user%pass', `smbclient //prod/share -U 'u%Lk29secret'${HELD}`, 'Lk29secret'],
  ['useradd -p', `useradd -p Lk30secret bob${HELD}`, 'Lk30secret'],
  ['mysqladmin password', `mysqladmin -u root password Lk31secret${HELD}`, 'Lk31secret'],
  ['redis-cli AUTH', `redis-cli -h prod-redis AUTH Lk32secret`, 'Lk32secret'],
  ['mongosh db.auth', `mongosh --host prod-db --eval 'db.auth("admin","Lk33secret"); db.dropDatabase()'`, 'Lk33secret'],
  ['SQL IDENTIFIED BY "double-quoted"', `mysql -h prod-db -e "CREATE USER app IDENTIFIED BY \\"Lk34secret\\"; DROP TABLE users"`, 'Lk34secret'],
  // Secrets piped into programs that read them from stdin.
  ['--password-stdin fed by echo', `echo Lk35secret | docker login -u x --password-stdin registry${HELD}`, 'Lk35secret'],
  ['gh auth login --with-token <<<', `gh auth login --with-token <<< Lk36secret${HELD}`, 'Lk36secret'],
  ['vercel env add <<<', `vercel env add API_TOKEN production <<< Lk37secret${HELD}`, 'Lk37secret'],
  ['echo | gh secret set', `echo Lk38secret | gh secret set API_KEY${HELD}`, 'Lk38secret'],
  ['echo | sudo -S', `echo Lk39secret | sudo -S rm -rf /var/www`, 'Lk39secret'],
  ['echo | chpasswd', `echo 'root:Lk40secret' | chpasswd${HELD}`, 'Lk40secret'],
  ['echo | passwd --stdin', `echo Lk41secret | passwd --stdin root${HELD}`, 'Lk41secret'],
  // Variables named for secrets the table doesn't know.
  ['SSHPASS=', `SSHPASS=Lk42secret sshpass -e ssh prod-host 'rm -rf /var/www'`, 'Lk42secret'],
  ['export AUTH=', `export AUTH=Lk43secret${HELD}`, 'Lk43secret'],
  ['export PASS=', `export PASS=Lk44secret${HELD}`, 'Lk44secret'],
  ['export JWT=', `export JWT=Lk45secret${HELD}`, 'Lk45secret'],
  ['export BEARER=', `export BEARER=Lk46secret${HELD}`, 'Lk46secret'],
  ['export SESSION_COOKIE=', `export SESSION_COOKIE=Lk47secret${HELD}`, 'Lk47secret'],
  ['Slack webhook URL', `export SLACK_WEBHOOK=https://hooks.slack.com/services/T0/B0/Lk48secret${HELD}`, 'Lk48secret'],
  ['export TOKEN with a backslash-escaped space', `export TOKEN=a\\ Lk49secret${HELD}`, 'Lk49secret'],
  ["export TOKEN=$'…'", `export TOKEN=$'a\\tLk50secret'${HELD}`, 'Lk50secret'],
  ["export TOKEN='with spaces'", `export TOKEN='a b Lk51secret'${HELD}`, 'Lk51secret'],
  ['setenv (csh)', `setenv API_TOKEN Lk52secret${HELD}`, 'Lk52secret'],
  // Headers, cookies and bodies.
  ['cookie with -b', `curl -X DELETE ${API} -b 'session=Lk53secret'`, 'Lk53secret'],
  ['cookie with --cookie', `curl -X DELETE ${API} --cookie "sid=Lk54secret"`, 'Lk54secret'],
  ['httpie Header:value', `http DELETE ${API} X-Api-Key:Lk55secret`, 'Lk55secret'],
  ['Authorization with backslash-escaped spaces', `curl -X DELETE ${API} -H Authorization:\\ Bearer\\ Lk56secret`, 'Lk56secret'],
  ['Authorization with the token outside the quotes', `curl -X DELETE ${API} -H "Authorization: Bearer "Lk57secret`, 'Lk57secret'],
  ['curl -u TOKEN: (token as user name)', `curl -X DELETE ${API} -u Lk58secret:`, 'Lk58secret'],
  ['JSON with \\" inside a double-quoted word', `curl -X DELETE ${API} -d "{\\"password\\":\\"Lk59secret\\"}"`, 'Lk59secret'],
  ['JSON "pass"', `curl -X DELETE ${API} -d '{"pass":"Lk60secret"}'`, 'Lk60secret'],
  ['form pass=', `curl -X DELETE ${API} -d 'user=u&pass=Lk61secret'`, 'Lk61secret'],
  ['git -c http.extraHeader', `git -c http.extraHeader='Authorization: Bearer Lk62secret' push --force origin main`, 'Lk62secret'],
  // Credential files written with echo or printf (heredocs are covered).
  ['YAML password: in echo', `echo 'password: Lk63secret' > config.yml${HELD}`, 'Lk63secret'],
  ['.netrc line', `printf 'machine x login u password Lk64secret' > ~/.netrc${HELD}`, 'Lk64secret'],
  ['.pgpass line', `echo 'prod-db:5432:shop:app:Lk65secret' >> ~/.pgpass${HELD}`, 'Lk65secret'],
  // Messaging and CI tools' own credential options and words.
  ['kcat -X sasl.password=', `kcat -P -b kafka.prod:9092 -t orders -X sasl.password=Lk68secret${HELD}`, 'Lk68secret'],
  ['rpk -X pass=', `rpk -X brokers=redpanda.prod:9092 -X pass=Lk69secret topic delete orders`, 'Lk69secret'],
  ['pulsar-admin --auth-params', `pulsar-admin --auth-params token:Lk70secret topics delete persistent://acme/billing/invoices`, 'Lk70secret'],
  ['jenkins-cli -auth user:token', `java -jar jenkins-cli.jar -s https://jenkins.prod.acme.com/ -auth deploy:Lk71secret delete-job payments`, 'Lk71secret'],
  ['rabbitmqctl add_user NAME PASSWORD', `rabbitmqctl add_user deploy Lk72secret${HELD}`, 'Lk72secret'],
];

/** Credentials sent as MCP tool arguments (the audit log records them). */
const MCP_INPUTS: Array<[form: string, input: unknown, secret: string]> = [
  ['MCP {"auth":{"pass":…}}', { auth: { pass: 'Lk66secret' } }, 'Lk66secret'],
  ['MCP {"creds":"user:pass"}', { creds: 'u:Lk67secret' }, 'Lk67secret'],
];

function run(script: string, args: string[], input = ''): string {
  const r = spawnSync(process.execPath, [join(projectRoot, script), ...args], { input, encoding: 'utf8', env, cwd: home });
  return `${r.stdout}${r.stderr}`;
}
const airlock = (args: string[]) => run('bin/airlock.mjs', args);
const hook = (payload: unknown) => run('dist/hook.cjs', ['claude-code'], JSON.stringify(payload));

test('second-round credential forms leak through neither check, the hook, log, pending nor the state files', () => {
  const all: Array<[string, string]> = [...CREDENTIALS.map(([f, , s]) => [f, s] as [string, string]), ...MCP_INPUTS.map(([f, , s]) => [f, s] as [string, string])];
  const leaks: string[] = [];
  const expectNoSecrets = (where: string, text: string) => {
    for (const [form, secret] of all) if (text.includes(secret)) leaks.push(`${form} — ${where}`);
  };
  for (const [, command] of CREDENTIALS) {
    expectNoSecrets('airlock check', airlock(['check', command]));
    expectNoSecrets('airlock check --json', airlock(['check', '--json', command]));
    expectNoSecrets('hook answer', hook({ session_id: 'sec', cwd: home, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command } }));
  }
  for (const [, input] of MCP_INPUTS) expectNoSecrets('hook answer', hook({ session_id: 'sec', cwd: home, hook_event_name: 'PreToolUse', tool_name: 'mcp__x__y', tool_input: input }));
  expectNoSecrets('airlock log', airlock(['log', '--limit', '1000']));
  expectNoSecrets('airlock log --json', airlock(['log', '--json']));
  expectNoSecrets('airlock pending', airlock(['pending']));
  expectNoSecrets('airlock pending --json', airlock(['pending', '--json']));
  expectNoLeaks(state, expectNoSecrets, leaks, CREDENTIALS);
});
