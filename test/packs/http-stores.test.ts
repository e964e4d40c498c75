// What deleting over HTTP means, by where the request goes: the developer's own application on
// loopback is a write; a data store on loopback (by its port or its API's path) and any remote server
// a destroy; the request's server is the evidence of its environment. And every request is reported
// once: a service's pack speaks for what it knows, the generic HTTP rule for the rest.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseUrl } from '../../src/rules/http.js';
import { check } from '../helpers.js';

test('URLs are read as curl and HTTPie read them', () => {
  assert.deepEqual(parseUrl('es-prod.internal:9200/logs-*?pretty'), {
    text: 'es-prod.internal:9200/logs-*?pretty',
    host: 'es-prod.internal',
    port: '9200',
    path: '/logs-*',
    query: 'pretty',
    origin: 'http://es-prod.internal:9200',
    loopback: false,
  });
  assert.equal(parseUrl(':7700/indexes/movies')?.host, 'localhost');
  assert.equal(parseUrl('http://elastic:secret@[::1]:9200/x')?.loopback, true);
  assert.equal(parseUrl('HTTPS://LOCALHOST/x')?.origin, 'https://localhost');
  assert.equal(parseUrl('http://127.0.0.2:8108/collections/c')?.loopback, true);
});

test("a DELETE to the developer's own application on loopback is a write", async () => {
  for (const command of ['curl -X DELETE http://localhost:3000/api/todos/1', 'http DELETE :8000/api/sessions/current', 'curl -X DELETE http://127.0.0.1:5000/users/7']) {
    const decision = await check(command);
    assert.equal(decision.verdict, 'allow', command);
    assert.equal(decision.effect, 'write', command);
  }
});

test('deleting from a data store on loopback is a destroy, by its port or its path', async () => {
  for (const command of [
    'curl -X DELETE localhost:9200/logs',
    'curl -X DELETE http://localhost:7700/indexes/movies',
    'curl -X DELETE http://localhost:8108/collections/companies',
    'curl -X DELETE http://127.0.0.1:5984/orders',
    'http DELETE :8086/api/v2/buckets/0a1b',
    'curl -X DELETE http://localhost:6333/collections/docs',
    "curl -X POST -g 'http://localhost:9090/api/v1/admin/tsdb/delete_series?match[]=up'",
    // On a port of its own choosing, its API's path still says what it is.
    'curl -X DELETE http://localhost:19200/logs/_doc/1',
    'curl -X DELETE http://localhost:4000/indexes/movies',
  ]) {
    const decision = await check(command);
    assert.equal(decision.effect, 'destroy', command);
    assert.equal(decision.environment, 'local', command);
    assert.notEqual(decision.verdict, 'allow', command);
  }
});

test("the request's server is the target: its host says the environment", async () => {
  const prod = await check('curl -X DELETE es-prod.internal:9200/logs');
  assert.equal(prod.environment, 'production');
  assert.ok(prod.evidence.some((e) => e.value === 'http://es-prod.internal:9200' && e.source === "the request's server"));
  const staging = await check('curl -X POST https://meili.staging.example.com/indexes/movies/documents/delete-batch -d "[1]"');
  assert.equal(staging.environment, 'staging');
});

test('a request a service pack knows is reported once, by that pack', async () => {
  for (const [command, rule] of [
    ["curl -X DELETE 'https://es-prod.internal:9200/logs-*'", 'elasticsearch/http'],
    ['curl -X DELETE http://localhost:7700/indexes/movies', 'meilisearch/http'],
    ['curl -X DELETE http://localhost:8080/v1/schema/Article', 'weaviate/http'],
  ] as const) {
    const decision = await check(command);
    assert.deepEqual(
      decision.findings.map((f) => f.rule),
      [rule],
      command,
    );
  }
});
