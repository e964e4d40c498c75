// Evidence for the rules in ./solr.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'solr/cli': {
    catches: ['bin/solr delete -c techproducts', 'solr delete -c films --delete-config false', './bin/solr zk rm -r /configs/techproducts -z localhost:9983'],
    passes: ['bin/solr start -c -p 8983', 'bin/solr status', 'bin/solr create -c films', 'bin/solr zk ls /configs -z localhost:9983', 'bin/solr delete --help'],
  },
  'solr/post': {
    catches: [
      "bin/post -c gettingstarted -d '<delete><id>SP2514N</id></delete>'",
      'bin/post -c films -d "<delete><query>*:*</query></delete>"',
      'bin/solr post -c films -d \'{"delete":{"query":"*:*"}}\'',
    ],
    passes: ['bin/post -c gettingstarted example/exampledocs/*.xml', 'bin/post -c films -d \'<add><doc><field name="id">1</field></doc></add>\'', 'bin/solr post -c films films.json'],
  },
  'solr/http': {
    catches: [
      'curl http://localhost:8983/solr/techproducts/update?commit=true -H "Content-Type: text/xml" --data-binary \'<delete><query>*:*</query></delete>\'',
      'curl -X POST -H \'Content-Type: application/json\' \'http://localhost:8983/solr/films/update?commit=true\' -d \'{"delete":{"query":"*:*"}}\'',
      'curl "http://localhost:8983/solr/admin/collections?action=DELETE&name=films"',
      'curl "https://solr.prod.internal/solr/admin/cores?action=UNLOAD&core=films&deleteIndex=true"',
      "curl -X POST 'http://localhost:8983/solr/films/update?commit=true' -H 'Content-Type: text/xml' --data-binary @- <<'XML'\n<delete><query>genre:*</query></delete>\nXML",
      'curl "http://localhost:8983/solr/films/update?commit=true&stream.body=%3Cdelete%3E%3Cquery%3E*%3A*%3C%2Fquery%3E%3C%2Fdelete%3E"',
    ],
    passes: [
      'curl "http://localhost:8983/solr/films/select?q=*:*&rows=0"',
      'curl "http://localhost:8983/solr/admin/collections?action=LIST"',
      'curl -X POST http://localhost:8983/solr/films/update?commit=true -H \'Content-Type: application/json\' -d \'[{"id":"1","name":"x"}]\'',
      'curl "http://localhost:8983/solr/admin/collections?action=BACKUP&name=films-backup&collection=films&location=/backups"',
      'curl "http://localhost:8983/solr/admin/cores?action=UNLOAD&core=films"',
    ],
  },
};
