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
      'az network dns record-set a remove-record -g dns-rg -z example.com -n www -a 192.0.2.10',
      'az network dns record-set cname delete -g dns-rg -z example.com -n old --yes',
      'az network nic ip-config address-pool remove -g rg --nic-name web1-nic -n ipconfig1 --lb-name web-lb --address-pool web-pool',
      'az network lb address-pool address remove -g rg --lb-name web-lb --pool-name web-pool -n web1',
      'az storage account delete --name acmeprodstorage --resource-group rg-prod --yes',
      'az group delete -n rg-prod --yes',
      'az sql db delete -g rg -s srv -n app',
      'az postgres flexible-server delete -g rg -n pg',
      'az cosmosdb delete -n acme -g rg',
      'az storage blob delete-batch -s container --account-name x',
      'az storage blob delete --account-name acme -c uploads -n invoices/inv-1.pdf',
      'az snapshot delete -g rg-prod -n os-disk-snap-2024-06-01',
      'az sql db ltr-backup delete --location westeurope --server sql-prod --database app --name "abc;123"',
      'az backup protection disable -g rg-prod -v vault-prod -c vm1 -i vm1 --backup-management-type AzureIaasVM --delete-backup-data true --yes',
      'az backup vault delete -g rg-prod -n vault-prod --force',
      'az backup vault backup-properties set -g rg-prod -n vault-prod --soft-delete-feature-state Disable',
      'az backup vault update -g rg-prod -n vault-prod --soft-delete-state Disable',
      'az dataprotection backup-instance delete -g rg-prod --vault-name bv -n pg-prod',
    ],
    passes: [
      'az group list',
      'az account show',
      'az storage account show -n x',
      'az storage blob list --account-name acme -c uploads',
      'az snapshot list -g rg-prod',
      'az backup protection disable -g rg-prod -v vault-prod -c vm1 -i vm1 --backup-management-type AzureIaasVM --delete-backup-data false --yes',
      'az backup recoverypoint list -g rg-prod -v vault-prod -c vm1 -i vm1',
      'az backup vault backup-properties set -g rg-prod -n vault-prod --soft-delete-feature-state Enable',
      'az sql db ltr-backup list --location westeurope --server sql-prod',
      'az network dns record-set a list -g dns-rg -z example.com',
      'az network lb address-pool list -g rg --lb-name web-lb',
      'az network dns record-set a add-record -g dns-rg -z example.com -n www -a 192.0.2.10',
    ],
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
  'azure/azcopy-delete': {
    catches: [
      'azcopy sync ./site "https://acme.blob.core.windows.net/$web" --delete-destination=true',
      'azcopy sync ./site https://acme.blob.core.windows.net/site --recursive --delete-destination true',
      'azcopy sync https://src.blob.core.windows.net/a https://acme.blob.core.windows.net/b --delete-destination=prompt',
      'azcopy remove https://acme.blob.core.windows.net/backups/2024-06.bak',
      'azcopy rm "https://acme.blob.core.windows.net/logs/app" --recursive',
    ],
    passes: [
      'azcopy sync ./site https://acme.blob.core.windows.net/site',
      'azcopy sync ./site https://acme.blob.core.windows.net/site --delete-destination=false',
      'azcopy sync ./site https://acme.blob.core.windows.net/site --delete-destination=true --dry-run',
      'azcopy list https://acme.blob.core.windows.net/site',
      'azcopy copy ./report.pdf https://acme.blob.core.windows.net/docs/report.pdf',
      'azcopy remove https://acme.blob.core.windows.net/logs --recursive --dry-run',
    ],
  },
};
