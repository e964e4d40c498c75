// Evidence for the rules in ./azure.ts: commands each must catch and look-alikes it must let through.
// Only test/rules/examples.test.ts reaches this file (through ./examples.ts): no bundle holds it.

import type { RuleExamples } from '../rules/rule.js';

export const examples: RuleExamples = {
  'azure/delete': {
    catches: [
      'az keyvault secret delete --vault-name kv-prod -n stripe-key',
      'az keyvault secret purge --vault-name kv-prod --name stripe-key',
      'az keyvault key delete --vault-name kv-prod --name data-key',
      'az keyvault key purge --vault-name kv-prod --name data-key',
      'az keyvault delete --name kv-prod',
      'az keyvault purge --name kv-prod',
      'az acr repository delete --name acmeregistry --repository api --yes',
      'az storage account delete --name acmeprodstorage --resource-group rg-prod --yes',
      'az group delete -n rg-prod --yes',
      'az sql db delete -g rg -s srv -n app',
      'az postgres flexible-server delete -g rg -n pg',
      'az cosmosdb delete -n acme -g rg',
      'az storage blob delete-batch -s container --account-name x',
    ],
    passes: ['az group list', 'az account show', 'az storage account show -n x'],
  },
};
