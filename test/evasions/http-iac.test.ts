// HTTP and infrastructure-as-code indirection (issue 12, point 4): the method or the -destroy comes
// from somewhere other than the command's own words. Each case runs for real (see cases.ts): HTTP
// requests go to a small server this test runs, which deletes a scratch file when it is asked to
// delete, as an API honouring the same request would; Terraform destroys real terraform_data resources.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after } from 'node:test';
import { bashAsync, evasionTests, type EvasionCase } from './cases.js';

/** The scratch directory of the case running now: the server deletes under it. */
let scratch = '';
const server = createServer((req, res) => {
  const method = String(req.headers['x-http-method-override'] ?? req.headers['x-http-method'] ?? req.method).toUpperCase();
  // A request through a proxy names the whole URL (`POST http://api.example.com:1234/v1/…`): its path is the record.
  const file = join(scratch, 'records', new URL(req.url ?? '/', 'http://proxy.invalid').pathname.replace(/[^\w/.-]/g, '_'));
  if (method === 'DELETE' && existsSync(file)) unlinkSync(file);
  res.end('{}');
  req.resume();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
after(() => server.close());
const port = (server.address() as AddressInfo).port;

/** A record the API holds at `path`, kept as a file under records/. */
const record = (path: string) => (dir: string) => {
  scratch = dir;
  mkdirSync(join(dir, 'records', path, '..'), { recursive: true });
  writeFileSync(join(dir, 'records', path), '{"id": 42}');
};
const recordGone = (path: string) => (dir: string) => (existsSync(join(dir, 'records', path)) ? `${path} is still there` : true);
/** The API is reached as api.example.com, resolved to this test's server. */
const API = `--resolve api.example.com:${port}:127.0.0.1`;
const USER = `http://api.example.com:${port}/v1/users/42`;

const http = (command: string, path: string, setup: (dir: string) => void = record(path)): EvasionCase => ({ command, needs: ['curl'], setup, destroyed: recordGone(path), run: bashAsync });

const MAIN_TF = 'resource "terraform_data" "db" {\n  input = "precious"\n}\n';
/** A Terraform configuration with one real resource, applied. */
function applied(dir: string): void {
  writeFileSync(join(dir, 'main.tf'), MAIN_TF);
  const env = { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' };
  execFileSync('terraform', ['init', '-input=false'], { cwd: dir, env, stdio: 'ignore' });
  execFileSync('terraform', ['apply', '-auto-approve', '-input=false'], { cwd: dir, env, stdio: 'ignore' });
  const list = execFileSync('terraform', ['state', 'list'], { cwd: dir, env, encoding: 'utf8' });
  if (!list.includes('terraform_data.db')) throw new Error(`the resource was not created: ${list}`);
}
const resourcesGone = (dir: string) => {
  const list = spawnSync('terraform', ['state', 'list'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  return list.status === 0 && list.stdout.trim() === '' ? true : `the state still holds: ${list.stdout.trim() || list.stderr.trim()}`;
};
const terraform = (command: string): EvasionCase => ({ command, needs: ['terraform'], setup: applied, destroyed: resourcesGone });

const cases: EvasionCase[] = [
  http(`curl -s ${API} -X POST -H 'X-HTTP-Method-Override: DELETE' ${USER}`, 'v1/users/42'),
  http(`curl -s ${API} -K req.cfg`, 'v1/users/42', (dir) => {
    record('v1/users/42')(dir);
    writeFileSync(join(dir, 'req.cfg'), `url = "${USER}"\nrequest = "DELETE"\n`);
  }),
  http(`curl -s ${API} -K - ${USER} <<< 'request = DELETE'`, 'v1/users/42'),
  // What `kubectl proxy &` serves on localhost:8001: the cluster's API, here on this test's port.
  http(`curl -s -X DELETE http://127.0.0.1:${port}/api/v1/namespaces/payments`, 'api/v1/namespaces/payments'),
  // HTTPie has no --resolve: it reaches api.example.com through this test's server as its proxy.
  { ...http(`http --ignore-stdin --proxy=http:http://127.0.0.1:${port} POST ${USER} X-HTTP-Method-Override:DELETE`, 'v1/users/42'), needs: ['http'] },
  terraform('TF_CLI_ARGS_apply=-destroy terraform apply -auto-approve -input=false'),
  terraform('TF_CLI_ARGS=-destroy terraform apply -auto-approve -input=false'),
  terraform('terraform plan -destroy -input=false -out=p && terraform apply -input=false p'),
  terraform('export TF_CLI_ARGS_apply=-destroy; terraform apply -auto-approve -input=false'),
];

evasionTests('HTTP and IaC indirection', cases);
