// Evidence for the rules in ./typesense.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'typesense/http': {
    catches: [
      'curl -X DELETE -H "X-TYPESENSE-API-KEY: ${TYPESENSE_API_KEY}" http://localhost:8108/collections/companies',
      'curl -X DELETE "https://xyz.a1.typesense.net/collections/companies/documents?filter_by=num_employees:>100" -H "X-TYPESENSE-API-KEY: $KEY"',
      'curl -X DELETE "http://search.internal/collections/companies/documents?filter_by=country:=US"',
      'curl -X DELETE http://localhost:8108/collections/companies/documents/124',
      'curl -X DELETE http://localhost:8108/collections/products/synonyms/coat-synonyms',
      'curl -X DELETE http://localhost:8108/keys/1 -H "X-TYPESENSE-API-KEY: $KEY"',
    ],
    passes: [
      'curl -H "X-TYPESENSE-API-KEY: ${TYPESENSE_API_KEY}" "http://localhost:8108/collections/companies/documents/search?q=stark&query_by=company_name"',
      'curl http://localhost:8108/collections',
      'curl "http://localhost:8108/collections/companies/documents/export"',
      'curl -X DELETE http://localhost:8108/aliases/companies',
      'curl -X POST http://localhost:8108/collections -d \'{"name":"companies","fields":[]}\'',
    ],
  },
};
