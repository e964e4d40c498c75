// The masking tables, by family (issue 10, second round): each family's other spellings, beyond the
// ones test/secrets-2.test.ts sends through every exit, and the look-alikes of each that must stay.
// In-process and quick, so a new table row can be checked against all of them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskArgv, maskSecretLines, maskSecrets, maskStructured } from '../../src/core/mask.js';

/** [command, the secret in it]: other members of the families the second round found. */
const FAMILY_MEMBERS: Array<[string, string]> = [
  [`curl "https://s3.amazonaws.com/b/k?X-Amz-Credential=Fm01cred&X-Amz-Date=20240101"`, 'Fm01cred'],
  [`curl "https://storage.googleapis.com/b/o?X-Goog-Signature=Fm02sig"`, 'Fm02sig'],
  [`curl "https://login.example.com/token?grant_type=x&client_secret=Fm03cs"`, 'Fm03cs'],
  [`curl "https://x.example.com/cb?code=Fm04code&state=s"`, 'Fm04code'],
  [`curl "https://x.example.com/?api%5Fkey=Fm05key"`, 'Fm05key'],
  [`curl "https://x.example.com/#access_token=Fm06tok"`, 'Fm06tok'],
  [`mysql "mysql://root:p@ss@Fm07pw@db/shop"`, 'Fm07pw'],
  [`docker login --password-stdin registry <<EOF\nFm08stdin\nEOF`, 'Fm08stdin'],
  [`printf '%s' Fm09printf | gh auth login --with-token`, 'Fm09printf'],
  [`echo Fm10sudo | sudo -kS systemctl restart x`, 'Fm10sudo'],
  [`gh secret set K <<< Fm11here`, 'Fm11here'],
  [`vault login -address=https://v.example.com Fm12vault`, 'Fm12vault'],
  [`redis-cli -h prod AUTH default Fm13redis`, 'Fm13redis'],
  [`htpasswd -nb admin Fm14htp`, 'Fm14htp'],
  [`pnpm config set //npm.pkg.github.com/:_authToken Fm15npm`, 'Fm15npm'],
  [`rclone config update r pass Fm16rclone`, 'Fm16rclone'],
  [`kubectl create secret generic x --from-literal anything=Fm17kube`, 'Fm17kube'],
  [`helm upgrade x ./c --set-string db.apiKey=Fm18helm`, 'Fm18helm'],
  [`openssl pkcs12 -in x.p12 -passin pass:Fm19ssl`, 'Fm19ssl'],
  [`unzip -PFm20zip x.zip`, 'Fm20zip'],
  [`usermod -p Fm21hash bob`, 'Fm21hash'],
  [`smbclient //h/s --user=u%Fm22smb`, 'Fm22smb'],
  [`gpg --batch --passphrase=Fm23gpg -c f`, 'Fm23gpg'],
  [`export DB_AUTH=Fm24auth`, 'Fm24auth'],
  [`export USER_SESSION=Fm25sess`, 'Fm25sess'],
  [`export DISCORD_WEBHOOK_URL=https://discord.com/api/webhooks/1/Fm26hook`, 'Fm26hook'],
  [`notify https://hooks.slack.com/services/T0/B0/Fm27slack`, 'Fm27slack'],
  [`setenv GITHUB_TOKEN "Fm28csh"`, 'Fm28csh'],
  [`curl -b "a=1; sid=Fm29cookie" https://x.example.com`, 'Fm29cookie'],
  [`xh https://x.example.com Authorization:Fm30xh`, 'Fm30xh'],
  [`curl -d "{\\"api_key\\": \\"Fm31json\\"}" https://x.example.com`, 'Fm31json'],
  [`echo "db_password: Fm32yaml" >> .env.yml`, 'Fm32yaml'],
  [`mongosh --eval "db.getSiblingDB('admin').auth('root', 'Fm33mongo')"`, 'Fm33mongo'],
];

/** Look-alikes of the same families, which stay as written. */
const LOOK_ALIKES = [
  `curl "https://x.example.com/list?page=2&q=keys&sort=name"`,
  `curl -b cookies.txt https://x.example.com`,
  `openssl req -new -key k.pem -keyform PEM -out r.csr`,
  `openssl enc -d -pass env:PW -in x`,
  `zip -r out.zip dir`,
  `7z x -p archive.7z`,
  `npm config set registry https://r.example.com`,
  `redis-cli -h localhost GET auth`,
  `mysqladmin -u root password`,
  `vault login -method=github`,
  `kubectl create configmap x --from-literal=a=b`,
  `aws dynamodb put-item --table-name t --item file://i.json`,
  `helm install x ./c --set replicaCount=2,image.tag=v1`,
  `setenv PATH /usr/local/bin`,
  `export PWD=/srv/app`,
  `git commit -m "bump session timeout"`,
  `echo "password: reset"`,
  `echo hello | sudo tee /etc/motd`,
  `http POST https://x.example.com X-Request-Id:abc Content-Type:json`,
  `lftp -u bob ftp.example.com`,
  `smbclient //h/s -U bob`,
  `useradd -m bob`,
  `cat package.json | grep author`,
];

test('other members of each second-round family are masked', () => {
  for (const [command, secret] of FAMILY_MEMBERS) {
    const masked = maskSecrets(command);
    assert.ok(!masked.includes(secret), `${JSON.stringify(command)} → ${JSON.stringify(masked)}`);
    assert.ok(masked.includes('***'), command);
  }
});

test('look-alikes of the second-round families stay as written', () => {
  for (const command of LOOK_ALIKES) assert.equal(maskSecrets(command), command);
});

test('argv words hide what masking their command line hid', () => {
  // echo's own argv says nothing; the pipe into docker login does.
  assert.deepEqual(maskArgv(['echo', 'Fm40pipe'], 'echo Fm40pipe | docker login -u x --password-stdin r'), ['echo', '***']);
  // The shell took the quotes off: the value is the whole rest of the word.
  assert.deepEqual(maskArgv(['export', 'API_TOKEN=a b Fm41quoted']), ['export', 'API_TOKEN=***']);
  assert.deepEqual(maskArgv(['git', '-c', 'http.extraHeader=Authorization: Bearer Fm42hdr', 'push']), ['git', '-c', 'http.extraHeader=Authorization: Bearer ***', 'push']);
  assert.deepEqual(maskArgv(['vault', 'login', 'Fm43vault']), ['vault', 'login', '***']);
  assert.deepEqual(maskArgv(['echo', 'hello'], 'echo hello | tee x'), ['echo', 'hello']);
});

test('structured input masks everything under a secret-named key, however deep', () => {
  assert.deepEqual(maskStructured({ auth: { user: 'u', pass: 'Fm50' }, creds: 'u:Fm51', pin: 1234, author: 'Jane', page: 2 }), {
    auth: { user: '***', pass: '***' },
    creds: '***',
    pin: '***',
    author: 'Jane',
    page: 2,
  });
});

// 50 KB of words after a program whose options or positional secrets are masked: a few ms when each
// command is read going forward; a look-behind over the command at every word took 0.2 s to 4 s.
test('masking stays linear on large commands', () => {
  const big = ['curl ' + '-H X '.repeat(10000), 'redis-cli AUTH ' + 'word '.repeat(10000), 'echo a | docker login --password-stdin ' + 'word '.repeat(10000), 'http x ' + 'word '.repeat(10000)];
  for (const text of big) {
    const started = Date.now();
    maskSecrets(text);
    assert.ok(Date.now() - started < 150, `${text.slice(0, 30)}… took ${Date.now() - started} ms`);
  }
});

/**
 * Each rule runs only on text holding what it can't match without (a `:`, an `=`, a `://`, a word its
 * names contain): these are forms each pre-check must let through, in the letter cases the rule reads.
 */
const PRE_CHECKED: Array<[string, string]> = [
  ['X-API-KEY: Pc01hdr', 'Pc01hdr'],
  [`curl -H 'x-auth-token: Pc02hdr' https://x.example.com`, 'Pc02hdr'],
  ['curl -H COOKIE:Pc03hdr https://x.example.com', 'Pc03hdr'],
  [`curl -d '{"PASSWORD": "Pc04json"}' https://x.example.com`, 'Pc04json'],
  [`node -e "f({'Token':'Pc05js'})"`, 'Pc05js'],
  [`curl -d "{\\"jwt\\":\\"Pc06esc\\"}" https://x.example.com`, 'Pc06esc'],
  ['Secret:\tPc07yaml', 'Pc07yaml'],
  ['psql POSTGRES://app:Pc08url@db/x', 'Pc08url'],
  ['git clone HTTPS://Pc09tok@example.com/r.git', 'Pc09tok'],
  [`curl "https://x.example.com/?SIG=Pc10q"`, 'Pc10q'],
  ['notify HTTPS://HOOKS.SLACK.COM/services/T0/B0/Pc11hook', 'Pc11hook'],
  ['DB_PASSWORD=Pc12env ./run', 'Pc12env'],
  ['psql "host=db Password=Pc13conn"', 'Pc13conn'],
  ['tool API-KEY=Pc14param', 'Pc14param'],
  ['aws configure set aws_session_token Pc15aws', 'Pc15aws'],
  [`psql -c "ALTER USER x Password 'Pc16sql'"`, 'Pc16sql'],
  [`mysql -e "create user x IDENTIFIED by 'Pc17sql'"`, 'Pc17sql'],
  ['sshpass -p Pc18opt ssh host', 'Pc18opt'],
  ['vault login Pc19pos', 'Pc19pos'],
  ['deploy --api-key Pc20gen', 'Pc20gen'],
  ['echo ghp_Pc21aaaaaaaaaaaaaaaaaaaaaa', 'ghp_Pc21aaaaaaaaaaaaaaaaaaaaaa'],
  ['x eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.Pc22sig', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.Pc22sig'],
  // Forms whose only tell was missing from the first look, and so were shown as written.
  ['adduser -p Pc23hash bob', 'Pc23hash'],
  ['rpcclient -U bob%Pc24smb fileserver', 'Pc24smb'],
  ['xhs -a bob:Pc25xh example.com/api', 'Pc25xh'],
  ['{"sid": "Pc26sid"}', 'Pc26sid'],
  [`f({sid: 'Pc27sid'})`, 'Pc27sid'],
];

test("each masking rule's pre-check lets its own forms through, in every letter case the rule reads", () => {
  for (const [text, secret] of PRE_CHECKED) {
    const masked = maskSecrets(text);
    assert.ok(!masked.includes(secret), `${JSON.stringify(text)} → ${JSON.stringify(masked)}`);
  }
});

test("a reason masked a line at a time reads as masked whole, with airlock's own lines remembered", () => {
  // decide() masks its reason line by line (maskSecretLines); rules that read across lines (a heredoc, a
  // private key, `aws configure` split over lines, an AWS key id elsewhere in the text) must still see it whole.
  const forms = [...FAMILY_MEMBERS.map(([text]) => text), ...PRE_CHECKED.map(([text]) => text), ...LOOK_ALIKES];
  const acrossLines = [
    '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----',
    'aws\nconfigure set aws_secret_access_key Ml01aws',
    'key id AKIAABCDEFGHIJKLMNOP',
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  ];
  const advice = '  Safer: take a backup first (pg_dump / mysqldump); use redis-cli --scan';
  for (const [i, form] of forms.entries()) {
    const lines = ['airlock is holding this command until a human approves it out of band.', `- ${form}`, advice, ...form.split('\n'), acrossLines[i % acrossLines.length]!];
    for (const fixed of [lines.map(() => false), lines.map((_, k) => k % 2 === 0)]) {
      assert.equal(maskSecretLines(lines, fixed), maskSecrets(lines.join('\n')), JSON.stringify(lines));
      assert.equal(maskSecretLines(lines.slice(0, 3), fixed), maskSecrets(lines.slice(0, 3).join('\n')), JSON.stringify(lines.slice(0, 3)));
    }
  }
});
