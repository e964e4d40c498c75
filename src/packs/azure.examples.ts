// Evidence for the rules in ./azure.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'azure/delete': {
    catches: [
      'az storage account delete --name acmeprodstorage --resource-group rg-prod --yes',
      'az group delete -n rg-prod --yes',
      'az sql db delete -g rg -s srv -n app',
      'az postgres flexible-server delete -g rg -n pg',
      'az cosmosdb delete -n acme -g rg',
      'az storage blob delete-batch -s container --account-name x',
      'az storage blob delete --account-name acme -c uploads -n invoices/inv-1.pdf',
    ],
    passes: ['az group list', 'az account show', 'az storage account show -n x', 'az storage blob list --account-name acme -c uploads'],
  },
  'azure/change': {
    catches: [
      'az webapp deploy -g rg-prod -n acme-web --src-path app.zip',
      'az storage blob upload --account-name acmeprodstore -c assets -f dist/app.js -n app.js',
      'az sql db import -g rg-prod -s sql-prod -n app --storage-uri https://x/y.bacpac',
      'az containerapp update -n api -g rg-prod --image acme/api:2',
      'az deployment group create -g rg-prod --template-file main.bicep',
    ],
    passes: [
      'az account set --subscription acme-prod',
      'az webapp list -g rg-prod',
      'az deployment group create -g rg-prod --template-file main.bicep --what-if',
      'az login',
      'az webapp deploy --help',
    ],
  },
};
