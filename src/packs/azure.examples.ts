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
    ],
    passes: ['az group list', 'az account show', 'az storage account show -n x'],
  },
  'azure/complete-deployment': {
    catches: [
      'az deployment group create --mode Complete -g rg-prod -f main.bicep',
      'az deployment group create -g rg --template-file azuredeploy.json --mode complete',
      'az group deployment create -g rg --mode Complete --template-file t.json',
    ],
    passes: ['az deployment group create -g rg -f main.bicep', 'az deployment group create --mode Incremental -g rg -f main.bicep', 'az deployment group what-if --mode Complete -g rg -f main.bicep'],
  },
};
