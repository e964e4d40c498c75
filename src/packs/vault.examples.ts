// Evidence for the rules in ./vault.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'vault/destroy': {
    catches: [
      'vault secrets disable secret/',
      'vault secrets disable -address=https://vault.prod.acme.io aws/',
      'vault auth disable github',
      'vault kv destroy -mount=secret -versions=2,3 app/db',
      'vault kv destroy -versions 1 secret/app/db',
      'vault kv metadata delete -mount=secret app/db',
      'vault kv delete secret/app/db',
      'vault kv delete --mount secret app/db',
      'vault kv put -mount=secret app/db password=hunter2',
      'VAULT_ADDR=https://vault.prod.acme.io vault delete database/roles/readonly',
      'vault policy delete admin',
      'vault namespace delete team-a',
      'vault lease revoke -prefix database/creds',
      'vault lease revoke -force -prefix aws/creds/deploy',
      'vault token revoke -mode=path auth/github',
      'vault operator raft remove-peer node-3',
      'vault operator raft snapshot restore -force backup.snap',
      'bao secrets disable kv/',
      'vault newfeature delete thing',
    ],
    passes: [
      'vault kv get -mount=secret app/db',
      'vault kv list secret/',
      'vault kv metadata get -mount=secret app/db',
      'vault read database/creds/readonly',
      'vault secrets list -detailed',
      'vault status',
      'vault kv undelete -mount=secret -versions=3 app/db',
      'vault kv patch -mount=secret app/db api_key=x',
      'vault operator raft snapshot save backup.snap',
      'vault kv delete -h',
      'vault secrets disable -output-curl-string secret/',
      'vault lease revoke database/creds/readonly/27e1b9a1',
      'vault token revoke -self',
      'vault kv delete -mount=secret -versions=1,4 app/db',
    ],
  },
  'vault/change': {
    catches: [
      'vault kv patch -mount=secret app/db api_key=x',
      'vault write database/roles/readonly db_name=app',
      'vault secrets enable -path=kv kv-v2',
      'vault policy write admin admin.hcl',
      'vault lease revoke database/creds/readonly/27e1b9a1',
      'vault token revoke 96ddf4bc-d217-f3ba-f9bd-017055595017',
      'vault operator seal',
      'vault secrets move secret/ kv/',
    ],
    passes: ['vault kv get secret/app', 'vault read sys/mounts', 'vault token lookup', 'vault policy read admin', 'vault write -output-curl-string database/roles/readonly db_name=app'],
  },
};
