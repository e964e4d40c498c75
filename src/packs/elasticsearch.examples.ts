// Evidence for the rules in ./elasticsearch.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'elasticsearch/http': {
    catches: [
      'curl -X POST es.internal:9200/_bulk --data-binary @exports/bulk.ndjson',
      'curl -X DELETE \'https://es-prod.internal:9200/logs-*\' -u elastic:"$ES_PASS"',
      'curl -XDELETE localhost:9200/products',
      'curl -X DELETE "http://localhost:9200/_all"',
      'curl -X DELETE https://search.internal:9200/_data_stream/logs-nginx-default',
      'curl -XPOST \'https://es.internal:9200/logs/_delete_by_query\' -d \'{"query":{"match_all":{}}}\'',
      'curl -X POST http://127.0.0.1:9200/orders/_delete_by_query?conflicts=proceed -H \'Content-Type: application/json\' --data-raw \'{"query":{"range":{"@timestamp":{"lt":"now-30d"}}}}\'',
      'curl -X DELETE https://my-deploy.es.us-east-1.aws.found.io:9243/_snapshot/nightly/snap-2024.06.01',
      'curl -X DELETE https://opensearch.example.com/_index_template/logs',
      'http DELETE :9200/users/_doc/42',
      'wget --method=DELETE -qO- http://localhost:9200/metrics-2024.05',
      'curl -X POST es-prod:9200/_bulk -H "Content-Type: application/x-ndjson" --data-binary \'{"delete":{"_index":"users","_id":"1"}}\'',
      'curl -s -X POST localhost:9200/_bulk -H \'Content-Type: application/x-ndjson\' --data-binary @- <<\'EOF\'\n{"delete":{"_index":"users","_id":"7"}}\nEOF',
      'printf \'{"query":{"match_all":{}}}\' > /tmp/q.json && curl -XPOST localhost:9200/logs/_delete_by_query -d @/tmp/q.json',
      'printf \'%s\\n\' \'{"delete":{"_index":"users","_id":"7"}}\' > bulk.ndjson; curl -XPOST localhost:9200/_bulk --data-binary @bulk.ndjson',
      'curl -X DELETE https://search-logs.us-east-1.es.amazonaws.com/_plugins/_ism/policies/rollover',
      'curl -X POST http://localhost:9200/_aliases -d \'{"actions":[{"remove_index":{"index":"users-v1"}}]}\'',
    ],
    passes: [
      'curl -s localhost:9200/_cat/indices?v',
      'curl -X GET "http://localhost:9200/logs/_search" -d \'{"query":{"match_all":{}}}\' -H "Content-Type: application/json"',
      'curl -s http://localhost:9200/logs/_count',
      'curl -X PUT http://localhost:9200/products -d \'{"settings":{"number_of_shards":1}}\'',
      'curl -X POST http://localhost:9200/logs-2024.01/_close',
      'curl -X PUT http://localhost:9200/_cluster/settings -d \'{"persistent":{"cluster.routing.allocation.enable":"all"}}\'',
      'curl -X DELETE http://localhost:9200/_search/scroll -d \'{"scroll_id":"abc"}\'',
      'curl -X DELETE https://es-prod.internal:9200/_pit -d \'{"id":"46ToAwMDaWR5BXV1aWQy"}\'',
      'curl -X DELETE http://localhost:3000/api/todos/1',
      'curl -XPOST localhost:9200/_bulk --data-binary \'{"index":{"_index":"users","_id":"1"}}\'',
      'printf \'%s\\n\' \'{"index":{"_index":"users"}}\' \'{"name":"x"}\' > bulk.ndjson; curl -XPOST localhost:9200/_bulk --data-binary @bulk.ndjson',
      'curl -X POST http://localhost:9200/logs/_update_by_query -d \'{"script":{"source":"ctx._source.n++"}}\'',
    ],
  },
  'elasticsearch/curator': {
    catches: [
      'curator_cli --host es-prod.internal delete_indices --filter_list \'[{"filtertype":"age","source":"creation_date","direction":"older","unit":"days","unit_count":7}]\'',
      'curator_cli delete_snapshots --repository nightly --filter_list \'{"filtertype":"none"}\'',
      'curator --host localhost delete indices --older-than 30 --time-unit days --timestring %Y.%m.%d',
    ],
    passes: ['curator --dry-run delete indices --older-than 30', 'curator_cli --dry-run delete_indices --filter_list \'{"filtertype":"none"}\'', 'curator_cli show_indices', 'curator_cli --help'],
  },
};
